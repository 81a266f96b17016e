#!/usr/bin/env node
// `npm run screenshots`: the README's pictures of the nodes in the real n8n editor.
//
// Starts the demo set-up (scripts/demo-instance.mjs: Moment simulator, n8n 2.41.3 with this package,
// the example workflows, one finalized-invoice execution) on its own ports, in a fresh run folder
// (~/.cache/n8n-e2e/shots-run.*, removed at the end), with
// WEBHOOK_URL=https://n8n.example.com/ so the Webhook URLs look like a real installation's. Then it
// drives Debian's headless Chromium (never a browser download) with playwright-core through the
// browser suite's driver and helpers (test/ui/lib: browser, sign-in form, editor, node details
// view), and saves into docs/images/:
//   trigger-node.png      the Moment Trigger at its default version (2): Production URL, notice,
//                         Authentication "Secret Token in URL" with its credential, parameters
//   poll-trigger-node.png the Moment Poll Trigger of the webhook-and-poll example: its settings
//   time-record-form.png  the Moment node on Time Record > Create, project, activity and user
//                         picked from the simulator's lists, a date, a duration and a description
//   action-node.png       the Moment node (Project > Get Many) after running it: form and output
//   execution.png         the finalized-invoice execution on the canvas
//   execution-record.png  that execution's trigger output (JSON) with the fetched invoice in "record"
// Before saving each picture it checks that neither the webhook secret nor the API key is on the
// page (text or input values). Stops n8n, the simulator and the browser at the end, on failure and
// on Ctrl-C. Re-runnable.
//
// Environment: CHROMIUM (default Debian's chromium); ports N8N_SHOTS_PORT (5681),
// N8N_SHOTS_BROKER_PORT (5682), N8N_SHOTS_EXEC_BROKER_PORT (5683), N8N_SHOTS_RECORDER_PORT (5684),
// N8N_SHOTS_SIMULATOR_PORT (5685).
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { installExitHandlers, onStop, stopAll } from '../test/e2e/lib/processes.mjs';
import { newRunFolder } from '../test/e2e/lib/runs.mjs';
import { launchBrowser } from '../test/ui/lib/browser.mjs';
import { canvasNode, createWorkflow, dismissOverlays, openNode, openWorkflow, signIn, waitForStill } from '../test/ui/lib/editor.mjs';
import { executeStep, openRecordList, recordItems, webhookUrls } from '../test/ui/lib/ndv.mjs';
import { credentialsOf, MANUAL_TRIGGER, startTo } from '../test/ui/scenarios/workflows.mjs';
import { REPO, startDemoInstance } from './demo-instance.mjs';

const OUT = join(REPO, 'docs', 'images');
const PUBLIC_WEBHOOK_URL = 'https://n8n.example.com/';
const log = (msg) => process.stdout.write(`[screenshots] ${msg}\n`);
const MOMENT = 'n8n-nodes-moment.moment';
const MOMENT_TRIGGER = 'n8n-nodes-moment.momentTrigger';
/** What must never be in a picture: the webhook secret and the API key (set in main). */
const secrets = [];

/** Opens a workflow in n8n's default layout, with the canvas at rest and no pop-ups. */
async function showWorkflow(page, baseUrl, workflow, path) {
	await openWorkflow(page, baseUrl, workflow, { path, resetLayout: true });
	await waitForStill(page.getByTestId('canvas-node').first());
	await dismissOverlays(page);
}

async function showNode(page, name) {
	const dialog = await openNode(page, name);
	await waitForStill(dialog);
	return dialog;
}

/** A dialog's box without its 1-pixel border. */
const inset = (b) => ({ x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2 });

/** Drags the first element matching `selector` in the dialog sideways by `dx` pixels. */
async function dragSideways(page, dialog, selector, dx) {
	const handle = await dialog.locator(selector).first().boundingBox();
	if (!handle) return;
	await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
	await page.mouse.down();
	await page.mouse.move(handle.x + handle.width / 2 + dx, handle.y + handle.height / 2, { steps: 10 });
	await page.mouse.up();
	await page.mouse.move(2, 2);
	await waitForStill(dialog.getByTestId('node-parameters'));
}

