/**
 * Finding the record in a webhook body, and saying where it was found. Pure, never throws.
 *
 * Moment documents one payload (Invoices: `{"event": ..., "invoice": {"id": ...}}`); for the other
 * webhook types the shape is a guess, so the record is looked for in these places, in this order,
 * and the first usable id wins (README, "What each item contains"):
 *
 * 1. under the source's key (`claim`), or a key that names the same kind of record in other
 *    words: its last word is the record type, singular or plural, in any case, with words split at
 *    capitals, `_`, `-` and spaces (`expenseClaim`, `travel_expense_claim`, `Claims`). The value is
 *    the record object, or the id itself (`"claim": 4711`);
 * 2. an id named after the type at the same level (`claimId`, `expenseClaimId`, `CLAIM_ID`);
 * 3. a plain `id` at the same level (a flat record);
 * 4. inside the one nested object that does not name another record type (`data`, `object`, a
 *    record under an unexpected key), by the same rules, at most two objects deep.
 *
 * Inside an object named after the type, its plain `id` comes before a type-named one; elsewhere
 * a type-named id (`offerId`) comes first, since a plain `id` there may belong to something else
 * (a decision, an event). Objects under another type's key (`customer`, `project`) are references,
 * as in the documented invoice payload, and never taken for the record.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource, WebhookSource } from '../catalog';
import { RESOURCES, WEBHOOK_SOURCES } from '../catalog';
import { readRecordId } from './recordId';
import { describeValue, excerpt, fieldList } from './text';

export type RecordFinding =
	| { found: true; id: number | string; idFrom: string; record: IDataObject }
	| { found: false; reason: string; record: IDataObject };

/** Nested objects looked into below the body, when no record is found at a level. */
const MAX_WRAPPER_DEPTH = 2;

