/**
 * Which key Pass Each Once lets an item through on (Key: Automatic), for the items the Moment
 * Trigger (with and without Fetch Full Record) and the Moment Poll Trigger really build, and with
 * Key: Custom. An item it cannot key fails with how to fix it, before anything is recorded.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findResource, findWebhookSource, WEBHOOK_SOURCES } from '../../nodes/Moment/catalog';
import { buildPollItem } from '../../nodes/Moment/poll/pollRun';
import { buildItemJson } from '../../nodes/Moment/trigger/item';
import type { Delivery } from '../../nodes/Moment/trigger/payload';
import { parseDelivery } from '../../nodes/Moment/trigger/payload';
import { DeduplicationStore, ProcessedDataTable } from '../helpers/deduplicationStore';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';
import { jsonOf, runPassEachOnce } from './run';

const invoice = findResource('invoice')!;
const RECEIVED = new Date('2026-12-07T10:00:00Z');

function delivery(body: IDataObject, sourceValue = 'invoice'): Delivery {
	const result = parseDelivery(body, { source: findWebhookSource(sourceValue)! });
	if (result.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
	return result;
}

/** The Moment Trigger's item for `body`, with Fetch Full Record when `record` is given. */
function triggerItem(body: IDataObject, sourceValue = 'invoice', record?: IDataObject): IDataObject {
	const parsed = delivery(body, sourceValue);
	const resource = findWebhookSource(sourceValue)!.resource;
	return buildItemJson(parsed, RECEIVED, record ? { resource, record } : undefined);
}

async function failureOf(items: IDataObject[], parameters: IDataObject = {}) {
	const store = new DeduplicationStore(new ProcessedDataTable());
	try {
		await runPassEachOnce({ store, items, parameters });
	} catch (error) {
		return { error: error as NodeOperationError, store };
	}
	throw new Error('expected Pass Each Once to fail');
}

async function passedKeys(items: IDataObject[], parameters: IDataObject = {}) {
	const store = new DeduplicationStore(new ProcessedDataTable());
	const { outputs } = await runPassEachOnce({ store, items, parameters });
	return jsonOf(outputs);
}