/** Drags the parameter panel (the middle one) sideways by `dx` pixels. */
const moveParameters = (page, dialog, dx) => dragSideways(page, dialog, '[data-test-id="panel-drag-button"]', dx);

/** Drags the parameter panel's right edge to the right by `dx` pixels (wider form, less wrapping). */
const widenParameters = (page, dialog, dx) => dragSideways(page, dialog, '[data-test-id="resize-handle"][data-dir="right"]', dx);

/** Throws if a secret is in the page's text or in any input's value (a picture would show it). */
async function assertNoSecrets(page, file) {
	const shown = await page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((i) => i.value)].join('\n'));
	const found = secrets.filter((secret) => secret && shown.includes(secret));
	if (found.length > 0) throw new Error(`${file}: a secret (webhook secret or API key) is on the page; not saved`);
}

async function save(page, file, clip) {
	await assertNoSecrets(page, file);
	const path = join(OUT, file);
	await page.screenshot({ path, clip, animations: 'disabled' });
	log(`saved ${path} (${Math.round(statSync(path).size / 1024)} KB)`);
}

const box = async (locator) => {
	const b = await locator.boundingBox();
	if (!b) throw new Error(`not visible: ${locator}`);
	return b;
};

/**
 * Saves the parameter panel (the node's form) of an open node as `file`: the viewport made tall
 * enough for the whole form, the panel widened, cropped from its top down to the lowest thing the
 * form shows (below it the panel is empty). Closes the node and restores the viewport.
 */
async function saveForm(page, dialog, file) {
	const viewport = page.viewportSize();
	await page.setViewportSize({ width: viewport.width, height: 1700 });
	await waitForStill(dialog.getByTestId('node-parameters'));
	await widenParameters(page, dialog, 300);
	await dismissOverlays(page);
	await page.mouse.move(2, 2);
	const settings = await box(page.locator('.node-settings'));
	const bottom = await dialog.getByTestId('node-parameters').evaluate((form) => {
		const all = [...form.querySelectorAll('*')];
		// n8n's "I wish this node would..." link sits at the panel's foot, far below the form
		const foot = Math.max(-1, ...all.filter((e) => e.textContent.includes('I wish this node would')).map((e) => e.getBoundingClientRect().top));
		const rects = all.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0 && (foot < 0 || r.bottom < foot));
		return Math.max(...rects.map((r) => r.bottom));
	});
	const height = Math.min(bottom + 20, settings.y + settings.height) - settings.y;
	await save(page, file, { x: settings.x, y: settings.y, width: settings.width - 1, height });
	await page.keyboard.press('Escape');
	await page.setViewportSize(viewport);
}

/** The default version of a node type as the running n8n describes it (GET /types/nodes.json). */
async function defaultVersionOf(n8n, type) {
	const res = await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie: n8n.cookie ?? '' } });
	if (res.status !== 200) throw new Error(`GET /types/nodes.json answered ${res.status}`);
	const entry = (await res.json()).find((n) => n.name === type);
	if (!entry) throw new Error(`n8n did not load ${type}`);
	return entry.defaultVersion ?? (Array.isArray(entry.version) ? Math.max(...entry.version) : entry.version);
}

/** Reads the text a dropdown parameter (or a credential select) shows. */
const shownValue = async (dialog, testId) => (await dialog.getByTestId(testId).locator('input').first().inputValue()).trim();

async function shootTrigger(page, n8n, example, webhookCredential) {
	const trigger = example.triggers[0];
	const node = example.workflow.nodes.find((n) => n.name === trigger.name);
	const version = await defaultVersionOf(n8n, MOMENT_TRIGGER);
	if (node.typeVersion !== version) throw new Error(`"${node.name}" is version ${node.typeVersion}; the picture is of version ${version}, the one new nodes get`);
	await showWorkflow(page, n8n.baseUrl, example.workflow);
	const dialog = await showNode(page, trigger.name);
	const urls = await webhookUrls(dialog); // ends on "Production URL"
	if (urls.production !== `${PUBLIC_WEBHOOK_URL}webhook/${trigger.path}`) throw new Error(`unexpected Production URL ${urls.production}`);
	const authentication = await shownValue(dialog, 'parameter-input-authentication');
	if (authentication !== 'Secret Token in URL') throw new Error(`Authentication shows "${authentication}", not "Secret Token in URL"`);
	const credentials = await dialog.getByTestId('node-credentials-select').locator('input').evaluateAll((inputs) => inputs.map((i) => i.value.trim()));
	if (!credentials.includes(webhookCredential.name)) throw new Error(`the webhook credential "${webhookCredential.name}" is not selected (shown: ${credentials.join(', ')})`);
	await saveForm(page, dialog, 'trigger-node.png');
}

