// Scenario 1 (and 5, in queue mode): the simulator posts a finalized-invoice event to the Moment
// Trigger's production URL; the workflow fetches the full invoice, a Set node and an HTTP Request
// node pass it on to the recorder. A wrong or missing token is refused with 401 and runs nothing.
import { triggerWorkflow } from '../lib/workflows.mjs';

export const TRIGGER_WORKFLOW_ID = 'e2eTriggerInv001';
const WEBHOOK_ID = 'e2e-moment-invoice';
const SECRET = 'e2eSecret7Q2xLm9Vd4Rk8Tz';

export function triggerSetup({ credential, recorder }) {
	return triggerWorkflow({ id: TRIGGER_WORKFLOW_ID, credential, secret: SECRET, webhookId: WEBHOOK_ID, recorderUrl: recorder.url });
}

/**
 * Sends a delivery with the simulator's webhook sender (a connection of its own per delivery),
 * retrying while n8n has not registered the hook (404) or refuses the connection (nothing was sent).
 */
export async function deliver(simLib, sim, url, options, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let res;
		try {
			res = await simLib.sendWebhook(url, { simulator: sim, ...options });
		} catch (error) {
			if (error.cause?.code !== 'ECONNREFUSED' || Date.now() > deadline) throw error;
		}
		if ((res && res.status !== 404) || Date.now() > deadline) return res;
		await new Promise((r) => setTimeout(r, 200));
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the trigger scenario for the invoice at `invoiceIndex`. Returns the id of the execution it
 * caused (for the queue-mode checks), or undefined.
 */
export async function invoiceTrigger({ n8n, sim, simLib, recorder, checks }, { invoiceIndex = 17 } = {}) {
	const url = `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
	const truth = sim.data('invoices', { include: 'base' })[invoiceIndex];
	const before = await n8n.executions(TRIGGER_WORKFLOW_ID);
	sim.clearLog();
	const recordedBefore = recorder.at('/trigger').length;

	const res = await deliver(simLib, sim, url, { source: 'invoice', id: truth.id, token: SECRET });
	checks.equal({ status: res.status, received: res.body?.received, id: res.body?.id }, { status: 200, received: true, id: truth.id }, `webhook with the right token answered 200 {received, id: ${truth.id}}`);
	const hit = await recorder.waitFor((r) => r.url === '/trigger' && r.json?.id === truth.id);
	checks.ok(hit, `the downstream HTTP Request node posted invoice ${truth.id} to the recorder`);
	const item = hit?.json ?? {};
	checks.equal(
		{ event: item.event, source: item.source, id: item.id, invoiceNumber: item.invoiceNumber, customer: item.customer, project: item.project },
		{ event: 'CREATE_NEW', source: 'invoice', id: truth.id, invoiceNumber: truth.invoiceNumber, customer: res.payload.invoice.customer, project: res.payload.invoice.project },
		'trigger item carries event, source, id, invoiceNumber, customer and project',
	);
	checks.equal(item.payload, res.payload, 'trigger item carries the untouched payload');
	checks.equal(item.record, truth, 'Fetch Full Record put the full invoice (equal to the simulator\'s) in "record"');
	checks.equal(item.seenBySet, `yes:${truth.invoiceNumber}`, 'the Set node after the trigger ran on the item');
	checks.ok(typeof item.receivedAt === 'string' && !Number.isNaN(Date.parse(item.receivedAt)), 'trigger item has a receivedAt timestamp');
	checks.ok(!JSON.stringify(item).includes(SECRET), 'the secret appears nowhere in the item');
	const fetches = sim.log().filter((e) => e.entity === 'invoices');
	checks.equal(fetches.map((e) => `${e.method} ${e.id} ${e.status}`), [`GET ${truth.id} 200`], 'the trigger fetched the invoice with one GET');

	// wrong and missing token: 401, nothing runs
	const wrong = await deliver(simLib, sim, url, { source: 'invoice', id: truth.id, token: 'not-the-secret' });
	const missing = await deliver(simLib, sim, url, { source: 'invoice', id: truth.id });
	checks.equal([wrong.status, missing.status], [401, 401], 'wrong token and missing token are answered 401');
	checks.ok(!JSON.stringify([wrong.body, missing.body]).includes(SECRET), 'the 401 answers do not reveal the secret');
	// unusable bodies are answered by the trigger itself and run nothing either
	const notJson = await deliver(simLib, sim, url, { source: 'invoice', token: SECRET, body: 'invoice 42 finalized', headers: { 'content-type': 'text/plain' } });
	checks.equal([notJson.status, notJson.body?.error], [400, 'bad request'], 'a body that is not JSON is answered 400 by the trigger', notJson.body);
	const customer = sim.data('customers')[0];
	const other = await deliver(simLib, sim, url, { source: 'customer', id: customer.id, token: SECRET });
	checks.equal([other.status, other.body?.ignored], [200, true], "a customer event at the invoice trigger is acknowledged and ignored", other.body);
	await sleep(1500);
	checks.equal(recorder.at('/trigger').length, recordedBefore + 1, 'the refused and ignored calls reached nothing downstream');
	// the record may still say "running" for a moment (queue mode: the worker reports back)
	let newOnes = [];
	for (let i = 0; i < 50; i++) {
		newOnes = (await n8n.executions(TRIGGER_WORKFLOW_ID)).filter((e) => !before.some((b) => b.id === e.id));
		if (newOnes.length > 0 && newOnes.every((e) => !['new', 'running'].includes(e.status))) break;
		await sleep(200);
	}
	checks.equal(newOnes.map((e) => e.status), ['success'], 'exactly one new execution (the accepted call), and it succeeded');
	checks.ok(!sim.log().some((e) => e.entity === 'invoices' && e.seq > fetches.at(-1)?.seq), 'the refused and ignored calls fetched nothing from Moment');
	return newOnes[0]?.id;
}
