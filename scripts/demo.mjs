#!/usr/bin/env node
// `npm run demo`: this package inside a real n8n, with no Moment account.
//
// Starts the Moment simulator and n8n 2.41.1 (installed once into ~/.cache/n8n-e2e, a few minutes
// the first time) with this package installed as a community package, a "Moment (simulator)"
// credential, and the example workflows (examples/*.json) imported and published. Creates an owner
// login, prints the editor URL, and sends a sample finalized-invoice event so the first execution
// (which fetched its invoice from the simulator) is already there. Ctrl-C stops everything.
//
// The n8n state lives in ~/.cache/n8n-e2e/demo and starts fresh at every run.
// Ports (127.0.0.1): N8N_DEMO_PORT (5678), N8N_DEMO_BROKER_PORT (5688), N8N_DEMO_SIMULATOR_PORT
// (8787), N8N_DEMO_RECORDER_PORT (5690: stands in for the examples' accounting / chat / warehouse
// endpoints and prints what they receive).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExamples } from '../test/e2e/lib/examples.mjs';
import { E2E_DIR, ensureN8n } from '../test/e2e/lib/install.mjs';
import { N8n } from '../test/e2e/lib/n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../test/e2e/lib/package.mjs';
import { assertPortsFree, portsFromEnv } from '../test/e2e/lib/ports.mjs';
import { installExitHandlers, onStop, stopAll } from '../test/e2e/lib/processes.mjs';
import { startRecorder } from '../test/e2e/lib/recorder.mjs';
import { examplesToActivate } from '../test/e2e/scenarios/examples.mjs';
import { deliver } from '../test/e2e/scenarios/trigger.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const simLib = createRequire(import.meta.url)('../test/simulator');
const N8N_VERSION = '2.41.1';
const OWNER = { email: 'demo@example.com', password: 'MomentDemo1', firstName: 'Demo', lastName: 'User' };
const CREDENTIAL_ID = 'momentDemoCred01';

const say = (msg = '') => process.stdout.write(`${msg}\n`);
const step = (msg) => process.stdout.write(`[demo] ${msg}\n`);

async function main() {
	installExitHandlers({
		signalExitCode: 0,
		onSignal: (why) => step(why ? 'stopping n8n, its task runner and the simulator ...' : 'stopping everything after an error ...'),
	});
	const ports = portsFromEnv('N8N_DEMO_', { n8n: 5678, broker: 5688, execBroker: 5689, recorder: 5690, simulator: 8787 });
	await assertPortsFree(ports);

	const dir = join(E2E_DIR, 'demo');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	step(`n8n ${N8N_VERSION}: checking the cached install in ${E2E_DIR} (the first run installs it: about 4 minutes)`);
	const { binary, nodeEnv } = await ensureN8n(N8N_VERSION);
	step('building and packing n8n-nodes-moment ...');
	const tgz = buildAndPack(REPO, dir);
	const n8n = new N8n({ version: N8N_VERSION, binary, nodeEnv, dir, ports });
	onStop(() => n8n.stop());
	installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });

	const sim = await simLib.startSimulator({ port: ports.simulator });
	onStop(() => sim.close());
	const recorder = await startRecorder(ports.recorder, {
		onRequest: (entry) => {
			const [, , slug, node] = entry.url.split('/');
			const body = entry.body.length > 160 ? `${entry.body.slice(0, 160)}…` : entry.body;
			step(`"${decodeURIComponent(node ?? entry.url)}" (${slug ?? 'workflow'}) posted ${entry.body.length} bytes: ${body}`);
		},
	});

	const credential = { id: CREDENTIAL_ID, name: 'Moment (simulator)', type: 'momentApi', data: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url } };
	await n8n.importCredentials([credential]);
	const examples = loadExamples(REPO, { credential, recorderUrl: recorder.url });
	const workflowDir = join(dir, 'workflows');
	mkdirSync(workflowDir, { recursive: true });
	for (const example of examples) writeFileSync(join(workflowDir, `${example.workflow.id}.json`), JSON.stringify(example.workflow, null, 2));
	if (examples.length > 0) await n8n.cli(['import:workflow', '--separate', `--input=${workflowDir}`]);
	for (const example of examplesToActivate(examples)) await n8n.activate(example.workflow.id);
	step(`imported ${examples.length} example workflow(s) and the credential "${credential.name}"; starting n8n ...`);

	await n8n.start();
	await n8n.setupOwner(OWNER);

	// one finalized invoice, so the first execution is there when the editor opens
	const invoiceExample = examples.find((e) => e.triggers.some((t) => t.eventSource === 'invoice'));
	let sample = '';
	if (invoiceExample) {
		const trigger = invoiceExample.triggers.find((t) => t.eventSource === 'invoice');
		const invoice = sim.data('invoices')[0];
		const res = await deliver(simLib, sim, `${n8n.baseUrl}/webhook/${trigger.path}`, { source: 'invoice', id: invoice.id, token: trigger.secret || undefined });
		sample = `sent a finalized-invoice event for invoice ${invoice.invoiceNumber} (id ${invoice.id}) to "${invoiceExample.workflow.name}": n8n answered ${res.status}`;
		await recorder.waitFor((r) => r.url.startsWith(`/example/${invoiceExample.slug}/`), 15_000);
	}

	const webhookLines = examples.flatMap((e) =>
		e.triggers.map((t) => `    ${e.workflow.name}: node test/simulator/send-webhook.js --sim ${sim.url} --source ${t.eventSource} --url ${n8n.baseUrl}/webhook/${t.path}${t.secret ? ` --token ${t.secret}` : ''}`),
	);
	say();
	say('  n8n with n8n-nodes-moment is running.');
	say();
	say(`  Editor:    ${n8n.baseUrl}`);
	say(`  Login:     ${OWNER.email} / ${OWNER.password}`);
	say(`  Moment:    simulator at ${sim.url} (company "${sim.companyCode}", API key "${sim.apiKey}"), used by the credential "${credential.name}"`);
	if (sample) say(`  Sample:    ${sample}; see Overview > Executions`);
	say();
	say('  Send more Moment events (another terminal):');
	for (const line of webhookLines) say(line);
	say(`  HTTP Request nodes of the examples post to ${recorder.url} instead of their placeholder URLs; what arrives is printed here.`);
	say(`  State: ${dir} (fresh at every start).  Ctrl-C stops n8n, its task runner and the simulator.`);
	say();
	await new Promise(() => {}); // until Ctrl-C
}

main().catch(async (error) => {
	step(`failed: ${error.message}`);
	await stopAll();
	process.exit(1);
});
