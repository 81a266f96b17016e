#!/usr/bin/env node
// Browser suite: what a user sees of every Moment node in the real n8n editor.
//
//   node test/ui/run.mjs            (npm run test:ui; part of npm test, UI=0 skips it there)
//
// One n8n 2.41.3 (cached in ~/.cache/n8n-e2e) with the packed package and the Moment simulator,
// driven by playwright-core in Debian's headless Chromium (installed with apt-get when missing),
// signed in through n8n's sign-in form. What the editor must show is derived from the packed
// nodes' own descriptions (package.json "n8n.nodes", at their default version) with n8n's display
// rules, and from examples/*.json. Scenarios, in order (docs/ui-tests.md):
//   examples ➜ nodes panel and every form ➜ credential ➜ record picker and Get ➜ trigger ➜ poll
//   trigger ➜ the Moment node as an AI Agent's tool
// Prints "ok - ..." / "not ok - ..." per check, then "ui skipped: ..." (the scenarios UI_ONLY left
// out, or "nothing") and, last, "ui: N passed, N failed"; exits 1 on any
// failure. A failed check names the screenshot and console log saved in the run folder
// (~/.cache/n8n-e2e/ui-run.*/failures, kept after a failure). Stops everything it started.
//
// Environment: E2E_DIR (cache), E2E_TARBALL (test this .tgz instead of building one), UI_N8N_VERSION
// (another cached n8n, e.g. 1.123.81: only the tool scenario is known to run there), UI_KEEP=1
// (keep the run folder), UI_ONLY=examples,forms,credential,picker,timepickers,trigger,poll,tool (run only these), CHROMIUM (browser binary, default Debian's chromium), ports N8N_UI_PORT
// (5720), N8N_UI_BROKER_PORT (5721), N8N_UI_EXEC_BROKER_PORT (5722), N8N_UI_RECORDER_PORT (5723),
// N8N_UI_SIMULATOR_PORT (5724).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoInstance } from '../../scripts/demo-instance.mjs';
import { installExitHandlers, stopAll } from '../e2e/lib/processes.mjs';
import { newRunFolder } from '../e2e/lib/runs.mjs';
import { failureRecorder, launchBrowser } from './lib/browser.mjs';
import { UiChecks } from './lib/checks.mjs';
import { closeNdv, createWorkflow, newWorkflow, openWorkflow, rest, SCREEN_TIMEOUT, signIn } from './lib/editor.mjs';
import { loadPackedPackage } from './lib/packageNodes.mjs';
import { credentialSetup } from './scenarios/credential.mjs';
import { examplesOpenCleanly } from './scenarios/examples.mjs';
import { checkEveryForm } from './scenarios/forms.mjs';
import { findAndAdd } from './scenarios/nodesPanel.mjs';
import { recordPickerAndGet } from './scenarios/recordPicker.mjs';
import { pollTriggerInEditor } from './scenarios/pollTrigger.mjs';
import { timeRecordPickers } from './scenarios/timePickers.mjs';
import { toolVariantInEditor } from './scenarios/toolVariant.mjs';
import { triggerInEditor } from './scenarios/trigger.mjs';
import { MANUAL_TRIGGER } from './scenarios/workflows.mjs';

