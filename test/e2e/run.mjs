#!/usr/bin/env node
// End-to-end suite: this package inside a real n8n, against the Moment simulator.
//
//   node test/e2e/run.mjs            (npm run test:e2e; part of npm test)
//
// For each n8n version (E2E_N8N_VERSIONS, default "2.41.3,1.123.81"): a fresh n8n user folder with
// the packed package installed as a community package, a Moment API credential pointing at the
// simulator, the scenario and example workflows imported; then the scenarios (see README,
// "End-to-end tests"). Prints "ok - ..." / "not ok - ..." per check and, last,
// "e2e skipped: ..." (what an environment switch left out, and why, or "nothing"; durable poll
// cursors and queue mode run on n8n 2.x only, by design) and "e2e: N passed, N failed"; exits 1 on any failure. Stops every process it started.
//
// Environment: E2E_DIR (cache, default ~/.cache/n8n-e2e), E2E_QUEUE=0 (skip queue mode),
// E2E_ONLY=word,... (only the scenarios whose label holds one of the words; the summary says so),
// E2E_POLL_DURABLE=0 (skip the poll trigger under n8n 2.x's durable poll cursors),
// E2E_ONLY=<words> (run only the scenarios whose label contains one of these comma-separated words,
// in any case, e.g. "hostile,republish"; the set-up still runs, and "e2e skipped:" counts the rest),
// E2E_REPEATS_QUEUE=0 (skip Pass Each Once in queue mode with 2 workers on PostgreSQL),
// E2E_TARBALL (test this .tgz instead of building one), E2E_KEEP=1 (keep the run folder),
// N8N_E2E_PORT, N8N_E2E_BROKER_PORT, N8N_E2E_EXEC_BROKER_PORT, N8N_E2E_WORKER_BROKER_PORT,
// N8N_E2E_WORKER_HEALTH_PORT, N8N_E2E_RECORDER_PORT, N8N_E2E_SIMULATOR_PORT, N8N_E2E_REDIS_PORT,
// N8N_E2E_POSTGRES_PORT, N8N_E2E_EXTRA_WORKER_PORTS (the broker and health port of a second worker).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Checks } from './lib/checks.mjs';
import { loadExamples } from './lib/examples.mjs';
import { ensureN8n } from './lib/install.mjs';
import { N8n, tail } from './lib/n8n.mjs';
import { buildAndPack, installCommunityPackage } from './lib/package.mjs';
import { addPortBlock, assertPortsFree, portsFromEnv } from './lib/ports.mjs';
import { installExitHandlers, onStop, stopAll } from './lib/processes.mjs';
import { newRunFolder } from './lib/runs.mjs';
import { startRecorder } from './lib/recorder.mjs';
import { MOMENT, MOMENT_TRIGGER } from './lib/workflows.mjs';
import { actionWorkflows, customerRoundTrip, errorOutput, failedWrite, httpRequestEscapeHatch, nodeVersion1, readEveryResource } from './scenarios/actions.mjs';
import { compatibilityCheck, compatibilitySetup } from './scenarios/compatibility.mjs';
import { credentialTest } from './scenarios/credential.mjs';
import { exampleSampleIds, examplesToActivate, fireExampleTriggers, runManualExamples } from './scenarios/examples.mjs';
import { timeRecordRoundTrip } from './scenarios/timeRecords.mjs';
import { queueMode } from './scenarios/queue.mjs';
import { activationSetup, badSetupRefused } from './scenarios/activation.mjs';
import { invoiceTrigger, TRIGGER_WORKFLOW_ID, triggerSetup } from './scenarios/trigger.mjs';
import { SHAPES_WORKFLOW_ID, secretStaysInCredential, shapesSetup, undocumentedShapes } from './scenarios/triggerShapes.mjs';
import { CONTENT_TYPES_WORKFLOW_ID, SECRET_WORKFLOW_ID, SPACES_WORKFLOW_ID, contentTypes, contentTypesSetup, editableWebhookCredential, secretFailsClosed } from './scenarios/triggerContentTypes.mjs';
import { POLL_EXAMPLE_COMPANY, pollSetup, pollTrigger, preparePollExamples } from './scenarios/poll.mjs';
import { republishScenario, republishSetup } from './scenarios/republish.mjs';
import { HUNG_TRIGGER_WORKFLOW_ID, hostileMomentSetup, hungMoment, redirectingMoment } from './scenarios/hostileMoment.mjs';
import { REPEATS_WORKFLOW_ID, repeatFilter, repeatFilterQueue, repeatsSetup } from './scenarios/repeats.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const simLib = createRequire(import.meta.url)('../simulator');
const DEFAULT_VERSIONS = ['2.41.3', '1.123.81'];
const VERSIONS = (process.env.E2E_N8N_VERSIONS || DEFAULT_VERSIONS.join(',')).split(',').map((v) => v.trim()).filter(Boolean);
const QUEUE = process.env.E2E_QUEUE !== '0';
// n8n 2.x's durable scheduler with durable poll cursors, as a third way to run the poll trigger
const POLL_DURABLE = process.env.E2E_POLL_DURABLE !== '0';
// E2E_ONLY=<words>: only the scenarios whose label contains one of these comma-separated words (any case)
const ONLY = (process.env.E2E_ONLY || '').split(',').map((word) => word.trim().toLowerCase()).filter(Boolean);
// Pass Each Once with 2 queue-mode workers on PostgreSQL (2.x, with E2E_QUEUE)
const REPEATS_QUEUE = process.env.E2E_REPEATS_QUEUE !== '0';
// enough records for Get Many to read several pages of 500 for every resource
const COUNTS = { invoices: 1234, customers: 620, projects: 555, offers: 510, claims: 505 };
const OWNER = { email: 'e2e@example.com', password: 'E2eTest-Passw0rd1', firstName: 'E2E', lastName: 'Owner' };
const DEFAULT_PORTS = { n8n: 5679, broker: 5699, execBroker: 5698, workerBroker: 5697, workerHealth: 5696, recorder: 5700, simulator: 5701, redis: 6380, postgres: 5702 };

