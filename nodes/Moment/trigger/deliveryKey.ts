/**
 * The delivery key: one text per delivery, the same every time Moment sends the same delivery
 * again, different as soon as anything in the body differs. For n8n's Remove Duplicates node
 * ("Remove Items Processed in Previous Executions", Value to Dedupe On `{{ $json.deliveryKey }}`).
 *
 *   <source>:<event>:<id>:<hash>      e.g. invoice:CREATE_NEW:106939080:5d41402abc4b2a76
 *
 * `event` and `id` are empty when the delivery has none. `hash` is the first 16 hex digits (64
 * bits) of a SHA-256 of the body:
 * - a body of up to CANONICAL_MAX_BYTES (64 KiB; Moment's are a few hundred bytes): of the body
 *   written as JSON with the keys of every object sorted, so the same JSON content gives the same
 *   key whatever its spacing or key order;
 * - a larger body: of its bytes as sent. Sorting the keys of a body of megabytes would cost more
 *   than n8n spends reading it (docs/benchmarks.md, benchmark 5); the same delivery sent again has
 *   the same bytes and so the same key.
 * The time of arrival is not part of it: a repeated delivery keeps its key.
 */
import { createHash } from 'crypto';

import { canonicalJson } from '../canonicalJson';
import type { Delivery } from './payload';

/** Bodies up to this size (in bytes as sent) are hashed in canonical form, larger ones as sent. */
export const CANONICAL_MAX_BYTES = 64 * 1024;

function hash16(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

/**
 * The body's hash: `payload` is the parsed body, `raw` the text or bytes it was read from
 * (undefined when it came as a value: then always the canonical form).
 */
export function bodyHashOf(payload: unknown, raw?: string | Uint8Array): string {
	const size = raw === undefined ? 0 : typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
	if (raw !== undefined && size > CANONICAL_MAX_BYTES) return hash16(raw);
	return hash16(canonicalJson(payload));
}

export function deliveryKeyOf(delivery: Pick<Delivery, 'source' | 'event' | 'id' | 'bodyHash'>): string {
	return [delivery.source, delivery.event ?? '', delivery.id ?? '', delivery.bodyHash].join(':');
}