async function shootPollTrigger(page, n8n, example) {
	await showWorkflow(page, n8n.baseUrl, example.workflow);
	const dialog = await showNode(page, example.pollTriggers[0]);
	await saveForm(page, dialog, 'poll-trigger-node.png');
}

/**
 * A project membership to log hours under: an active user on the project, and an open activity of
 * that project (what a user would pick).
 */
function membershipToLog(sim) {
	const users = sim.data('userAccounts');
	const activities = sim.data('projectExtensions');
	for (const membership of sim.data('projectMemberships')) {
		const user = users.find((u) => u.id === membership.userAccountId && u.userAccountState === 'active');
		const activity = activities.find((a) => a.projectId === membership.projectId && a.projectExtensionState === 'open');
		const project = sim.data('projects').find((p) => p.id === membership.projectId);
		if (membership.projectMembershipState === 'active' && user && activity && project) return { project, activity, user };
	}
	throw new Error('the simulator has no active membership with an open activity');
}

/** Picks the record whose label contains `text` in the "From list" picker of parameter `name`. */
async function pickFromList(page, dialog, name, text) {
	await openRecordList(page, dialog, name);
	await page.getByTestId('rlc-search').filter({ visible: true }).fill(text);
	const item = recordItems(page).filter({ hasText: text }).first();
	await item.waitFor({ timeout: 15_000 });
	await item.click();
	await waitForStill(dialog.getByTestId(`resource-locator-${name}`));
}

async function shootTimeRecordForm(page, n8n, sim, credential) {
	const { project, activity, user } = membershipToLog(sim);
	const fromList = { __rl: true, mode: 'list', value: '' };
	const node = {
		id: 'c0ffee00-0000-4000-8000-0000000000a1',
		name: 'Log Hours',
		type: MOMENT,
		typeVersion: await defaultVersionOf(n8n, MOMENT),
		position: [260, 0],
		parameters: {
			resource: 'timeRecord',
			operation: 'create',
			projectId: fromList,
			projectExtensionId: fromList,
			userAccountId: fromList,
			timeRecordDate: '2026-12-01T00:00:00', // the date picker shows only a full date-time; the node uses the day
			minutes: '1:30',
			additionalFields: { description: 'Workshop with the customer' },
		},
		credentials: credentialsOf(credential),
	};
	const workflow = await createWorkflow(page, n8n.baseUrl, { name: 'Log hours in Moment', nodes: [MANUAL_TRIGGER, node], connections: startTo(node) });
	await showWorkflow(page, n8n.baseUrl, workflow);
	const dialog = await showNode(page, node.name);
	// picked in the editor, so each field shows the label the list gives it
	await pickFromList(page, dialog, 'projectId', project.name);
	await pickFromList(page, dialog, 'projectExtensionId', activity.name);
	await pickFromList(page, dialog, 'userAccountId', user.name);
	await saveForm(page, dialog, 'time-record-form.png');
}

/** The node the README's action picture shows: Project > Get Many (a read: taking it writes nothing). */
const readsProjects = (node) => node.type === MOMENT && node.parameters.resource === 'project' && node.parameters.operation === 'getAll';

async function shootAction(page, n8n, example) {
	await showWorkflow(page, n8n.baseUrl, example.workflow);
	const name = example.workflow.nodes.find(readsProjects).name;
	const dialog = await showNode(page, name);
	await executeStep(dialog);
	await moveParameters(page, dialog, -260); // a narrow input panel, a wide output table
	await dismissOverlays(page);
	await save(page, 'action-node.png', inset(await box(dialog)));
}

