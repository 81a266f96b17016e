// The Moment Trigger in the editor, as a user of its current version sets it up: its Webhook URLs
// (Test and Production, as n8n builds them from the node's webhook path), its set-up steps as
// readable text, Authentication switched to the secret token, which asks for a credential: the
// secret is typed into the credential modal's password field, the credential's own test refuses a
// secret too short for the URL (with the node's message) and passes a good one, and the secret is
// never displayed. Then "Listen for test event" (n8n 2.41: Execute step, then "Listening for test
// event"): a delivery sent to the Test URL with ?token=<secret> shows up as the node's output, and
// the workflow n8n saved for the run names the credential and holds no secret.
import { createRequire } from 'node:module';
import { closeNdv, createWorkflow, openNode, openWorkflow, rest } from '../lib/editor.mjs';
import { createCredentialFromNode, credentialInput, fillCredential, retryTest, saveAndClose, saveAndTest } from '../lib/credentialModal.mjs';
import { credentialShown, displayedProperties, noticeText, nodeValues } from '../lib/formExpectations.mjs';
import { chooseOption, listenForTestEvent, outputTable, readForm, webhookUrls } from '../lib/ndv.mjs';
import { deliver } from '../../e2e/scenarios/trigger.mjs';
import { nodeAt } from './workflows.mjs';

const { NodeHelpers } = createRequire(import.meta.url)('n8n-workflow');
const SECRET = 'uiSecret7Kq2Xm9Lp4Rt8Vw3'; // 20+ letters and digits, as the credential asks
const SHORT_SECRET = 'abc123'; // too short: the credential's test must say so
const WEBHOOK_ID = 'ui-moment-trigger';

/** Text that would show raw markup instead of reading as text. */
const markup = (text) => /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(text);

/**
 * The Authentication option that asks for a credential holding a password field (the secret), the
 * node's entry for that credential and the credential type, all from the packed description.
 */
function secretAuthentication(node, pkg, values) {
	const authentication = displayedProperties(node, values).find((p) => p.name === 'authentication' && p.type === 'options');
	if (!authentication) throw new Error(`${node.type} v${node.version} shows no Authentication parameter`);
	for (const option of authentication.options ?? []) {
		const chosen = nodeValues(node, { ...values, authentication: option.value });
		if (!credentialShown(node, chosen)) continue;
		const entry = node.description.credentials.find((c) => NodeHelpers.displayParameter(chosen, c, { typeVersion: node.version }, node.description));
		const credential = pkg.credentials.find((c) => c.name === entry.name);
		const secretField = credential?.type.properties.find((p) => p.typeOptions?.password);
		if (secretField) return { option, entry, credential, secretField };
	}
	throw new Error(`no Authentication option of ${node.type} asks for a credential with a password field`);
}

/** What the node's own credential test (its `testedBy` method, as packed) answers for `secret`. */
async function credentialTestAnswer(node, entry, credential, secretField, secret) {
	const test = node.instance?.methods?.credentialTest?.[entry.testedBy];
	if (typeof test !== 'function') throw new Error(`${node.type} has no credential test "${entry.testedBy}" for ${credential.name}`);
	return test.call({}, { id: 'ui', name: 'ui', type: credential.name, data: { [secretField.name]: secret } });
}

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
	await checks.check(
		!displayedProperties(node, values).some((p) => p.type === 'string' && p.typeOptions?.password),
		`trigger v${node.version}: the node itself has no secret field (the secret goes into a credential)`,
	);

	const { option, entry, credential, secretField } = secretAuthentication(node, pkg, values);
	await chooseOption(page, ndv, 'authentication', option.name);
	const modal = await createCredentialFromNode(page, ndv);
	const secretInput = credentialInput(modal, secretField.name);
	await checks.equal(await secretInput.getAttribute('type'), 'password', `trigger: Authentication "${option.name}" asks for a ${credential.displayName} credential whose "${secretField.displayName}" is a password field`);

	await fillCredential(modal, { [secretField.name]: SHORT_SECRET });
	const short = await saveAndTest(page, modal);
	const shortAnswer = await credentialTestAnswer(node, entry, credential, secretField, SHORT_SECRET);
	await checks.check(
		shortAnswer.status === 'Error' && !short.ok && short.text.includes(shortAnswer.message),
		`trigger: Save with a ${SHORT_SECRET.length}-character secret shows "Couldn't connect" and the credential's reason: "${shortAnswer.message.slice(0, 60)}…"`,
		`the banner says: ${short.text}`,
	);
	await fillCredential(modal, { [secretField.name]: SECRET });
	const good = await retryTest(page, modal);
	await checks.check(good.ok && /Connection tested successfully/.test(good.text), `trigger: Retry with a ${SECRET.length}-character secret of letters and digits says "Connection tested successfully"`, `the banner says: ${good.text}`);
	const visibleText = async () => page.evaluate(() => document.body.innerText);
	await checks.check(!(await modal.innerText()).includes(SECRET) && !(await visibleText()).includes(SECRET), 'trigger: the secret typed into the credential is not displayed anywhere on the page');
	const name = (await page.getByTestId('credential-name').innerText()).trim();
	await saveAndClose(page, modal);
	const selected = await ndv.getByTestId('node-credentials-select').locator('input').first().inputValue();
	await checks.equal(selected, name, `trigger: after Save the Moment Trigger uses the new credential "${name}"`);

	const listening = await listenForTestEvent(ndv);
	await checks.check(/Listening for test event/i.test(listening.text), 'trigger: Execute step listens for a test event', listening.text);
	const record = sim.data(simLib.WEBHOOK_SOURCES[values.eventSource].entity)[3];
	const url = new URL(urls.test);
	const delivery = await deliver(simLib, sim, url.href, { source: values.eventSource, id: record.id, token: SECRET });
	await checks.equal(delivery.status, 200, `trigger: Moment's delivery to the Test URL with ?token=<the credential's secret> is answered 200`);
	await listening.finished();
	const output = await outputTable(ndv);
	const row = Object.fromEntries(output.headers.map((h, i) => [h, output.rows[0]?.[i]]));
	await checks.check(output.rows.length === 1 && row.id === String(record.id) && row.event === delivery.payload.event, `trigger: the delivery shows up as the node's output (${output.count}, id ${record.id}, event ${delivery.payload.event})`, row);
	await checks.check(!(await visibleText()).includes(SECRET), 'trigger: the secret appears nowhere on the page after the delivery either');
	// n8n 2.41 saved the workflow for the run: it names the credential and holds no secret
	const saved = await rest(page, baseUrl, 'GET', `/workflows/${workflow.id}`);
	const savedTrigger = saved.nodes.find((n) => n.name === trigger.name);
	await checks.check(
		savedTrigger?.credentials?.[credential.name]?.name === name && !JSON.stringify(saved).includes(SECRET),
		`trigger: the saved workflow names the credential "${name}" and holds no secret`,
		savedTrigger?.credentials,
	);
	await closeNdv(page);
}
