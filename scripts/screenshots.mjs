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
//   trigger-node.png      the Moment Trigger: notice, Production URL, parameters
//   action-node.png       the Moment node (Project > Get Many) after running it: form and output
//   execution.png         the finalized-invoice execution on the canvas
//   execution-record.png  that execution's trigger output (JSON) with the fetched invoice in "record"
// Stops n8n, the simulator and the browser at the end, on failure and on Ctrl-C. Re-runnable.
//
// Environment: CHROMIUM (default Debian's chromium); ports N8N_SHOTS_PORT (5681),
// N8N_SHOTS_BROKER_PORT (5682), N8N_SHOTS_EXEC_BROKER_PORT (5683), N8N_SHOTS_RECORDER_PORT (5684),
// N8N_SHOTS_SIMULATOR_PORT (5685).
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { installExitHandlers, onStop, stopAll } from '../test/e2e/lib/processes.mjs';
import { newRunFolder } from '../test/e2e/lib/runs.mjs';
import { launchBrowser } from '../test/ui/lib/browser.mjs';
import { canvasNode, dismissOverlays, openNode, openWorkflow, signIn, waitForStill } from '../test/ui/lib/editor.mjs';
import { executeStep, webhookUrls } from '../test/ui/lib/ndv.mjs';
import { REPO, startDemoInstance } from './demo-instance.mjs';

const OUT = join(REPO, 'docs', 'images');
const PUBLIC_WEBHOOK_URL = 'https://n8n.example.com/';
const log = (msg) => process.stdout.write(`[screenshots] ${msg}\n`);

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

async function save(page, file, clip) {
	const path = join(OUT, file);
	await page.screenshot({ path, clip, animations: 'disabled' });
	log(`saved ${path} (${Math.round(statSync(path).size / 1024)} KB)`);
}

const box = async (locator) => {
	const b = await locator.boundingBox();
	if (!b) throw new Error(`not visible: ${locator}`);
	return b;
};

async function shootTrigger(page, n8n, example) {
	await showWorkflow(page, n8n.baseUrl, example.workflow);
	const trigger = example.triggers[0];
	const dialog = await showNode(page, trigger.name);
	const urls = await webhookUrls(dialog); // ends on "Production URL"
	if (urls.production !== `${PUBLIC_WEBHOOK_URL}webhook/${trigger.path}`) throw new Error(`unexpected Production URL ${urls.production}`);
	await widenParameters(page, dialog, 300);
	const d = await box(dialog);
	const settings = await box(page.locator('.node-settings'));
	// down to the form's last parameter (which one depends on the node version and the example)
	const last = await box(dialog.locator('.node-settings [data-test-id^="parameter-input-"]:visible').last());
	await save(page, 'trigger-node.png', { x: d.x + 1, y: d.y + 1, width: settings.x + settings.width - d.x, height: last.y + last.height + 24 - d.y });
}

/** The node the README's action picture shows: Project > Get Many (a read: taking it writes nothing). */
const readsProjects = (node) => node.type === 'n8n-nodes-moment.moment' && node.parameters.resource === 'project' && node.parameters.operation === 'getAll';

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
	const { n8n, examples, owner } = instance;
	const byTrigger = (source) => examples.find((e) => e.triggers.some((t) => t.eventSource === source));
	const invoiceExample = byTrigger('invoice');
	const actionExample = examples.find((e) => e.workflow.nodes.some(readsProjects));
	if (!invoiceExample || !actionExample) throw new Error('examples/ needs an invoice-trigger workflow and one with a Moment node reading projects (Get Many)');

	const { page } = await launchBrowser({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 2 });
	await signIn(page, n8n.baseUrl, owner);

	await shootAction(page, n8n, actionExample);
	await shootExecution(page, n8n, invoiceExample);
	await shootTrigger(page, n8n, invoiceExample);
	log('done; stopping n8n, the simulator and the browser');
	await stopAll();
	process.exit(0);
}

main().catch(async (error) => {
	log(`failed: ${error.stack ?? error.message}`);
	await stopAll();
	process.exit(1);
});