async function shootExecution(page, n8n, example) {
	const executions = await n8n.executions(example.workflow.id);
	const execution = executions.find((e) => e.status === 'success');
	if (!execution) throw new Error(`no successful execution of "${example.workflow.name}" to show`);
	await showWorkflow(page, n8n.baseUrl, example.workflow, `/workflow/${example.workflow.id}/executions/${execution.id}`);
	await waitForStill(canvasNode(page, example.triggers[0].name));
	await dismissOverlays(page);
	const viewport = page.viewportSize();
	const sidebar = await box(page.locator('#sidebar, [data-test-id="main-sidebar"]').first()).catch(() => ({ x: 0, width: 0 }));
	// down to just below the lowest node or sticky note: the canvas under it is empty
	const boxes = await page.locator('.vue-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().bottom));
	const bottom = Math.min(viewport.height, Math.max(560, ...boxes.map((b) => b + 90)));
	await save(page, 'execution.png', { x: sidebar.x + sidebar.width, y: 0, width: viewport.width - sidebar.x - sidebar.width, height: bottom });

	// tall enough for the whole item, with "record" (the fetched invoice) at its end
	await page.setViewportSize({ width: viewport.width, height: 1240 });
	const dialog = await showNode(page, example.triggers[0].name);
	await dialog.locator('[data-test-id="radio-button-schema"]').first().click();
	const output = dialog.locator('[data-test-id="output-panel"]');
	await output.getByText('record', { exact: true }).first().waitFor();
	// fold "payload" (the untouched body: the same ids again) so more of "record" shows
	const payload = output.locator('[data-test-id="run-data-schema-item"]').filter({ has: page.locator('[data-name="payload"][data-depth="0"]') });
	await payload.locator('.toggle').first().click().catch(() => {});
	await waitForStill(output.getByText('record', { exact: true }).first());
	await dismissOverlays(page);
	await page.mouse.move(2, 2);
	await save(page, 'execution-record.png', inset(await box(dialog)));
	await page.keyboard.press('Escape');
	await page.setViewportSize(viewport);
}

async function main() {
	installExitHandlers();
	mkdirSync(OUT, { recursive: true });
	log('starting the demo set-up (simulator + n8n 2.41.3 with the examples) ...');
	// a run folder of its own (not a shared one), so two worktrees can take screenshots at once
	const runDir = newRunFolder('shots-run.');
	const instance = await startDemoInstance({
		portsPrefix: 'N8N_SHOTS_',
		defaultPorts: { n8n: 5681, broker: 5682, execBroker: 5683, recorder: 5684, simulator: 5685 },
		dir: runDir,
		extraEnv: { WEBHOOK_URL: PUBLIC_WEBHOOK_URL },
		log,
	});
	onStop(() => rmSync(runDir, { recursive: true, force: true }));
	const { n8n, sim, examples, owner, credential, webhookCredential } = instance;
	secrets.push(webhookCredential.data.secret, credential.data.apiKey);
	const byTrigger = (source) => examples.find((e) => e.triggers.some((t) => t.eventSource === source));
	const invoiceExample = byTrigger('invoice');
	const actionExample = examples.find((e) => e.workflow.nodes.some(readsProjects));
	const pollExample = examples.find((e) => e.pollTriggers.length > 0);
	if (!invoiceExample || !actionExample || !pollExample) {
		throw new Error('examples/ needs an invoice-trigger workflow, one with a Moment node reading projects (Get Many) and one with a Moment Poll Trigger');
	}

	const { page } = await launchBrowser({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 2 });
	await signIn(page, n8n.baseUrl, owner);

	await shootAction(page, n8n, actionExample);
	await shootExecution(page, n8n, invoiceExample);
	await shootTrigger(page, n8n, invoiceExample, webhookCredential);
	await shootPollTrigger(page, n8n, pollExample);
	await shootTimeRecordForm(page, n8n, sim, credential);
	log('done; stopping n8n, the simulator and the browser');
	await stopAll();
	process.exit(0);
}

main().catch(async (error) => {
	log(`failed: ${error.stack ?? error.message}`);
	await stopAll();
	process.exit(1);
});
