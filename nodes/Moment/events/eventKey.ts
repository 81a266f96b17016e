/**
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
import { NodeOperationError } from 'n8n-workflow';

import { findWebhookSource } from '../catalog';

export type KeySource = 'automatic' | 'custom';

/** What an item's key was read from (for messages and hints). */
export type KeyOrigin = 'changeKey' | 'deliveryKey' | 'custom';

export interface ItemKey {
	key: string;
	from: KeyOrigin;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A short, safe rendering of a value from item data for a message. */
function shown(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return value.trim() === '' ? 'empty text' : JSON.stringify(value.slice(0, 60));
	return String(value);
}

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

const CHOOSE_CUSTOM = 'Or set Key to Custom and give the value that names one event, e.g. {{ $json.eventId }}.';

/** The Automatic key of one item, or a NodeOperationError saying why it has none. */
export function automaticKey(this: IExecuteFunctions, json: IDataObject, itemIndex: number): ItemKey {
	const { changeKey, deliveryKey, source, event } = json;
	if (changeKey !== undefined && changeKey !== null) {
		if (isText(changeKey)) return { key: changeKey, from: 'changeKey' };
		return fail.call(
			this,
			itemIndex,
			`The item's changeKey is ${shown(changeKey)}, not a key`,
			`The Moment Trigger and the Moment Poll Trigger put a text such as "invoice:106939080:version=3" there; a node before this one changed it. ${CHOOSE_CUSTOM}`,
		);
	}
	if (deliveryKey !== undefined && deliveryKey !== null) {
		if (!isText(deliveryKey)) {
			return fail.call(this, itemIndex, `The item's deliveryKey is ${shown(deliveryKey)}, not a key`, `The Moment Trigger puts a text there; a node before this one changed it. ${CHOOSE_CUSTOM}`);
		}
		const once = typeof source === 'string' ? findWebhookSource(source)?.eventsOncePerRecord : undefined;
		if (once && typeof event === 'string' && once.includes(event)) return { key: deliveryKey, from: 'deliveryKey' };
		return fail.call(
			this,
			itemIndex,
			`This item of the Moment Trigger (${shown(source)}, event ${shown(event)}) has no changeKey, and its deliveryKey cannot tell a repeat from a new change`,
			'Two real changes of one record may arrive with identical bodies, which give one deliveryKey; the second would be held back as a repeat. Turn on Fetch Full Record in the Moment Trigger: its items then carry a changeKey, the state of the record. Only an invoice\'s CREATE_NEW (sent once, when it is finalized) is let through on its deliveryKey. ' +
				CHOOSE_CUSTOM,
		);
	}
	return fail.call(
		this,
		itemIndex,
		'The item has neither a changeKey nor a deliveryKey',
		`Key Automatic reads the changeKey of the Moment Poll Trigger (and of the Moment Trigger with Fetch Full Record), or the Moment Trigger's deliveryKey. Connect this node right after those triggers, or keep those fields in the nodes in between. ${CHOOSE_CUSTOM}`,
	);
}

/** The Custom Key of one item: text that is not blank, or a finite number (as text). */
export function customKey(this: IExecuteFunctions, itemIndex: number): ItemKey {
	const raw = this.getNodeParameter('customKey', itemIndex, '') as unknown;
	if (isText(raw)) return { key: raw, from: 'custom' };
	if (typeof raw === 'number' && Number.isFinite(raw)) return { key: String(raw), from: 'custom' };
	return fail.call(
		this,
		itemIndex,
		`Custom Key is ${shown(raw)} for this item; it must be a text or a number`,
		'Give the value that names one event, e.g. {{ $json.record.id }}-{{ $json.record.version }}. Items with the same value count as the same event.',
	);
}

/** The key of item `itemIndex` by the node's Key setting. */
export function itemKey(this: IExecuteFunctions, source: KeySource, json: IDataObject, itemIndex: number): ItemKey {
	return source === 'custom' ? customKey.call(this, itemIndex) : automaticKey.call(this, json, itemIndex);
}
