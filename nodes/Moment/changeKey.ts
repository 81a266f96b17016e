/**
 * The change key, and the canonical JSON it and the other record hashes are made from
 * (docs/development.md), shared by the Moment Trigger and the Moment Poll Trigger.
 *
 * The change key: one string per state of one Moment record, `resource:id:stamp`, e.g.
 * `invoice:106939080:version=3`. The Moment Poll Trigger and the Moment Trigger (with Fetch Full
 * Record) compute it with this one function from the record they emit, so a workflow fed by both
 * passes each change once through the Moment node's Event > Pass Each Once (its Automatic key).
 *
 * The stamp is the first of the resource's change-stamp fields (SPRING_ENTITY_STAMPS in
 * catalog/index.ts: version, lastModifiedDate, ...) the record carries; a record without any gets `hash=` and a
 * digest of its whole content instead (field order does not matter). Both nodes see the same
 * stamp only if they see the same record: with Fetch Full Record on in both, they do.
 *
 * Canonical JSON: JSON written with the keys of every object sorted, so two copies of the same
 * content give the same text whatever their key order or spacing. The change key (a record
 * without a change stamp), the Moment Trigger's delivery key and the poll trigger's fingerprints
 * hash this text.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from './catalog';
import { recordStampsOf } from './catalog';

/** A stamp value usable as such: text that is not blank, or a finite number. */
export function isStampValue(value: unknown): value is string | number {
	return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** sha-256 of the record's canonical JSON, as hex (`length` characters, at most 64). */
function recordDigest(record: IDataObject, length = 32): string {
	return createHash('sha256').update(canonicalJson(record)).digest('hex').slice(0, length);
}

/** The first change-stamp field of the resource that this record carries, if any. */
export function changeStampOf(resource: MomentResource, record: IDataObject): { field: string; value: string } | undefined {
	for (const field of recordStampsOf(resource).changeStampFields) {
		const value = record[field];
		if (isStampValue(value)) return { field, value: String(value) };
	}
	return undefined;
}

/** `resource:id:field=stamp`, or `resource:id:hash=<32 hex>` for a record without a stamp. */
export function changeKeyOf(resource: MomentResource, id: string | number, record: IDataObject): string {
	const stamp = changeStampOf(resource, record);
	const state = stamp ? `${stamp.field}=${stamp.value}` : `hash=${recordDigest(record)}`;
	return `${resource.value}:${id}:${state}`;
}

/** The key of a record that is gone: `resource:id:deleted` (Moment does not reuse IDs). */
export function deletedChangeKey(resource: MomentResource, id: string | number): string {
	return `${resource.value}:${id}:deleted`;
}

/** JSON text of `value` with every object's keys sorted (own keys, `__proto__` included). */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry === undefined ? null : entry)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const entries = Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
		return `{${entries.join(',')}}`;
	}
	if (typeof value === 'bigint') return JSON.stringify(String(value));
	return JSON.stringify(value) ?? 'null';
}