/** Record type words: the webhook sources' payload keys (`claim`, `customer`, `invoice`, ...). */
const RECORD_WORDS: readonly string[] = [...new Set(WEBHOOK_SOURCES.map((source) => source.payloadKey.toLowerCase()))];

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** An own property only: never something inherited such as `constructor`. */
export function own(record: IDataObject, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** `travelExpenseClaim` → ["travel", "expense", "claim"]; `CLAIM_ID` → ["claim", "id"]. */
export function keyWords(key: string): string[] {
	return key
		.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
		.filter((word) => word !== '')
		.map((word) => word.toLowerCase());
}

function isAlphanumeric(code: number): boolean {
	return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether `key`, without trailing characters other than letters and digits, ends with `word` in
 * any case: true whenever the last of keyWords(key) is `word` (and sometimes otherwise). A cheap
 * test in constant time for most keys, so that a body with many keys is not split word by word;
 * a scan from the end (no regular expression, which could backtrack on a hostile key).
 */
function mayEndWithWord(key: string, word: string): boolean {
	let end = key.length;
	while (end > 0 && !isAlphanumeric(key.charCodeAt(end - 1))) end--;
	if (end < word.length) return false;
	const start = end - word.length;
	for (let i = 0; i < word.length; i++) {
		// `word` is lower-case ASCII: a key's letter matches it in either case (| 0x20 lowers A-Z)
		const code = key.charCodeAt(start + i);
		if ((code >= 65 && code <= 90 ? code | 0x20 : code) !== word.charCodeAt(i)) return false;
	}
	return true;
}

/** Whether `key` names a record of type `word`: `claim`, `expenseClaim`, `Claims`. */
export function namesRecordOf(key: string, word: string): boolean {
	if (!mayEndWithWord(key, word) && !mayEndWithWord(key, `${word}s`)) return false;
	const words = keyWords(key);
	const last = words[words.length - 1];
	return last === word || last === `${word}s`;
}

/** Whether `key` names the id of a record of type `word`: `claimId`, `expenseClaimId`, `CLAIM_ID`. */
function namesIdOf(key: string, word: string): boolean {
	if (!mayEndWithWord(key, 'id')) return false;
	const words = keyWords(key);
	return words.length >= 2 && words[words.length - 1] === 'id' && words[words.length - 2] === word;
}

function namesOtherRecord(key: string, word: string): boolean {
	return RECORD_WORDS.some((other) => other !== word && (namesRecordOf(key, other) || namesIdOf(key, other)));
}

/**
 * An object's own keys, listed when first asked for, and those that hold an object, found when
 * first asked for: each is a pass over a level of the body, which may hold many keys, so it is
 * made at most once (by the search and by payload.ts, which share the body's list).
 */
export class KeyList {
	private keys?: string[];
	private objectKeys?: string[];

	constructor(private readonly object: IDataObject) {}

	get all(): string[] {
		return (this.keys ??= Object.keys(this.object));
	}

	get holdingObjects(): string[] {
		return (this.objectKeys ??= this.all.filter((key) => isObject(this.object[key])));
	}
}

/** Reasons kept for the "not found" message (it shows three). */
const MAX_NOTES = 3;

interface Search {
	word: string;
	/** Why places that looked right held no usable id, for the reason when nothing is found. */
	notes: string[];
}

type Hit = { id: number | string; idFrom: string; record: IDataObject };

function note(search: Search, text: string): void {
	if (search.notes.length < MAX_NOTES) search.notes.push(text);
}

/** The id fields of `object` in the order they are tried. */
function idIn(object: IDataObject, path: string, namedAfterType: boolean, search: Search, keys: string[] = Object.keys(object)): Hit | undefined {
	const typed = keys.filter((key) => namesIdOf(key, search.word));
	const order = namedAfterType ? ['id', ...typed] : [...typed, 'id'];
	for (const key of order) {
		if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
		const reading = readRecordId(object[key]);
		if (reading.ok) return { id: reading.id, idFrom: `${path}${key}`, record: object };
		note(search, `"${path}${key}" ${reading.problem}`);
	}
	return undefined;
}

/**
 * One level of the search. Its keys are listed once (`keys`, given for the body) and each is looked
 * at a constant number of times, so the search costs in proportion to the body's size.
 */
function findAt(level: IDataObject, path: string, depth: number, search: Search, keys = new KeyList(level)): Hit | undefined {
	// keys naming the type: the exact word first (`claim` before `expenseClaim`), otherwise in order
	const exact: string[] = [];
	const other: string[] = [];
	for (const key of keys.all) {
		if (namesRecordOf(key, search.word)) (key.toLowerCase() === search.word ? exact : other).push(key);
	}
	const named = [...exact, ...other];
	for (const key of named) {
		const value = level[key];
		if (isObject(value)) {
			const hit = idIn(value, `${path}${key}.`, true, search);
			if (hit) return hit;
			continue;
		}
		if (value === null || value === undefined) continue;
		const reading = readRecordId(value);
		if (reading.ok) return { id: reading.id, idFrom: `${path}${key}`, record: level };
		note(search, `"${path}${key}" ${reading.problem}`);
	}
	const direct = idIn(level, path, false, search, keys.all);
	if (direct) return direct;
	if (depth >= MAX_WRAPPER_DEPTH) return undefined;
	const namedSet = new Set(named);
	const wrappers = keys.holdingObjects.filter((key) => !namedSet.has(key) && !namesOtherRecord(key, search.word));
	if (wrappers.length === 1) return findAt(level[wrappers[0]] as IDataObject, `${path}${wrappers[0]}.`, depth + 1, search);
	if (wrappers.length > 1) {
		note(search, `${wrappers.length} nested objects (${wrappers.slice(0, 3).map((key) => excerpt(`${path}${key}`)).join(', ')}) could each hold it`);
	}
	return undefined;
}

/**
 * Finds the record a delivery of `source` is about, anywhere a plausible payload would put it
 * (rules above). `keys`: the body's keys, shared with the caller.
 */
export function findRecord(body: IDataObject, source: WebhookSource, keys = new KeyList(body)): RecordFinding {
	const word = source.payloadKey;
	const search: Search = { word: word.toLowerCase(), notes: [] };
	const hit = findAt(body, '', 0, search, keys);
	if (hit) return { found: true, ...hit };
	const notes = search.notes.join('; ');
	return {
		found: false,
		record: body,
		reason:
			`No ${word} id found${notes === '' ? '' : ` (${notes})`}: looked for "${word}" or a key ending in "${word[0].toUpperCase()}${word.slice(1)}", ` +
			`"${word}Id", "id", and one nested object with an id. ${fieldList(body, keys.all)}`,
	};
}

/** Reads the documented payload's record: `{"<key>": {"id": ...}}` and nowhere else. */
export function findDocumentedRecord(body: IDataObject, key: string, keys = new KeyList(body)): RecordFinding | { invalid: string } {
	const value = own(body, key);
	if (value === undefined || value === null) {
		return { found: false, record: body, reason: `The body has no "${key}" object. ${fieldList(body, keys.all)}` };
	}
	if (!isObject(value)) return { invalid: `"${key}" is ${describeValue(value)}, not the documented object with an id.` };
	const reading = readRecordId(own(value, 'id'));
	if (!reading.ok) return { invalid: `"${key}.id" ${reading.problem}.` };
	return { found: true, id: reading.id, idFrom: `${key}.id`, record: value };
}

function scalar(record: IDataObject, key: string): string | number | undefined {
	const value = own(record, key);
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return undefined;
}

/**
 * The numbers a user recognises, copied from the record: its own number (`invoiceNumber`), and for
 * every other catalog resource a nested reference (`customer: {id, customerNumber}`) and flat
 * fields in Moment's API style (`customerId`, `customerNumber`). Only text and number values.
 */
export function identifiersOf(record: IDataObject, resource: MomentResource): IDataObject {
	const found: IDataObject = {};
	const ownNumber = resource.numberField === undefined ? undefined : scalar(record, resource.numberField);
	if (ownNumber !== undefined && resource.numberField !== undefined) found[resource.numberField] = ownNumber;
	for (const other of RESOURCES) {
		// the resources webhooks are about; the time-tracking ones (no webhook type) are not looked for
		if (other.value === resource.value || other.webhookSources.length === 0 || other.numberField === undefined) continue;
		const reference = own(record, other.value);
		if (isObject(reference)) {
			const picked: IDataObject = {};
			for (const key of ['id', other.numberField]) {
				const value = scalar(reference, key);
				if (value !== undefined) picked[key] = value;
			}
			if (Object.keys(picked).length > 0) found[other.value] = picked;
		}
		for (const key of [`${other.value}Id`, other.numberField]) {
			const value = scalar(record, key);
			if (value !== undefined) found[key] = value;
		}
	}
	return found;
}
