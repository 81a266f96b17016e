#!/usr/bin/env node
// What an idle poll of the Moment Poll Trigger costs, measured inside a real n8n (2.41.3, the cached
// install of the e2e suite) against the Moment simulator with 150 ms latency and Moment's 30
// requests/s per key limit on: 10,000 invoices, nothing changes, one poll every 10 s. Per poll:
// requests, 429s, wall time (first request sent to last answer), the most requests started within
// any one second, and the executions n8n ran (none expected); afterwards the bytes of static data
// n8n stored for the 10,000 invoices. Results and method: docs/benchmarks.md ("Idle poll").
//
//   node test/bench/pollIdle.mjs             (npm run bench:poll) prints the results
//   node test/bench/pollIdle.mjs --write     ... and rewrites that section of docs/benchmarks.md
// Options: --invoices N (10000), --polls N (10), --every S (10).
// Environment: E2E_DIR (cache), BENCH_TARBALL (this .tgz instead of building one), N8N_POLL_PORT,
// N8N_POLL_BROKER_PORT, N8N_POLL_EXEC_BROKER_PORT, N8N_POLL_SIMULATOR_PORT. Stops every process it
// started, also on failure or Ctrl-C.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_DIR, ensureN8n, NODE24_VERSION } from '../e2e/lib/install.mjs';
import { N8n } from '../e2e/lib/n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../e2e/lib/package.mjs';
import { assertPortsFree, portsFromEnv } from '../e2e/lib/ports.mjs';
import { installExitHandlers, onStop, stopAll } from '../e2e/lib/processes.mjs';
import { pollWorkflow } from '../e2e/lib/workflows.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const simLib = createRequire(import.meta.url)('../simulator');
const N8N_VERSION = '2.41.3';
const WORKFLOW_ID = 'benchPollIdle001';
const OWNER = { email: 'bench@example.com', password: 'BenchTest-Passw0rd1', firstName: 'Bench', lastName: 'Owner' };
const MARKERS = ['<!-- bench:poll:start -->', '<!-- bench:poll:end -->'];
const log = (msg) => process.stderr.write(`[bench-poll ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function options(argv) {
	const value = (name, fallback) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? Number(argv[i + 1]) : fallback;
	};
	return { write: argv.includes('--write'), invoices: value('invoices', 10000), polls: value('polls', 10), every: value('every', 10), latencyMs: 150, rateLimit: 30 };
}

/** Splits the simulator's log into polls (each begins with page 0) and measures each. */
function measurePolls(entries) {
	const polls = [];
	for (const entry of entries) {
		if (entry.entity !== 'invoices') continue;
		if (entry.query.page === '0' || polls.length === 0) polls.push([]);
		polls.at(-1).push(entry);
	}
	return polls.map((requests) => {
		const starts = requests.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
		let peak = 0;
		for (let i = 0, j = 0; i < starts.length; i++) {
			while (starts[i] - starts[j] >= 1000) j++;
			peak = Math.max(peak, i - j + 1);
		}
		const ends = requests.map((r) => Date.parse(r.time) + r.durationMs);
		return { requests: requests.length, status429: requests.filter((r) => r.status === 429).length, failed: requests.filter((r) => r.status !== 200).length, ms: Math.max(...ends) - starts[0], peakPerSecond: peak };
	});
}

function markdown({ config, polls, executions, staticBytes, env }) {
	const ms = polls.map((p) => p.ms);
	return [
		MARKERS[0],
		`Run on ${env.date} with \`npm run bench:poll -- --write\` (${env.machine}; n8n ${N8N_VERSION} on Node ${NODE24_VERSION}, regular mode, SQLite; load average ${env.load.map((l) => l.toFixed(1)).join(' → ')}).`,
		'',
		`| ${config.invoices.toLocaleString('en-US')} invoices, nothing changed, ${polls.length} polls | measured |`,
		'| --- | --- |',
		`| requests per poll | ${[...new Set(polls.map((p) => p.requests))].join(', ')} (minimum ⌈${config.invoices}/500⌉ = ${Math.ceil(config.invoices / 500)}) |`,
		`| 429 answers / failed requests | ${polls.reduce((s, p) => s + p.status429, 0)} / ${polls.reduce((s, p) => s + p.failed, 0)} |`,
		`| most requests started within one second | ${Math.max(...polls.map((p) => p.peakPerSecond))} (Moment allows 30) |`,
		`| wall time per poll, median (min–max) | ${(median(ms) / 1000).toFixed(2)} s (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s) |`,
		`| executions n8n ran | ${executions} |`,
		`| static data n8n stored for the trigger | ${staticBytes.toLocaleString('en-US')} bytes (${(staticBytes / config.invoices).toFixed(1)} per invoice) |`,
		'',
		`Per poll (requests, wall time): ${polls.map((p) => `${p.requests} / ${(p.ms / 1000).toFixed(2)} s`).join('; ')}.`,
		MARKERS[1],
	].join('\n');
}

