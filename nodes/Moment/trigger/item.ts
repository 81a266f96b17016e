/**
 * The item a delivery becomes, built in this one place: what happened first (event, source, id,
 * whether and where the id was found), then the numbers users know the record by, when it arrived,
 * the delivery key, the untouched payload, and the full record when fetched. Nothing from the
 * request besides the body goes in: no headers, no query, never the secret.
 */
import type { IDataObject } from 'n8n-workflow';

import { deliveryKeyOf } from './deliveryKey';
import type { Delivery } from './payload';

export function buildItemJson(delivery: Delivery, receivedAt: Date, record?: IDataObject): IDataObject {
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
		payload: delivery.payload,
	});
	if (record !== undefined) json.record = record;
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