describe('Key: Automatic', () => {
	it('an item of the Moment Poll Trigger: its changeKey (new, changed and deleted records)', async () => {
		const changed = buildPollItem(invoice, 'changed', '7', { id: 7, version: 3 }, RECEIVED);
		const deleted = buildPollItem(invoice, 'deleted', '8', undefined, RECEIVED);
		const store = new DeduplicationStore(new ProcessedDataTable());
		await runPassEachOnce({ store, items: [changed, deleted] });
		// the same state again, and the same deletion again: both held back
		const again = await runPassEachOnce({ store, items: [buildPollItem(invoice, 'changed', '7', { id: 7, version: 3 }, RECEIVED), deleted] });
		expect(jsonOf(again.outputs)).toEqual([[], [expect.objectContaining({ changeKey: 'invoice:7:version=3' }), expect.objectContaining({ changeKey: 'invoice:8:deleted' })]]);
		// the next version of record 7 is a new event
		const next = await runPassEachOnce({ store, items: [buildPollItem(invoice, 'changed', '7', { id: 7, version: 4 }, RECEIVED)] });
		expect(jsonOf(next.outputs)[0]).toEqual([expect.objectContaining({ changeKey: 'invoice:7:version=4' })]);
	});

	it('an item of the Moment Trigger with Fetch Full Record carries both keys and is let through on its changeKey', async () => {
		const first = triggerItem(DOCUMENTED_INVOICE, 'invoice', { id: 106939080, version: 1 });
		expect(first).toMatchObject({ deliveryKey: expect.any(String), changeKey: 'invoice:106939080:version=1' });
		const store = new DeduplicationStore(new ProcessedDataTable());
		await runPassEachOnce({ store, items: [first] });
		// the same body again (same deliveryKey), the record changed in between: a new state passes
		const changedMeanwhile = triggerItem(DOCUMENTED_INVOICE, 'invoice', { id: 106939080, version: 2 });
		expect(changedMeanwhile.deliveryKey).toBe(first.deliveryKey);
		const second = await runPassEachOnce({ store, items: [changedMeanwhile] });
		expect(jsonOf(second.outputs)).toEqual([[changedMeanwhile], []]);
	});

	it('two real changes of a customer with identical bodies pass when Fetch Full Record gives them two states', async () => {
		const body = { event: 'UPDATE', customer: { id: 4711 } };
		const items = [triggerItem(body, 'customer', { id: 4711, version: 5 }), triggerItem(body, 'customer', { id: 4711, version: 6 })];
		expect(items[0].deliveryKey).toBe(items[1].deliveryKey);
		expect(await passedKeys(items)).toEqual([items, []]);
	});

	it("a finalized invoice without Fetch Full Record: its deliveryKey (CREATE_NEW happens once per invoice)", async () => {
		const item = triggerItem(DOCUMENTED_INVOICE);
		expect(item).not.toHaveProperty('changeKey');
		expect(await passedKeys([item, triggerItem(DOCUMENTED_INVOICE)])).toEqual([[item], [item]]);
	});

	it.each(WEBHOOK_SOURCES.filter((source) => !(source.eventsOncePerRecord ?? []).includes('UPDATE')).map((source) => [source.value]))(
		'%s UPDATE without Fetch Full Record fails and says to turn it on: a second real change could have the same body',
		async (sourceValue) => {
			const source = findWebhookSource(sourceValue)!;
			const item = triggerItem({ event: 'UPDATE', [source.payloadKey]: { id: 4711 } }, sourceValue);
			const { error, store } = await failureOf([{ note: 'first item is fine', changeKey: 'x:1:version=1' }, item]);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('has no changeKey, and its deliveryKey cannot tell a repeat from a new change');
			expect(error.description).toContain('Turn on Fetch Full Record in the Moment Trigger');
			expect(error.context.itemIndex).toBe(1);
			// nothing recorded: the first item's key is not in the history either
			expect(store.table.rows.size).toBe(0);
		},
	);

	it('an invoice delivery with another event than CREATE_NEW and no changeKey fails too', async () => {
		const { error } = await failureOf([triggerItem({ ...DOCUMENTED_INVOICE, event: 'UPDATE' })]);
		expect(error.message).toContain('("invoice", event "UPDATE")');
	});

	it('an item with neither key fails, saying where the keys come from and that Custom exists', async () => {
		const { error } = await failureOf([{ id: 7, name: 'no keys here' }]);
		expect(error.message).toBe('The item has neither a changeKey nor a deliveryKey');
		expect(error.description).toContain('Or set Key to Custom');
		expect(error.context.itemIndex).toBe(0);
	});

	it.each([
		['a number', 42, 'The item\'s changeKey is the number "42", not a key'],
		['empty text', '  ', 'The item\'s changeKey is the text "  ", not a key'],
		['an object', { a: 1 }, 'The item\'s changeKey is an object, not a key'],
	])('a changeKey that is %s fails', async (_label, changeKey, message) => {
		const { error } = await failureOf([{ changeKey, deliveryKey: 'invoice:CREATE_NEW:1:0123456789abcdef' }]);
		expect(error.message).toBe(message);
	});
});

describe('Key: Custom', () => {
	const idOf = (json: IDataObject) => json.id;

	it('takes text or a number per item; the same value is the same event', async () => {
		const items = [{ id: 1 }, { id: '1' }, { id: 'x-2' }, { id: 2 }];
		expect(await passedKeys(items, { key: 'custom', customKey: idOf })).toEqual([[{ id: 1 }, { id: 'x-2' }, { id: 2 }], [{ id: '1' }]]);
	});

	it.each([
		['empty', '', 'Custom Key is the text "" for this item; it must be a text or a number'],
		['an object', { a: 1 }, 'Custom Key is an object for this item; it must be a text or a number'],
		['a list', [1], 'Custom Key is a list for this item; it must be a text or a number'],
		['not finite', Number.NaN, 'Custom Key is the number "NaN" for this item; it must be a text or a number'],
	])('a Custom Key that is %s fails with the item index', async (_label, value, message) => {
		const { error } = await failureOf([{ id: 1 }, { value }], { key: 'custom', customKey: (json: IDataObject) => ('value' in json ? json.value : json.id) });
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(1);
	});
});