async function main() {
	installExitHandlers();
	const config = options(process.argv.slice(2));
	const ports = portsFromEnv('N8N_POLL_', { n8n: 5720, broker: 5721, execBroker: 5722, simulator: 5726 });
	mkdirSync(E2E_DIR, { recursive: true });
	const workRoot = mkdtempSync(join(E2E_DIR, 'bench-poll.'));
	const loadAtStart = loadavg()[0];
	let failed = false;
	try {
		await assertPortsFree(ports);
		const { binary, nodeEnv } = await ensureN8n(N8N_VERSION);
		const tgz = process.env.BENCH_TARBALL ? resolve(process.env.BENCH_TARBALL) : buildAndPack(REPO, workRoot);
		const sim = await simLib.startSimulator({ port: ports.simulator, counts: { invoices: config.invoices }, latencyMs: config.latencyMs, rateLimit: { enabled: true, requestsPerSecond: config.rateLimit } });
		onStop(() => sim.close());
		const n8n = new N8n({ version: N8N_VERSION, binary, nodeEnv, dir: join(workRoot, 'n8n'), ports });
		onStop(() => n8n.stop());
		installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });
		const credential = { id: 'benchMomentCred1', name: 'Moment (simulator)', type: 'momentApi', data: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url } };
		await n8n.importCredentials([credential]);
		const parameters = { resource: 'invoice', event: 'newOrChanged', includeDeleted: false, start: 'nothing', fetchFullRecord: false, filters: {}, options: {} };
		await n8n.importWorkflow(pollWorkflow({ id: WORKFLOW_ID, credential, recorderUrl: 'http://127.0.0.1:9', parameters, seconds: config.every }), { activate: true });
		await n8n.start();
		await n8n.setupOwner(OWNER);
		log(`n8n ${N8N_VERSION} polls ${config.invoices} invoices every ${config.every} s (simulator: ${config.latencyMs} ms latency, ${config.rateLimit} requests/s per key)`);
		// the first poll (at activation) remembers the invoices; the idle polls start after it
		const deadline = Date.now() + (config.polls + 3) * config.every * 1000 + 60_000;
		let polls = [];
		while (Date.now() < deadline) {
			polls = measurePolls(sim.log());
			if (polls.length >= config.polls + 2) break;
			await sleep(500);
		}
		const idle = polls.slice(1, config.polls + 1);
		if (idle.length < config.polls) throw new Error(`only ${idle.length} idle polls were seen in time`);
		const executions = (await n8n.executions(WORKFLOW_ID)).length;
		await n8n.stop();
		const stored = (await n8n.exportWorkflow(WORKFLOW_ID)).staticData ?? {};
		const env = { date: new Date().toISOString().slice(0, 10), machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`, load: [loadAtStart, loadavg()[0]] };
		const section = markdown({ config, polls: idle, executions, staticBytes: JSON.stringify(stored).length, env });
		console.log(`\n${section}\n`);
		if (config.write) {
			const file = join(REPO, 'docs', 'benchmarks.md');
			const text = readFileSync(file, 'utf8');
			const [start, end] = [text.indexOf(MARKERS[0]), text.indexOf(MARKERS[1])];
			if (start < 0 || end < start) throw new Error(`${file} has no ${MARKERS.join(' … ')} section`);
			writeFileSync(file, text.slice(0, start) + section + text.slice(end + MARKERS[1].length));
			log(`wrote ${file}`);
		}
		const ok = idle.every((p) => p.requests === Math.ceil(config.invoices / 500) && p.failed === 0 && p.peakPerSecond <= config.rateLimit) && executions === 0;
		console.log(`bench-poll: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
		failed = !ok;
	} catch (error) {
		failed = true;
		log(`failed: ${error.stack ?? error}`);
		console.log('bench-poll: 0 passed, 1 failed');
	} finally {
		await stopAll();
	}
	if (failed) log(`run folder kept: ${workRoot}`);
	else rmSync(workRoot, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

main();
