#!/usr/bin/env node
// What "each event once" costs per execution, inside a real n8n (2.41.3, the cached install of the
// e2e suite): the Moment node's Event > Pass Each Once against n8n's Remove Duplicates node
// ("Remove Items Processed in Previous Executions", Value Is New), both remembering 10,000 keys.
// Each workflow is Webhook (POST, answers when the workflow is done) → Split Out (the body's
// items) → the filter; its items carry a `changeKey` as the Moment triggers' do. The history is
// filled first with one execution of many items, then single-key executions run one after the
// other, as webhook deliveries do. Per execution: the filter node's own time (n8n's run data) and
// the whole execution (startedAt → stoppedAt). Results and method: docs/benchmarks.md ("Each
// event once").
//
//   node test/bench/repeatFilter.mjs            (npm run bench:repeats) prints the results
//   node test/bench/repeatFilter.mjs --write    ... and rewrites that section of docs/benchmarks.md
// Options: --runs N (measured executions per variant, 50), --db sqlite|postgres (sqlite, n8n's
// default), --no-max (leave out Pass Each Once at its maximum, 100,000).
// Environment: E2E_DIR (cache), BENCH_TARBALL (this .tgz instead of building one), N8N_BENCH_PORT,
// N8N_BENCH_BROKER_PORT, N8N_BENCH_EXEC_BROKER_PORT, N8N_BENCH_POSTGRES_PORT. Stops every process
// it started, also on failure or Ctrl-C.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_DIR, ensureN8n, NODE24_VERSION } from '../e2e/lib/install.mjs';
import { N8n } from '../e2e/lib/n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../e2e/lib/package.mjs';
import { assertPortsFree, portsFromEnv } from '../e2e/lib/ports.mjs';
import { startPostgres } from '../e2e/lib/postgres.mjs';
import { installExitHandlers, onStop, stopAll } from '../e2e/lib/processes.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const N8N_VERSION = '2.41.3';
const OWNER = { email: 'bench@example.com', password: 'BenchTest-Passw0rd1', firstName: 'Bench', lastName: 'Owner' };
const MARKERS = ['<!-- bench:repeats:start -->', '<!-- bench:repeats:end -->'];
const WARM_UP = 5;
const log = (msg) => process.stderr.write(`[bench-repeats ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);

function options(argv) {
	const text = (name) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	return { write: argv.includes('--write'), runs: Number(text('runs') ?? 50), database: text('db') ?? 'sqlite', max: !argv.includes('--no-max') };
}

/**
 * The variants: the filter, the history it keeps, and how many keys are in it before the measured
 * executions. Remove Duplicates refuses to run once its history would pass History Size (n8n issue
 * 38475), so it is filled to 10,000 minus the executions still to come and ends just below full.
 */
function variants({ runs, max }) {
	const rd = 10_000 - WARM_UP - runs;
	return [
		{ key: 'moment-empty', label: 'Pass Each Once, history starting empty', filter: 'moment', remember: 10_000, fill: 0 },
		{ key: 'rd-empty', label: 'Remove Duplicates, history starting empty', filter: 'removeDuplicates', remember: 10_000, fill: 0 },
		{ key: 'moment-10k', label: 'Pass Each Once, 10,000 remembered (full)', filter: 'moment', remember: 10_000, fill: 10_000 },
		{ key: 'rd-10k', label: `Remove Duplicates, History Size 10,000 (${rd.toLocaleString('en-US')} → ${(rd + WARM_UP + runs).toLocaleString('en-US')} kept)`, filter: 'removeDuplicates', remember: 10_000, fill: rd },
		...(max ? [{ key: 'moment-100k', label: 'Pass Each Once, 100,000 remembered (full, its maximum)', filter: 'moment', remember: 100_000, fill: 100_000 }] : []),
	];
}

function workflowFor(variant, index) {
	const id = `benchRepeats${String(index).padStart(4, '0')}`;
	const path = `bench-repeats-${variant.key}`;
	const webhook = { id: `${id}-w`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${path}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} } };
	const split = { id: `${id}-s`, name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.items', options: {} } };
	const filter =
		variant.filter === 'moment'
			? { id: `${id}-f`, name: 'Filter', type: 'n8n-nodes-moment.moment', typeVersion: 1.1, position: [440, 0], parameters: { resource: 'event', operation: 'passEachOnce', key: 'automatic', rememberLast: variant.remember, repeats: 'drop' } }
			: {
					id: `${id}-f`,
					name: 'Filter',
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					position: [440, 0],
					parameters: { operation: 'removeItemsSeenInPreviousExecutions', logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.changeKey }}', options: { historySize: variant.remember } },
				};
	const connections = { Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'Filter', type: 'main', index: 0 }]] } };
	return { id, name: `Bench: ${variant.label}`, nodes: [webhook, split, filter], connections, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' }, pinData: {} };
}

const keyOf = (variant, i) => `invoice:${variant.key}-${i}:version=1`;
const items = (variant, from, count) => Array.from({ length: count }, (_, i) => ({ changeKey: keyOf(variant, from + i) }));
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

/** Run data as n8n stores it (the `flatted` format), parsed with n8n's own copy of flatted. */
function runData(n8nDir, body) {
	const flatted = createRequire(join(n8nDir, 'node_modules', 'n8n', 'package.json'))('flatted');
	const data = typeof body.data === 'string' ? flatted.parse(body.data) : body.data;
	return data.resultData.runData;
}

async function measureVariant(n8n, n8nDir, variant, workflow, runs) {
	const path = workflow.nodes[0].parameters.path;
	const t0 = Date.now();
	for (let from = 0; from < variant.fill; from += 20_000) {
		const res = await n8n.postWebhook(path, { items: items(variant, from, Math.min(20_000, variant.fill - from)) }, { timeoutMs: 300_000 });
		if (res.status !== 200) throw new Error(`${variant.label}: filling the history answered ${res.status}: ${res.text.slice(0, 300)}`);
	}
	log(`${variant.label}: ${variant.fill} keys recorded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	const failed = [];
	for (let i = 0; i < WARM_UP + runs; i++) {
		const res = await n8n.postWebhook(path, { items: items(variant, variant.fill + i, 1) }, { timeoutMs: 120_000 });
		if (res.status !== 200) failed.push(`${res.status} ${res.text.slice(0, 200)}`);
	}
	const { status, body } = await n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}&limit=${WARM_UP + runs + 5}`);
	if (status !== 200) throw new Error(`GET /rest/executions answered ${status}`);
	const measured = body.data.results
		.filter((e) => e.status === 'success')
		.sort((a, b) => Number(a.id) - Number(b.id))
		.slice(-runs);
	const node = [];
	const execution = [];
	for (const e of measured) {
		const full = await n8n.rest('GET', `/executions/${e.id}`);
		node.push(runData(n8nDir, full.body.data)['Filter'][0].executionTime);
		execution.push(Date.parse(e.stoppedAt) - Date.parse(e.startedAt));
	}
	const errors = body.data.results.filter((e) => e.status !== 'success').length;
	// one key more: Remove Duplicates refuses (its history is at History Size), Pass Each Once goes on
	const more = await n8n.postWebhook(path, { items: items(variant, variant.fill + WARM_UP + runs, 1) }, { timeoutMs: 120_000 });
	const after = await n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}&limit=1`);
	const last = after.body.data.results[0];
	const lastError = last.status === 'success' ? undefined : runError(n8nDir, (await n8n.rest('GET', `/executions/${last.id}`)).body.data);
	return { ...variant, node, execution, failed, errors, oneMore: { answer: more.status, status: last.status, error: lastError } };
}

