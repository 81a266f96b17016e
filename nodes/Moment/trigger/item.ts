/**
 * The item a delivery becomes, built in this one place: what happened first (event, source, id,
 * whether and where the id was found), then the numbers users know the record by, when it arrived,
 * the delivery key, the untouched payload, and the full record with its change key when fetched.
 * Nothing from the request besides the body goes in: no headers, no query, never the secret.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { changeKeyOf } from '../changeKey';
import { deliveryKeyOf } from './deliveryKey';
import type { Delivery } from './payload';

/** The record Fetch Full Record read, and the catalog resource it belongs to. */
export interface FetchedRecord {
	resource: MomentResource;
	record: IDataObject;
}

/**
 * With a fetched record the item also carries `changeKey` (changeKey.ts): the key the Moment Poll
 * Trigger with Fetch Full Record gives the same state of the same record, so a workflow fed by
 * both passes each change once through Remove Duplicates.
 */
export function buildItemJson(delivery: Delivery, receivedAt: Date, fetched?: FetchedRecord): IDataObject {
	const json: IDataObject = {
		event: delivery.event,
		source: delivery.source,
		id: delivery.id,
		recognized: delivery.recognized,
		idFrom: delivery.idFrom,
	};
	if (!delivery.recognized) json.reason = delivery.reason ?? null;
	Object.assign(json, delivery.identifiers, {
		receivedAt: receivedAt.toISOString(),
		deliveryKey: deliveryKeyOf(delivery),
	});
	if (fetched !== undefined && delivery.id !== null) json.changeKey = changeKeyOf(fetched.resource, delivery.id, fetched.record);
	json.payload = delivery.payload;
	if (fetched !== undefined) json.record = fetched.record;
	return json;
}

/** One line naming the delivery, for error messages: `invoice 106939080 (event "CREATE_NEW", invoiceNumber 1)`. */
export function describeDelivery(delivery: Delivery): string {
	const details = [delivery.event === null ? 'no event' : `event "${delivery.event.slice(0, 60)}"`];
	for (const [key, value] of Object.entries(delivery.identifiers)) {
		if (typeof value === 'string' || typeof value === 'number') details.push(`${key} ${String(value).slice(0, 40)}`);
	}
	return `${delivery.source} ${delivery.id ?? 'without an id'} (${details.join(', ')})`;
}
