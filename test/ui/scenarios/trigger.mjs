// The Moment Trigger in the editor: its Webhook URLs (Test and Production, as n8n builds them from
// the node's webhook path), its set-up steps as readable text, a secret typed in that is never
// displayed, and "Listen for test event" (n8n 2.41: Execute step, then "Listening for test event"):
// a delivery sent to the Test URL shows up as the node's output.
import { createRequire } from 'node:module';
import { closeNdv, createWorkflow, openNode, openWorkflow } from '../lib/editor.mjs';
import { displayedProperties, noticeText, nodeValues } from '../lib/formExpectations.mjs';
import { listenForTestEvent, outputTable, readForm, webhookUrls } from '../lib/ndv.mjs';
import { deliver } from '../../e2e/scenarios/trigger.mjs';
import { nodeAt } from './workflows.mjs';

const { NodeHelpers } = createRequire(import.meta.url)('n8n-workflow');
const SECRET = 'uiSecret7Kq2Xm9Lp4Rt8Vw3'; // 20+ letters and digits, as the node asks
const WEBHOOK_ID = 'ui-moment-trigger';

/** Text that would show raw markup instead of reading as text. */
const markup = (text) => /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(text);

export async function triggerInEditor(ctx) {
	const { page, baseUrl, pkg, sim, simLib, checks } = ctx;
	const node = pkg.nodes.find((n) => n.isTrigger && (n.description.webhooks ?? []).length > 0);
	const trigger = nodeAt(node, 'Moment Trigger', 0, {}, { webhookId: WEBHOOK_ID });
	const workflow = await createWorkflow(page, baseUrl, { name: 'UI: trigger', nodes: [trigger] });
	await openWorkflow(page, baseUrl, workflow);
	const ndv = await openNode(page, trigger.name);

	const hook = node.description.webhooks[0];
	const path = NodeHelpers.getNodeWebhookPath(workflow.id, { ...trigger, webhookId: WEBHOOK_ID }, hook.path, hook.isFullPath);
	const urls = await webhookUrls(ndv);
	await checks.equal(urls, { test: `${baseUrl}/webhook-test/${path}`, production: `${baseUrl}/webhook/${path}` }, `trigger: Webhook URLs shows the Test and the Production URL (…/${path})`);

	const values = nodeValues(node, {});
	const notices = displayedProperties(node, values).filter((p) => p.type === 'notice');
	const shown = (await readForm(ndv)).fields.filter((f) => f.kind === 'notice').map((f) => f.text);
	await checks.check(
		notices.length > 0 && notices.every((n) => shown.includes(noticeText(n.displayName))) && !shown.some(markup),
		'trigger: the set-up steps show as plain readable text (no markup)',
		shown,
	);

	const secretField = displayedProperties(node, values).find((p) => p.type === 'string' && p.typeOptions?.password);
	if (!secretField) throw new Error(`${node.type} shows no password field to type the secret into`);
	const input = ndv.getByTestId(`parameter-input-${secretField.name}`).locator('input').first();
	await input.fill(SECRET);
	await input.blur();
	await checks.equal(await input.getAttribute('type'), 'password', `trigger: "${secretField.displayName}" is a password field`);
	const visibleText = async () => page.evaluate(() => document.body.innerText);
	await checks.check(!(await visibleText()).includes(SECRET), `trigger: the ${secretField.displayName.toLowerCase()} typed in is not displayed anywhere on the page`);

	const listening = await listenForTestEvent(ndv);
	await checks.check(/Listening for test event/i.test(listening.text), 'trigger: Execute step listens for a test event', listening.text);
	const record = sim.data(simLib.WEBHOOK_SOURCES[values.eventSource].entity)[3];
	const url = new URL(urls.test);
	const delivery = await deliver(simLib, sim, url.href, { source: values.eventSource, id: record.id, token: SECRET });
	await checks.equal(delivery.status, 200, `trigger: Moment's delivery to the Test URL is answered 200`);
	await listening.finished();
	const output = await outputTable(ndv);
	const row = Object.fromEntries(output.headers.map((h, i) => [h, output.rows[0]?.[i]]));
	await checks.check(output.rows.length === 1 && row.id === String(record.id) && row.event === delivery.payload.event, `trigger: the delivery shows up as the node's output (${output.count}, id ${record.id}, event ${delivery.payload.event})`, row);
	await checks.check(!(await visibleText()).includes(SECRET), 'trigger: the secret appears nowhere on the page after the delivery either');
	await closeNdv(page);
}
