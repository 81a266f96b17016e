#!/usr/bin/env node
// `npm run demo`: this package inside a real n8n, with no Moment account.
//
// Starts the Moment simulator and n8n 2.41.3 (installed once into ~/.cache/n8n-e2e, a few minutes
// the first time) with this package installed as a community package, a "Moment (simulator)"
// credential, and the example workflows (examples/*.json) imported and published. Creates an owner
// login, prints the editor URL, and sends a sample finalized-invoice event so the first execution
// (which fetched its invoice from the simulator) is already there. Ctrl-C stops everything.
// The set-up itself lives in demo-instance.mjs (shared with scripts/screenshots.mjs).
//
// The n8n state lives in ~/.cache/n8n-e2e/demo and starts fresh at every run.
// Ports (127.0.0.1): N8N_DEMO_PORT (5678), N8N_DEMO_BROKER_PORT (5688), N8N_DEMO_SIMULATOR_PORT
// (8787), N8N_DEMO_RECORDER_PORT (5690: stands in for the examples' accounting / chat / warehouse
// endpoints and prints what they receive).
import { installExitHandlers, stopAll } from '../test/e2e/lib/processes.mjs';
import { startDemoInstance } from './demo-instance.mjs';

const say = (msg = '') => process.stdout.write(`${msg}\n`);
const step = (msg) => process.stdout.write(`[demo] ${msg}\n`);

async function main() {
	installExitHandlers({
		signalExitCode: 0,
		onSignal: (why) => step(why ? 'stopping n8n, its task runner and the simulator ...' : 'stopping everything after an error ...'),
	});
	const { n8n, sim, recorder, examples, credential, sample, dir, owner } = await startDemoInstance({
		log: step,
		onRecorded: (entry) => {
			const [, , slug, node] = entry.url.split('/');
			const body = entry.body.length > 160 ? `${entry.body.slice(0, 160)}…` : entry.body;
			step(`"${decodeURIComponent(node ?? entry.url)}" (${slug ?? 'workflow'}) posted ${entry.body.length} bytes: ${body}`);
		},
	});

	const webhookLines = examples.flatMap((e) =>
		e.triggers.map((t) => `    ${e.workflow.name}: node test/simulator/send-webhook.js --sim ${sim.url} --source ${t.eventSource} --url ${n8n.baseUrl}/webhook/${t.path}${t.secret ? ` --token ${t.secret}` : ''}`),
	);
	say();
	say('  n8n with n8n-nodes-moment is running.');
	say();
	say(`  Editor:    ${n8n.baseUrl}`);
	say(`  Login:     ${owner.email} / ${owner.password}`);
	say(`  Moment:    simulator at ${sim.url} (company "${sim.companyCode}", API key "${sim.apiKey}"), used by the credential "${credential.name}"`);
	if (sample) {
		say(
			`  Sample:    sent a finalized-invoice event for invoice ${sample.invoice.invoiceNumber} (id ${sample.invoice.id}) to "${sample.example.workflow.name}": n8n answered ${sample.status}; see Overview > Executions`,
		);
	}
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
