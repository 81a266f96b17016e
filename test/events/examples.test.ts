/**
 * The two example workflows that let each invoice through once, run with their own Pass Each Once
 * parameters on the items their triggers build: a delivery repeated by Moment or n8n, and the same
 * new invoice seen by the webhook and by the poll, pass once. (In a real n8n: test/e2e.)
 */
import type { IDataObject } from 'n8n-workflow';

import finalizedInvoice from '../../examples/finalized-invoice-to-accounting.json';
import webhookAndPoll from '../../examples/new-invoices-webhook-and-poll.json';
import { findResource, findWebhookSource } from '../../nodes/Moment/catalog';
import { buildPollItem } from '../../nodes/Moment/poll/pollRun';
import { buildItemJson } from '../../nodes/Moment/trigger/item';
import { parseDelivery } from '../../nodes/Moment/trigger/payload';
import { DeduplicationStore, ProcessedDataTable } from '../helpers/deduplicationStore';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';
import { jsonOf, runPassEachOnce } from './run';

const invoice = findResource('invoice')!;

function passEachOnceNode(workflow: { nodes: Array<{ type: string; parameters: object }> }): IDataObject {
	const nodes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-moment.moment' && (node.parameters as IDataObject).resource === 'event');
	expect(nodes).toHaveLength(1);
	return nodes[0].parameters as IDataObject;
}

/** The Moment Trigger's item (Fetch Full Record on, as in both examples) for the documented delivery. */
function webhookItem(record: IDataObject): IDataObject {
	const delivery = parseDelivery(DOCUMENTED_INVOICE, { source: findWebhookSource('invoice')! });
	if (delivery.kind !== 'accepted') throw new Error('not accepted');
	return buildItemJson(delivery, new Date(), { resource: invoice, record });
}

const record = { ...DOCUMENTED_INVOICE.invoice, version: 0 };

it('finalized-invoice-to-accounting: the same delivery twice (Moment resends, n8n runs it twice) is posted once', async () => {
	const store = new DeduplicationStore(new ProcessedDataTable());
	const parameters = passEachOnceNode(finalizedInvoice);
	const first = await runPassEachOnce({ store, items: [webhookItem(record)], parameters });
	const second = await runPassEachOnce({ store, items: [webhookItem(record)], parameters });
	expect(jsonOf(first.outputs).map((output) => output.length)).toEqual([1, 0]);
	expect(jsonOf(second.outputs).map((output) => output.length)).toEqual([0, 1]);
});

it('new-invoices-webhook-and-poll: an invoice the webhook announced and the poll found later passes once', async () => {
	const store = new DeduplicationStore(new ProcessedDataTable());
	const parameters = passEachOnceNode(webhookAndPoll);
	const fromWebhook = await runPassEachOnce({ store, items: [webhookItem(record)], parameters });
	const polled = buildPollItem(invoice, 'new', String(record.id), record, new Date());
	const another = buildPollItem(invoice, 'new', '106939081', { id: 106939081, version: 0 }, new Date());
	const fromPoll = await runPassEachOnce({ store, items: [polled, another], parameters });
	expect(jsonOf(fromWebhook.outputs)[0].map((json) => json.changeKey)).toEqual(['invoice:106939080:version=0']);
	expect(jsonOf(fromPoll.outputs).map((output) => output.map((json) => json.changeKey))).toEqual([['invoice:106939081:version=0'], ['invoice:106939080:version=0']]);
});