const REPO = resolve(import.meta.dirname, '..', '..');
const DEFAULT_PORTS = { n8n: 5720, broker: 5721, execBroker: 5722, recorder: 5723, simulator: 5724 };
const log = (msg) => process.stderr.write(`[ui ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// UI_ONLY=examples,trigger runs only these (the credential for picker/trigger then comes from the API)
const ONLY = (process.env.UI_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const SCENARIOS = ['examples', 'forms', 'credential', 'picker', 'timepickers', 'trigger', 'poll', 'tool'];

/** Runs one scenario: an exception becomes one failed check (with its screenshot); the next runs. */
async function scenario(ctx, name, label, fn) {
	if (ONLY.length > 0 && !ONLY.includes(name)) return;
	const t0 = Date.now();
	ctx.checks.scope(label);
	ctx.checks.last = t0;
	try {
		await fn();
	} catch (error) {
		await ctx.checks.stopped('stopped early', error);
		await closeNdv(ctx.page).catch(() => {});
	}
	log(`${label}: ${seconds(Date.now() - t0)}`);
}

/** Every node of the package found in the nodes panel and added, and each of its forms walked. */
async function nodesAndForms(ctx) {
	const { page, baseUrl, pkg } = ctx;
	const triggers = pkg.nodes.filter((n) => n.isTrigger);
	const actions = pkg.nodes.filter((n) => !n.isTrigger);
	for (const node of triggers) {
		await newWorkflow(page, baseUrl);
		await checkEveryForm(ctx, node, await findAndAdd(ctx, node));
		await closeNdv(page);
	}
	if (actions.length === 0) return;
	if (triggers.length === 0) {
		const workflow = await createWorkflow(page, baseUrl, { name: 'UI: nodes', nodes: [MANUAL_TRIGGER] });
		await openWorkflow(page, baseUrl, workflow);
	}
	for (const node of actions) {
		await checkEveryForm(ctx, node, await findAndAdd(ctx, node));
		await closeNdv(page);
	}
}

/** The credential from the credential scenario, or (if that one failed) one made through the API. */
async function credentialFor(ctx) {
	if (ctx.credential) return ctx.credential;
	const type = ctx.pkg.credentials[0].name;
	log('the credential scenario made no credential: creating one through the REST API for the next scenarios');
	const saved = await rest(ctx.page, ctx.baseUrl, 'POST', '/credentials', { name: 'Moment (API)', type, data: { apiKey: ctx.sim.apiKey, companyCode: ctx.sim.companyCode, baseUrl: ctx.sim.url } });
	return { id: saved.id, name: saved.name, type };
}

async function main() {
	installExitHandlers();
	const started = Date.now();
	const runDir = newRunFolder('ui-run.');
	let checks = new UiChecks(async () => ({ screenshot: '(no browser yet)', console: '(no browser yet)' }));
	try {
		log(`run folder ${runDir}`);
		const instance = await startDemoInstance({ portsPrefix: 'N8N_UI_', defaultPorts: DEFAULT_PORTS, dir: join(runDir, 'n8n'), tarball: process.env.E2E_TARBALL, withExamples: false, log, ...(process.env.UI_N8N_VERSION ? { version: process.env.UI_N8N_VERSION } : {}) });
		const pkg = await loadPackedPackage(instance.tgz, runDir, REPO);
		log(`n8n ${instance.n8n.version} ready at ${instance.n8n.baseUrl} after ${seconds(Date.now() - started)}; package ${pkg.name} ${pkg.version}: ${pkg.nodes.map((n) => `${n.type} v${n.version}`).join(', ')}`);
		const browser = await launchBrowser();
		browser.page.on('dialog', (dialog) => dialog.accept()); // "Leave site?" when a new workflow is left unsaved
		checks = new UiChecks(failureRecorder(runDir, browser));
		const ctx = { page: browser.page, baseUrl: instance.n8n.baseUrl, owner: instance.owner, sim: instance.sim, simLib: instance.simLib, pkg, repo: REPO, checks };
		await signIn(ctx.page, ctx.baseUrl, ctx.owner);
		log(`signed in as ${ctx.owner.email} (timeouts up to ${SCREEN_TIMEOUT / 1000} s per screen)`);

		const unknown = ONLY.filter((name) => !SCENARIOS.includes(name));
		if (unknown.length > 0) throw new Error(`UI_ONLY names unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
		await scenario(ctx, 'examples', 'examples', () => examplesOpenCleanly(ctx));
		await scenario(ctx, 'forms', 'nodes panel and forms', () => nodesAndForms(ctx));
		await scenario(ctx, 'credential', 'credential', async () => {
			ctx.credential = await credentialSetup(ctx);
		});
		await scenario(ctx, 'picker', 'record picker and Get', async () => {
			ctx.credential = await credentialFor(ctx);
			await recordPickerAndGet(ctx);
		});
		await scenario(ctx, 'timepickers', 'time record pickers', async () => {
			ctx.credential = await credentialFor(ctx);
			await timeRecordPickers(ctx);
		});
		await scenario(ctx, 'trigger', 'trigger', () => triggerInEditor(ctx));
		await scenario(ctx, 'poll', 'poll trigger', async () => {
			ctx.credential = await credentialFor(ctx);
			await pollTriggerInEditor(ctx);
		});
		await scenario(ctx, 'tool', 'Moment as an AI tool', () => toolVariantInEditor(ctx));
	} catch (error) {
		await checks.stopped('ui set-up failed', error);
	} finally {
		await stopAll();
	}
	log(`total ${seconds(Date.now() - started)}`);
	if (checks.failed > 0 || process.env.UI_KEEP === '1') log(`run folder kept: ${runDir}`);
	else rmSync(runDir, { recursive: true, force: true });
	const skipped = ONLY.length > 0 ? SCENARIOS.filter((name) => !ONLY.includes(name)) : [];
	console.log(`ui skipped: ${skipped.length > 0 ? `scenarios ${skipped.join(', ')} (UI_ONLY=${ONLY.join(',')})` : 'nothing'}`);
	console.log(`ui: ${checks.passed} passed, ${checks.failed} failed`);
	process.exit(checks.failed > 0 ? 1 : 0);
}

main();
