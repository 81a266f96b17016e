/**
 * The delivery key: one text per delivery, the same every time Moment sends the same delivery
 * again, different as soon as anything in the body differs. For n8n's Remove Duplicates node
 * ("Remove Items Processed in Previous Executions", Value to Dedupe On `{{ $json.deliveryKey }}`).
 *
 *   <source>:<event>:<id>:<hash>      e.g. invoice:CREATE_NEW:106939080:5d41402abc4b2a76
 *
 * `event` and `id` are empty when the delivery has none. `hash` is the first 16 hex digits (64
 * bits) of the SHA-256 of the body written as JSON with the keys of every object sorted, so the
 * same JSON content gives the same key whatever its spacing or key order. The time of arrival is
 * not part of it: a repeated delivery keeps its key.
 */
import { createHash } from 'crypto';

import { canonicalJson } from '../canonicalJson';
import type { Delivery } from './payload';

export function deliveryKeyOf(delivery: Pick<Delivery, 'source' | 'event' | 'id' | 'payload'>): string {
	const hash = createHash('sha256').update(canonicalJson(delivery.payload), 'utf8').digest('hex').slice(0, 16);
	return [delivery.source, delivery.event ?? '', delivery.id ?? '', hash].join(':');
}
