/**
 * resources/event/: Pass Each Once's key (map: docs/development.md).
 * Which key Event > Pass Each Once lets an item through on: the one place that decides it.
 *
 * Automatic (for items of the Moment Trigger and the Moment Poll Trigger):
 * - `changeKey` when the item has one: the state of the record (`invoice:106939080:version=3`).
 *   The Moment Poll Trigger always puts it on its items, the Moment Trigger with Fetch Full Record
 *   too, computed by the same rule (changeKey.ts), so a workflow fed by both passes each change
 *   once. An item carrying both keys uses this one: two deliveries of one state are one event, and
 *   two real changes differ in their stamp even when Moment sent them with identical bodies.
 * - else `deliveryKey` (Moment Trigger without Fetch Full Record), but only for an event that
 *   happens once per record (catalog `eventsOncePerRecord`: an invoice's CREATE_NEW). For any other
 *   event two real changes of one record may arrive with identical bodies, hence one deliveryKey,
 *   and the second would be held back as a repeat: the item fails with how to fix it instead.
 * - neither: the item does not come from these triggers (or a node before replaced its fields).
 *
 * Custom: a text or a number from the Custom Key expression, per item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failItem } from '../../actions/parameters';
import { findWebhookSource } from '../../catalog';
import { describeValue, excerpt } from '../../values';

export type KeySource = 'automatic' | 'custom';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const CUSTOM = 'Or set Key to Custom, e.g. {{ $json.eventId }}.';

/** The Automatic key of one item, or a NodeOperationError saying why it has none. */
function automaticKey(this: IExecuteFunctions, json: IDataObject, itemIndex: number): string {
	const { source, event } = json;
	for (const field of ['changeKey', 'deliveryKey']) {
		const value = json[field];
		if (value === undefined || value === null) continue;
		if (!isText(value)) return failItem.call(this, itemIndex, `The item's ${field} is ${describeValue(value)}, not a key`, CUSTOM);
		if (field === 'changeKey') return value;
		const once = typeof source === 'string' ? findWebhookSource(source)?.eventsOncePerRecord : undefined;
		if (once && typeof event === 'string' && once.includes(event)) return value;
		return failItem.call(
			this,
			itemIndex,
			`This item (${excerpt(source)}, event ${excerpt(event)}) has no changeKey, and its deliveryKey cannot tell a repeat from a new change`,
			`Two changes may come with identical bodies. Turn on Fetch Full Record in the Moment Trigger (it adds a changeKey). ${CUSTOM}`,
		);
	}
	return failItem.call(
		this,
		itemIndex,
		'The item has neither a changeKey nor a deliveryKey',
		`Key Automatic reads those of the Moment Trigger and Moment Poll Trigger. ${CUSTOM}`,
	);
}

/** The Custom Key of one item: text that is not blank, or a finite number (as text). */
function customKey(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('customKey', itemIndex, '') as unknown;
	if (isText(raw)) return raw;
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	return failItem.call(this, itemIndex, `Custom Key is ${describeValue(raw)} for this item; it must be a text or a number`, 'E.g. {{ $json.id }}-{{ $json.version }}.');
}

/** The key of item `itemIndex` by the node's Key setting. */
export function itemKey(this: IExecuteFunctions, source: KeySource, json: IDataObject, itemIndex: number): string {
	return source === 'custom' ? customKey.call(this, itemIndex) : automaticKey.call(this, json, itemIndex);
}