function runError(n8nDir, body) {
	const flatted = createRequire(join(n8nDir, 'node_modules', 'n8n', 'package.json'))('flatted');
	const data = typeof body.data === 'string' ? flatted.parse(body.data) : body.data;
	return data.resultData.error?.message;
}

const ms = (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

function markdown({ results, env, config }) {
	const next = (r) => (r.oneMore.status === 'success' ? 'runs' : `**fails**: "${r.oneMore.error ?? r.oneMore.status}"`);
	const rows = results.map((r) => `| ${r.label} | ${ms(quantile(r.node, 0.5))} (${ms(quantile(r.node, 0.9))}) | ${ms(quantile(r.execution, 0.5))} (${ms(quantile(r.execution, 0.9))}) | ${r.failed.length + r.errors} | ${next(r)} |`);
	return [
		MARKERS[0],
		`Run on ${env.date} with \`npm run bench:repeats -- --write\` (${env.machine}; n8n ${N8N_VERSION} on Node ${NODE24_VERSION}, regular mode, ${config.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}; load average ${env.load.map((l) => l.toFixed(1)).join(' → ')}). ${config.runs} executions of one key each per variant, after ${WARM_UP} not measured; median (90th percentile).`,
		'',
		'| Filter and history | the filter node | the whole execution | failed executions | one key more |',
		'| --- | --- | --- | --- | --- |',
		...rows,
		MARKERS[1],
	].join('\n');
}

async function main() {
	installExitHandlers();
	const config = options(process.argv.slice(2));
	const ports = portsFromEnv('N8N_BENCH_', { n8n: 5710, broker: 5711, execBroker: 5712, postgres: 5719 });
	mkdirSync(E2E_DIR, { recursive: true });
	const workRoot = mkdtempSync(join(E2E_DIR, 'bench-repeats.'));
	const loadAtStart = loadavg()[0];
	let failed = false;
	try {
		await assertPortsFree(ports);
		const { binary, nodeEnv } = await ensureN8n(N8N_VERSION);
		const n8nDir = join(E2E_DIR, `n8n-${N8N_VERSION}`);
		const tgz = process.env.BENCH_TARBALL ? resolve(process.env.BENCH_TARBALL) : buildAndPack(REPO, workRoot);
		const postgres = config.database === 'postgres' ? await startPostgres(ports.postgres) : null;
		if (postgres) onStop(() => postgres.stop());
		const n8n = new N8n({ version: N8N_VERSION, binary, nodeEnv, dir: join(workRoot, 'n8n'), ports, extraEnv: { ...(postgres?.env ?? {}), N8N_PAYLOAD_SIZE_MAX: '64' } });
		onStop(() => n8n.stop());
		installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });
		const list = variants(config);
		const workflows = list.map((variant, i) => workflowFor(variant, i + 1));
		const dir = join(n8n.dir, 'workflows');
		mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await n8n.cli(['import:workflow', '--separate', `--input=${dir}`]);
		for (const workflow of workflows) await n8n.activate(workflow.id);
		await n8n.start();
		await n8n.setupOwner(OWNER);
		const results = [];
		for (const [i, variant] of list.entries()) {
			results.push(await measureVariant(n8n, n8nDir, variant, workflows[i], config.runs));
			const r = results.at(-1);
			log(`${r.label}: node ${ms(quantile(r.node, 0.5))}, execution ${ms(quantile(r.execution, 0.5))} (median of ${r.node.length}); ${r.failed.length + r.errors} failed`);
		}
		await n8n.stop();
		const env = { date: new Date().toISOString().slice(0, 10), machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`, load: [loadAtStart, loadavg()[0]] };
		const section = markdown({ results, env, config });
		console.log(`\n${section}\n`);
		if (config.write) {
			const file = join(REPO, 'docs', 'benchmarks.md');
			const text = readFileSync(file, 'utf8');
			const [start, end] = [text.indexOf(MARKERS[0]), text.indexOf(MARKERS[1])];
			if (start < 0 || end < start) throw new Error(`${file} has no ${MARKERS.join(' … ')} section`);
			writeFileSync(file, text.slice(0, start) + section + text.slice(end + MARKERS[1].length));
			log(`wrote ${file}`);
		}
		// what is measured is checked too: every measured execution ran, Pass Each Once goes on past
		// its window, and Remove Duplicates fails past History Size (n8n issue 38475)
		const ok = results.every((r) => r.node.length === config.runs && r.failed.length === 0 && r.errors === 0 && (r.filter === 'moment' || r.fill === 0 ? r.oneMore.status === 'success' : r.oneMore.status === 'error'));
		console.log(`bench-repeats: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
		failed = !ok;
	} catch (error) {
		failed = true;
		log(`failed: ${error.stack ?? error}`);
		console.log('bench-repeats: 0 passed, 1 failed');
	} finally {
		await stopAll();
	}
	if (failed) log(`run folder kept: ${workRoot}`);
	else rmSync(workRoot, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

main();
