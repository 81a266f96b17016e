// The demo set-up as a function, shared by `npm run demo` (scripts/demo.mjs), `npm run
// screenshots` (scripts/screenshots.mjs) and the browser suite (test/ui/run.mjs): the Moment
// simulator, a real n8n 2.41.3 (cached in ~/.cache/n8n-e2e) with this package installed as a
// community package, a "Moment (simulator)" credential and a Moment Webhook credential (the
// examples' secret token), the example workflows (examples/*.json) imported and published, an
// owner login, and one finalized-invoice event already delivered (the browser suite leaves out the
// credentials, the examples and the event: it sets them up in the editor). Every process and server
// it starts is registered with test/e2e/lib/processes.mjs, so the caller's stopAll() (or its exit
// handlers) stops them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExamples } from '../test/e2e/lib/examples.mjs';
import { E2E_DIR, ensureN8n } from '../test/e2e/lib/install.mjs';
import { N8n } from '../test/e2e/lib/n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../test/e2e/lib/package.mjs';
import { assertPortsFree, portsFromEnv } from '../test/e2e/lib/ports.mjs';
import { onStop } from '../test/e2e/lib/processes.mjs';
import { startRecorder } from '../test/e2e/lib/recorder.mjs';
import { examplesToActivate } from '../test/e2e/scenarios/examples.mjs';
import { deliver } from '../test/e2e/scenarios/trigger.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const N8N_VERSION = '2.41.3';
export const OWNER = { email: 'demo@example.com', password: 'MomentDemo1', firstName: 'Demo', lastName: 'User' };
const CREDENTIAL_ID = 'momentDemoCred01';
/** The examples' Moment Triggers check this secret token (a Moment Webhook credential); the demo prints it in its commands. */
const DEMO_WEBHOOK_SECRET = 'demoMomentWebhookSecret2026';
const simLib = createRequire(import.meta.url)('../test/simulator');

/**
 * Starts everything and returns { n8n, sim, recorder, examples, credential, webhookCredential, sample, dir, tgz, owner }.
 * @param {object} o
 * @param {string} [o.portsPrefix] environment prefix of the port variables (N8N_DEMO_: N8N_DEMO_PORT, ...)
 * @param {object} [o.defaultPorts] { n8n, broker, execBroker, recorder, simulator }
 * @param {string} [o.stateName] folder under ~/.cache/n8n-e2e for the n8n state (wiped first)
 * @param {string} [o.dir] the state folder itself instead (wiped first)
 * @param {string} [o.tarball] install this packed .tgz instead of building one
 * @param {string} [o.version] n8n version to run (default N8N_VERSION; the e2e cache also holds 1.123.81)
 * @param {boolean} [o.withExamples] import the credential and the examples, publish them and deliver one event (default true)
 * @param {object} [o.extraEnv] more environment for n8n (e.g. WEBHOOK_URL)
 * @param {(entry: object) => void} [o.onRecorded] called for every request the examples' HTTP Request nodes send
 * @param {(msg: string) => void} [o.log] progress messages
 */
export async function startDemoInstance({
	portsPrefix = 'N8N_DEMO_',
	defaultPorts = { n8n: 5678, broker: 5688, execBroker: 5689, recorder: 5690, simulator: 8787 },
	stateName = 'demo',
	dir = join(E2E_DIR, stateName),
	tarball,
	version = N8N_VERSION,
	withExamples = true,
	extraEnv = {},
	onRecorded,
	log = () => {},
} = {}) {
	const ports = portsFromEnv(portsPrefix, defaultPorts);
	await assertPortsFree(ports);

	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	log(`n8n ${version}: checking the cached install in ${E2E_DIR} (the first run installs it: about 4 minutes)`);
	const { binary, nodeEnv } = await ensureN8n(version);
	if (!tarball) log('building and packing n8n-nodes-moment ...');
	const tgz = tarball ?? buildAndPack(REPO, dir);
	const n8n = new N8n({ version, binary, nodeEnv, dir, ports, extraEnv });
	onStop(() => n8n.stop());
	installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });

	const sim = await simLib.startSimulator({ port: ports.simulator });
	onStop(() => sim.close());
	const recorder = await startRecorder(ports.recorder, { onRequest: onRecorded });

	const credential = { id: CREDENTIAL_ID, name: 'Moment (simulator)', type: 'momentApi', data: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url } };
	const webhookCredential = { id: 'momentDemoHook01', name: 'Moment webhook secret (demo)', type: 'momentWebhookApi', data: { secret: DEMO_WEBHOOK_SECRET } };
	const examples = withExamples ? loadExamples(REPO, { credential, webhookCredential, recorderUrl: recorder.url }) : [];
	if (withExamples) {
		await n8n.importCredentials([credential, webhookCredential]);
		const workflowDir = join(dir, 'workflows');
		mkdirSync(workflowDir, { recursive: true });
		for (const example of examples) writeFileSync(join(workflowDir, `${example.workflow.id}.json`), JSON.stringify(example.workflow, null, 2));
		if (examples.length > 0) await n8n.cli(['import:workflow', '--separate', `--input=${workflowDir}`]);
		// the e2e suite publishes examples with a poll trigger only for its poll checks; the demo shows them all
		for (const example of [...examplesToActivate(examples), ...examples.filter((e) => e.pollTriggers.length > 0)]) await n8n.activate(example.workflow.id);
		log(`imported ${examples.length} example workflow(s) and the credentials "${credential.name}" and "${webhookCredential.name}"; starting n8n ...`);
	}

	await n8n.start();
	await n8n.setupOwner(OWNER);

	// one finalized invoice, so the first execution is there when the editor opens
	const invoiceExample = examples.find((e) => e.triggers.some((t) => t.eventSource === 'invoice'));
	let sample;
	if (invoiceExample) {
		const trigger = invoiceExample.triggers.find((t) => t.eventSource === 'invoice');
		const invoice = sim.data('invoices')[0];
		const res = await deliver(simLib, sim, `${n8n.baseUrl}/webhook/${trigger.path}`, { source: 'invoice', id: invoice.id, token: trigger.secret || undefined });
		await recorder.waitFor((r) => r.url.startsWith(`/example/${invoiceExample.slug}/`), 15_000);
		sample = { example: invoiceExample, invoice, status: res.status };
	}
	return {
		n8n, sim, simLib, recorder, examples,
		credential: withExamples ? credential : undefined,
		webhookCredential: withExamples ? webhookCredential : undefined,
		sample, dir, tgz, owner: OWNER,
	};
}
