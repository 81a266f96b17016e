/**
 * Noticing changes (pure functions, no n8n objects): which field tells that a record changed, the
 * fingerprint of a record, and the comparison of a list with what the state remembers.
 *
 * - With a change stamp (detected or named by the user), a record's fingerprint is a digest of the
 *   stamp: a new `version` or `lastModifiedDate` is a change, anything else is not. A record that
 *   lacks the stamp is fingerprinted by its content instead, so it is never dropped.
 * - Without one, the fingerprint is a digest of the whole record as Moment listed it (field order
 *   does not matter): any change to any listed field is a change, including names Moment copies
 *   from linked records (an invoice's customerName when the customer is renamed).
 * A fingerprint is 36 bits: a change goes unnoticed only if its digest collides with the old one,
 * about once in 69 billion changes.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { canonicalJson } from '../canonicalJson';
import { parseRecordId } from '../catalog';
import { isStampValue } from '../changeKey';
import { FINGERPRINT_LENGTH } from './state';

export type ChangeEvent = 'new' | 'changed' | 'deleted';

/** A record of this read that is new to the state or whose fingerprint differs. */
export interface SeenChange {
	event: 'new' | 'changed';
	key: string;
	record: IDataObject;
	fingerprint: string;
}

export interface Comparison {
	/** New and changed records, in list order. */
	seen: SeenChange[];
	/** Keys the state remembers (and had listed) that this read did not contain, in ID order. */
	missing: string[];
	/** Keys of unlisted records that this read lists again. */
	relisted: string[];
	/** Key → fingerprint of every record of this read. */
	current: Map<string, string>;
}

function digest(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/**
 * Where the state files a record: its ID (catalog/recordId.ts: a positive whole number), the only
 * key ever used in a request (deletion check, Fetch Full Record). A record without a usable ID
 * (none, or "../x", "abc", 0, -1, 1e30, a number beyond 2^53 that lost its digits) is filed by its
 * content, so it is emitted once, never silently dropped, and never read by ID.
 */
export function recordKeyOf(record: IDataObject): string {
	return parseRecordId(record.id) ?? `content:${digest(canonicalJson(record))}`;
}

/** Whether `key` is a record ID (not a content key), i.e. may be used in a request. */
export function isIdKey(key: string): boolean {
	return parseRecordId(key) === key;
}

/** The first candidate field that every record carries as a stamp value; `null` when none does. */
export function detectStampField(records: IDataObject[], candidates: readonly string[]): string | null {
	if (records.length === 0) return null;
	return candidates.find((field) => records.every((record) => isStampValue(record[field]))) ?? null;
}

export function fingerprintOf(record: IDataObject, stampField: string | null): string {
	const stamp = stampField === null ? undefined : record[stampField];
	return isStampValue(stamp) ? digest(`stamp:${String(stamp)}`) : digest(`record:${canonicalJson(record)}`);
}

/**
 * Compares one read with the remembered fingerprints. `complete`: the read holds every record;
 * `unlisted`: remembered records known to be missing from the list, not reported missing again.
 */
export function compareWithState(
	records: IDataObject[],
	remembered: ReadonlyMap<string, string>,
	stampField: string | null,
	complete: boolean,
	unlisted: ReadonlySet<string> = new Set(),
): Comparison {
	const seen: SeenChange[] = [];
	const current = new Map<string, string>();
	for (const record of records) {
		const key = recordKeyOf(record);
		if (current.has(key)) continue; // the transport already drops repeated IDs; content keys may repeat
		const fingerprint = fingerprintOf(record, stampField);
		current.set(key, fingerprint);
		const before = remembered.get(key);
		if (before === undefined) seen.push({ event: 'new', key, record, fingerprint });
		else if (before !== fingerprint) seen.push({ event: 'changed', key, record, fingerprint });
	}
	const missing = complete ? [...remembered.keys()].filter((key) => !current.has(key) && !unlisted.has(key)) : [];
	const relisted = [...unlisted].filter((key) => current.has(key));
	return { seen, missing, relisted, current };
}
