/**
 * What changed (docs/development.md), without n8n objects: which field tells that a record
 * changed, the fingerprint of a record, the comparison of a list with what the state remembers,
 * the dates on records, and the high water of "Ask Moment for Changed Records Only". All pure but
 * firstSighting, which remembers per n8n process which future dates were logged.
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

import type { MomentResource } from '../catalog';
import { parseRecordId, recordStampsOf } from '../catalog';
import { canonicalJson, isStampValue } from '../changeKey';

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

/** Length of a fingerprint (base64url characters, 36 bits). */
export const FINGERPRINT_LENGTH = 6;

function shortDigest(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/**
 * Where the state files a record: its ID (catalog/recordId.ts: a positive whole number), the only
 * key ever used in a request (deletion check, Fetch Full Record). A record without a usable ID
 * (none, or "../x", "abc", 0, -1, 1e30, a number beyond 2^53 that lost its digits) is filed by its
 * content, so it is emitted once, never silently dropped, and never read by ID.
 */
export function recordKeyOf(record: IDataObject): string {
	return parseRecordId(record.id) ?? `content:${shortDigest(canonicalJson(record))}`;
}

/** Whether `key` is a record ID (not a content key), i.e. may be used in a request. */
export function isIdKey(key: string): boolean {
	return parseRecordId(key) === key;
}

/** The key as a number when it is an ID a number holds exactly (all of Moment's); undefined otherwise. */
export function numericIdOf(key: string): number | undefined {
	const value = Number(key);
	return /^[1-9][0-9]*$/.test(key) && Number.isSafeInteger(value) ? value : undefined;
}

/** The first candidate field that every record carries as a stamp value; `null` when none does. */
export function detectStampField(records: IDataObject[], candidates: readonly string[]): string | null {
	if (records.length === 0) return null;
	return candidates.find((field) => records.every((record) => isStampValue(record[field]))) ?? null;
}

export function fingerprintOf(record: IDataObject, stampField: string | null): string {
	const stamp = stampField === null ? undefined : record[stampField];
	return isStampValue(stamp) ? shortDigest(`stamp:${String(stamp)}`) : shortDigest(`record:${canonicalJson(record)}`);
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

// ---- Dates
//
// The date-times the poll trigger compares: the user's "Since" / "Created From" (n8n gives them
// without a time zone, meant in the workflow's time zone) and the dates on Moment's records (format
// undocumented: ISO 8601 with a zone is read as it says; without one, in the workflow's time zone,
// like the user's dates, so the two always compare alike).

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (0 for an unknown zone). */
function zoneOffset(utcMs: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
	} catch {
		return 0;
	}
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Milliseconds of a date-time given as text (ISO 8601), a Date or a Luxon DateTime; undefined if none. */
export function parseDateTime(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (value && typeof value === 'object' && typeof (value as IDataObject).toISO === 'function') {
		return parseDateTime((value as { toISO: () => unknown }).toISO(), timeZone);
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (ZONED.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? undefined : ms;
	}
	const match = LOCAL.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0'] = match;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${fraction}`) * 1000));
	if (Number.isNaN(wall)) return undefined;
	// the zone's offset at that wall time (checked once more across a daylight-saving change)
	const guess = wall - zoneOffset(wall, timeZone);
	return wall - zoneOffset(guess, timeZone);
}

/** The first of `fields` the record carries as a readable date-time, in ms. */
export function recordDate(record: IDataObject, fields: readonly string[], timeZone: string): number | undefined {
	for (const field of fields) {
		const ms = parseDateTime(record[field], timeZone);
		if (ms !== undefined) return ms;
	}
	return undefined;
}

/** The fields that date a record's last change: last-change dates first, then creation dates. */
export function changeDateFields(resource: MomentResource): string[] {
	const stamps = recordStampsOf(resource);
	return [...stamps.modifiedDateFields, ...stamps.createdDateFields];
}

// ---- The high water
//
// The high water of "Ask Moment for Changed Records Only": the latest last-change (or creation)
// date seen, from which the next poll asks Moment for changes (minus a day of overlap). It is never
// later than the start of the poll that sets it: one record dated in the future (an import, a wrong
// clock) would otherwise move it past now, and every later change would go unasked for, silently
// and for good. Such a date is logged once per trigger and date (per n8n process), not at every
// poll. A stored high water in the future (written before this cap) is capped the same way.

/** Triggers whose latest future date is remembered at once; the one logged longest ago goes first. */
const MAX_REMEMBERED = 1000;
const loggedFuture = new Map<string, number>();

export interface HighWater {
	/** The new high water (ms), at most the poll's start; undefined when no record carries a date. */
	value: number | undefined;
	/** The latest date after the poll's start, with the record's key (none for a stored high water). */
	future?: { date: number; key?: string };
}

/**
 * Latest last-change (or creation) date among the records (in the workflow's `timeZone` when they
 * carry none) and the previous high water, capped at `startedAt`.
 */
export function highWaterOf(
	records: IDataObject[],
	resource: MomentResource,
	timeZone: string,
	previous: number | undefined,
	startedAt: number,
): HighWater {
	const fields = changeDateFields(resource);
	let future: HighWater['future'] = previous !== undefined && previous > startedAt ? { date: previous } : undefined;
	let latest = previous === undefined ? undefined : Math.min(previous, startedAt);
	for (const record of records) {
		const date = recordDate(record, fields, timeZone);
		if (date === undefined) continue;
		if (date > startedAt && (future === undefined || date > future.date)) future = { date, key: recordKeyOf(record) };
		const capped = Math.min(date, startedAt);
		if (latest === undefined || capped > latest) latest = capped;
	}
	return { value: latest, future };
}

/** Whether `date` is a future date not yet logged for the trigger `lock` (a later one is logged again). */
export function firstSighting(lock: string, date: number): boolean {
	const logged = loggedFuture.get(lock);
	if (logged !== undefined && logged >= date) return false;
	loggedFuture.delete(lock);
	loggedFuture.set(lock, date);
	if (loggedFuture.size > MAX_REMEMBERED) {
		const oldest = loggedFuture.keys().next().value;
		if (oldest !== undefined) loggedFuture.delete(oldest);
	}
	return true;
}