const log = (msg) => process.stderr.write(`[e2e ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function credentialsFor(sim) {
	const base = { type: 'momentApi' };
	const data = { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url };
	const hook = { type: 'momentWebhookApi' };
	return {
		good: { ...base, id: 'e2eMomentCred001', name: 'Moment (simulator)', data },
		wrongKey: { ...base, id: 'e2eMomentBadKey1', name: 'Moment (wrong key)', data: { ...data, apiKey: 'not-a-valid-moment-key' } },
		wrongCompany: { ...base, id: 'e2eMomentBadCo01', name: 'Moment (unknown company)', data: { ...data, companyCode: 'nosuchcompany' } },
		webhook: { ...hook, id: 'e2eMomentHook001', name: 'Moment webhook secret', data: { secret: `e2eHookSecret${process.pid}Xq7Lm2Vd9` } },
		webhookShort: { ...hook, id: 'e2eMomentHook002', name: 'Moment webhook secret (too short)', data: { secret: 'tooShort9' } },
		webhookEditable: editableWebhookCredential(),
		pollExamples: { ...base, id: 'e2eMomentPollCo1', name: 'Moment (simulator, poll examples)', data: { ...data, companyCode: POLL_EXAMPLE_COMPANY.code, apiKey: POLL_EXAMPLE_COMPANY.apiKeys[0] } },
	};
}

/** Scenarios E2E_ONLY left out, for the log and the "e2e skipped:" line. */
const leftOut = [];

/** Runs `fn` as one scenario: an exception becomes one failed check, later scenarios still run. */
async function scenario(checks, label, fn) {
	if (ONLY.length > 0 && !ONLY.some((word) => label.toLowerCase().includes(word))) {
		leftOut.push(`[${checks.prefix}] ${label}`);
		return;
	}
	const t0 = Date.now();
	try {
		await fn();
	} catch (error) {
		checks.crash(`${label} stopped early`, error);
	}
	log(`${label}: ${seconds(Date.now() - t0)}`);
}

async function runVersion(version, { checks, sim, recorder, tgz, ports, workRoot, timings, skipped }) {
	const t0 = Date.now();
	checks.scope(`n8n ${version}`);
	const { binary, nodeEnv } = await ensureN8n(version);
	timings.install = Date.now() - t0;
	const major = Number(version.split('.')[0]);
	const dir = join(workRoot, `n8n-${version}`);
	mkdirSync(dir, { recursive: true });
	const n8n = new N8n({ version, binary, nodeEnv, dir, ports });
	onStop(() => n8n.stop());
	const tRun = Date.now();
	try {
		sim.reset({ counts: COUNTS });
		const credentials = credentialsFor(sim);
		const ctx = { n8n, sim, simLib, recorder, checks, credentials };
		installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });

		// everything goes into the database while n8n is stopped
		await n8n.importCredentials(Object.values(credentials));
		const setup = actionWorkflows({ sim, credential: credentials.good, stamp: `${version}-${process.pid}` });
		const examples = loadExamples(REPO, { credential: credentials.good, webhookCredential: credentials.webhook, recorderUrl: recorder.url, replacements: exampleSampleIds(sim) });
		ctx.examples = examples;
		const pollExamples = preparePollExamples(examples, credentials.pollExamples);
		const workflowDir = join(dir, 'workflows');
		mkdirSync(workflowDir, { recursive: true });
		const triggers = [triggerSetup({ credential: credentials.good, recorder }), shapesSetup({ credentials, recorder }), repeatsSetup({ credentials, recorder }), ...activationSetup({ credentials }), ...contentTypesSetup({ recorder, credentials })];
		const hostile = hostileMomentSetup({ credential: credentials.good, stamp: `${version}-${process.pid}` });
		const all = [...triggers, ...hostile, ...pollSetup({ credential: credentials.good, recorder }), ...republishSetup({ credential: credentials.good, recorder }), ...setup.workflows, compatibilitySetup({ credential: credentials.good }), ...examples.map((e) => e.workflow)];
		for (const wf of all) writeFileSync(join(workflowDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		await n8n.cli(['import:workflow', '--separate', `--input=${workflowDir}`]);
		for (const id of [TRIGGER_WORKFLOW_ID, SHAPES_WORKFLOW_ID, REPEATS_WORKFLOW_ID, HUNG_TRIGGER_WORKFLOW_ID, CONTENT_TYPES_WORKFLOW_ID, SECRET_WORKFLOW_ID, SPACES_WORKFLOW_ID, ...examplesToActivate(examples).map((e) => e.workflow.id)]) await n8n.activate(id);
		checks.ok(examples.length > 0, `${examples.length} example workflow(s) from examples/ imported (${examples.map((e) => e.file).join(', ')})`);
		log(`n8n ${version}: package installed, ${all.length} workflows imported (${seconds(Date.now() - tRun)})`);

		await scenario(checks, 'scenario 2: Get / Get Many of every resource', () => readEveryResource({ ...ctx, setup }));
		await scenario(checks, 'scenario 3: create / update / delete a customer', () => customerRoundTrip({ ...ctx, setup }));
		await scenario(checks, 'scenario 4: API failure to the error output', () => errorOutput({ ...ctx, setup }));
		await scenario(checks, 'scenario 6: a version-1 Moment node', () => nodeVersion1({ ...ctx, setup }));
		await scenario(checks, 'scenario 7: a failed Create names what was created', () => failedWrite({ ...ctx, setup }));
		await scenario(checks, 'scenario 8: HTTP Request with the Moment API credential', () => httpRequestEscapeHatch({ ...ctx, setup }));
		await scenario(checks, 'scenario 9: create then get a time record', () => timeRecordRoundTrip({ ...ctx, setup }));
		await scenario(checks, 'examples run from their manual trigger', () => runManualExamples({ ...ctx, examples }));
		await scenario(checks, 'scenario 10: Check Compatibility (default profile, then dateFiltersIgnored)', () => compatibilityCheck(ctx));
		await scenario(checks, 'hostile Moment: redirects to another host and within the origin', () => redirectingMoment(ctx));

		const readyMs = await n8n.start();
		log(`n8n ${version} ready after ${readyMs} ms`);
		await n8n.setupOwner(OWNER);
		const types = await n8n.loadedNodeTypes();
		checks.ok(types.includes(MOMENT) && types.includes(MOMENT_TRIGGER), `the server lists ${MOMENT} and ${MOMENT_TRIGGER} (installed in nodes/node_modules)`);
		await scenario(checks, 'scenario 1: invoice trigger (version 1.1, Secret parameter)', () => invoiceTrigger(ctx));
		await scenario(checks, 'trigger: undocumented payload shapes of every source (version 2, secret in a credential)', () => undocumentedShapes(ctx));
		await scenario(checks, 'trigger: a bad set-up is refused at publish', () => badSetupRefused(ctx));
		await scenario(checks, 'examples fired by Moment deliveries', () => fireExampleTriggers({ ...ctx, examples }));
		await scenario(checks, 'Pass Each Once: 3 × N invoices once each, then their repeats held back', () => repeatFilter(ctx, { label: `Pass Each Once (n8n ${version})` }));
		await scenario(checks, 'credential test', () => credentialTest(ctx));
		await scenario(checks, 'hostile Moment: a hung Fetch Full Record, a redirecting credential test', () => hungMoment(ctx));
		const invoiceExample = examples.find((e) => e.dedupes && e.pollTriggers.length === 0);
		// the invoice example has executions only when its scenario ran (E2E_ONLY may leave it out)
		const examplesFired = !skipped.includes('examples fired by Moment deliveries');
		await scenario(checks, 'trigger: the secret stays in the credential', () => secretStaysInCredential(ctx, [SHAPES_WORKFLOW_ID, ...(invoiceExample && examplesFired ? [invoiceExample.workflow.id] : [])]));
		await scenario(checks, 'trigger: a delivery is read whatever its content type', () => contentTypes(ctx));
		// restarts n8n: last of the scenarios on this server
		await scenario(checks, 'trigger: an unusable secret refuses every call (fails closed)', () => secretFailsClosed(ctx, { owner: OWNER }));
		await n8n.stop();

		await scenario(checks, 'scenario 6: poll trigger', () => pollTrigger(ctx, { mode: 'regular', owner: OWNER, examples: pollExamples }));
		if (POLL_DURABLE && major >= 2) {
			await scenario(checks, 'scenario 6b: poll trigger with durable poll cursors', () => pollTrigger(ctx, { mode: 'durable', owner: OWNER }));
		} else if (major >= 2) {
			skipped.push(`scenario 6b (poll trigger with durable poll cursors) on n8n ${version} (E2E_POLL_DURABLE=0)`);
		}
		await scenario(checks, 'scenario 6c: republish the poll trigger (default scheduler)', () => republishScenario(ctx, { mode: 'regular', owner: OWNER }));
		if (POLL_DURABLE && major >= 2) {
			await scenario(checks, 'scenario 6d: republish the poll trigger with durable poll cursors', () => republishScenario(ctx, { mode: 'durable', owner: OWNER }));
		} else if (major >= 2) {
			skipped.push(`scenario 6d (republish with durable poll cursors) on n8n ${version} (E2E_POLL_DURABLE=0)`);
		}
		if (QUEUE && major >= 2) {
			await scenario(checks, 'scenario 5: queue mode (Redis + worker)', () => queueMode(ctx, { owner: OWNER, redisPort: ports.redis }));
			await scenario(checks, 'scenario 7: poll trigger in queue mode', () => pollTrigger(ctx, { mode: 'queue', owner: OWNER, redisPort: ports.redis }));
			if (REPEATS_QUEUE) {
				await scenario(checks, 'Pass Each Once in queue mode with 2 workers (PostgreSQL), every delivery twice at once', () =>
					repeatFilterQueue(ctx, { version, binary, nodeEnv, dir, tgz, ports, log }),
				);
			} else {
				skipped.push(`Pass Each Once in queue mode on n8n ${version} (E2E_REPEATS_QUEUE=0)`);
			}
		} else if (major >= 2) {
			skipped.push(`scenarios 5 and 7 (queue mode) on n8n ${version} (E2E_QUEUE=0)`);
		}
	} catch (error) {
		checks.crash(`n8n ${version} set-up failed`, error);
		log(`n8n log tail:\n${tail(n8n.serverLog, 20)}\ncli log tail:\n${tail(n8n.cliLog, 20)}`);
	} finally {
		await n8n.stop();
		timings.run = Date.now() - tRun;
	}
}

async function main() {
	installExitHandlers();
	const checks = new Checks();
	const ports = addPortBlock(portsFromEnv('N8N_E2E_', DEFAULT_PORTS), 'N8N_E2E_', 'extraWorkers', 5703, 2);
	const started = Date.now();
	const allTimings = [];
	// what this run leaves out, and why: printed before the summary line (scripts/test.sh collects it)
	const skipped = DEFAULT_VERSIONS.filter((version) => !VERSIONS.includes(version)).map((version) => `n8n ${version} (E2E_N8N_VERSIONS=${VERSIONS.join(',')})`);
	const workRoot = newRunFolder('run.');
	let keep = process.env.E2E_KEEP === '1';
	try {
		await assertPortsFree(ports);
		let tgz = process.env.E2E_TARBALL ? resolve(process.env.E2E_TARBALL) : undefined;
		if (!tgz) {
			const t0 = Date.now();
			tgz = buildAndPack(REPO, workRoot);
			log(`built and packed ${tgz} in ${seconds(Date.now() - t0)}`);
		}
		const recorder = await startRecorder(ports.recorder);
		const sim = await simLib.startSimulator({
			port: ports.simulator,
			companies: [{ code: 'acme', apiKeys: ['moment-sim-key-1', 'moment-sim-key-2'], counts: COUNTS }, { ...POLL_EXAMPLE_COMPANY, counts: { invoices: 300 } }],
		});
		onStop(() => sim.close());
		log(`simulator ${sim.url} (company ${sim.companyCode}), recorder ${recorder.url}`);
		for (const version of VERSIONS) {
			const timings = { version };
			const failedBefore = checks.failed;
			await runVersion(version, { checks, sim, recorder, tgz, ports, workRoot, timings, skipped });
			timings.failed = checks.failed - failedBefore;
			allTimings.push(timings);
		}
	} catch (error) {
		checks.crash('e2e set-up failed', error);
	} finally {
		await stopAll();
	}
	for (const t of allTimings) {
		log(`n8n ${t.version}: install/cache check ${seconds(t.install ?? 0)}, scenarios ${seconds(t.run ?? 0)}, ${t.failed} failed`);
	}
	log(`total ${seconds(Date.now() - started)}`);
	if (leftOut.length > 0) log(`E2E_ONLY=${ONLY.join(',')} left out ${leftOut.length} scenario(s):\n  ${leftOut.join('\n  ')}`);
	if (checks.failed > 0) keep = true;
	if (keep) log(`run folder kept: ${workRoot}`);
	else rmSync(workRoot, { recursive: true, force: true });
	if (leftOut.length > 0) skipped.push(`${leftOut.length} scenario(s) not matching E2E_ONLY=${ONLY.join(',')}`);
	console.log(`e2e skipped: ${skipped.length > 0 ? skipped.join('; ') : 'nothing'}`);
	console.log(`e2e: ${checks.passed} passed, ${checks.failed} failed`);
	process.exit(checks.failed > 0 ? 1 : 0);
}

main();
