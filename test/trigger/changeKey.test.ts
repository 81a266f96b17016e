/**
 * The change key on the Moment Trigger's item: with Fetch Full Record it is the key the Moment
 * Poll Trigger (also with Fetch Full Record) gives the same state of the same record, so a
 * workflow fed by both passes each change once through Remove Duplicates on `changeKey`.
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { pollHarness } from '../helpers/pollContext';
import { createWebhookContext, jsonRequest } from '../helpers/webhookContext';
import { DEFAULT_PARAMETERS, useSimulator } from '../poll/fixture';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';

jest.setTimeout(60000);

const trigger = new MomentTrigger();
let sim: Simulator;
useSimulator({ invoices: 6, offers: 4 }, (started) => (sim = started));

function itemOf(result: IWebhookResponseData): IDataObject {
	expect(result.workflowData?.[0]).toHaveLength(1);
	return result.workflowData![0][0].json;
}

/** What the Moment Trigger (version 2) emits for Moment's webhook about `id`. */
async function webhookItem(eventSource: string, body: IDataObject, fetchFullRecord = true): Promise<IDataObject> {
	const context = createWebhookContext({
		request: jsonRequest(body),
		parameters: { eventSource, authentication: 'none', fetchFullRecord, options: {} },
		typeVersion: 2,
		credentials: credentialsFor(sim),
	});
	return itemOf(await trigger.webhook.call(context.ctx));
}

/** The change key the poll trigger (Fetch Full Record on, emitting everything) gives record `id`. */
async function polledKey(resource: string, id: number): Promise<string | undefined> {
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, resource, start: 'all', fetchFullRecord: true }, credentials: credentialsFor(sim) });
	const { items } = await poll.poll();
	return items?.find((item) => item.id === id)?.changeKey as string | undefined;
}

it('with Fetch Full Record, the webhook item carries the change key the poll trigger gives the same invoice, before and after a change', async () => {
	const invoice = sim.data('invoices')[2];
	const delivered = () => webhookItem('invoice', { event: 'CREATE_NEW', invoice: { id: invoice.id } });
	const before = await delivered();
	expect(before.changeKey).toBe(`invoice:${invoice.id}:version=${String(invoice.version)}`);
	expect(before.changeKey).toBe(await polledKey('invoice', invoice.id as number));
	const changed = sim.changeRecord('invoices', invoice.id as number);
	const after = await delivered();
	expect(after.changeKey).toBe(`invoice:${invoice.id}:version=${String(changed.version)}`);
	expect(after.changeKey).not.toBe(before.changeKey);
	expect(after.changeKey).toBe(await polledKey('invoice', invoice.id as number));
	// placed with the other keys, before the payload and the record
	expect(Object.keys(after).slice(-4)).toEqual(['deliveryKey', 'changeKey', 'payload', 'record']);
});

it('an offer decision is keyed as the offer it concerns, like the poll trigger on offers', async () => {
	const offer = sim.data('offers')[1];
	const item = await webhookItem('offerDecision', { event: 'ACCEPTED', offer: { id: offer.id } });
	expect(item.changeKey).toBe(`offer:${offer.id}:version=${String(offer.version)}`);
	expect(item.changeKey).toBe(await polledKey('offer', offer.id as number));
});

it('without Fetch Full Record the item has no change key (a payload is not the record the poll trigger keys)', async () => {
	const invoice = sim.data('invoices')[0];
	const item = await webhookItem('invoice', { event: 'CREATE_NEW', invoice: { id: invoice.id } }, false);
	expect(item).not.toHaveProperty('changeKey');
	expect(item.deliveryKey).toEqual(expect.any(String));
});
