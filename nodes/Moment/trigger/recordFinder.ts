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

/** Whether `key` names a record of type `word`: `claim`, `expenseClaim`, `Claims`. */
export function namesRecordOf(key: string, word: string): boolean {
	const words = keyWords(key);
	const last = words[words.length - 1];
	return last === word || last === `${word}s`;
}

/** Whether `key` names the id of a record of type `word`: `claimId`, `expenseClaimId`, `CLAIM_ID`. */
function namesIdOf(key: string, word: string): boolean {
	const words = keyWords(key);
	return words.length >= 2 && words[words.length - 1] === 'id' && words[words.length - 2] === word;
}

function namesOtherRecord(key: string, word: string): boolean {
	return RECORD_WORDS.some((other) => other !== word && (namesRecordOf(key, other) || namesIdOf(key, other)));
}

interface Search {
	word: string;
	/** Why places that looked right held no usable id, for the reason when nothing is found. */
	notes: string[];
}

type Hit = { id: number | string; idFrom: string; record: IDataObject };

/** The id fields of `object` in the order they are tried. */
function idIn(object: IDataObject, path: string, namedAfterType: boolean, search: Search): Hit | undefined {
	const typed = Object.keys(object).filter((key) => namesIdOf(key, search.word));
	const order = namedAfterType ? ['id', ...typed] : [...typed, 'id'];
	for (const key of order) {
		if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
		const reading = readRecordId(object[key]);
		if (reading.ok) return { id: reading.id, idFrom: `${path}${key}`, record: object };
		search.notes.push(`"${path}${key}" ${reading.problem}`);
	}
	return undefined;
}

function findAt(level: IDataObject, path: string, depth: number, search: Search): Hit | undefined {
	const named = Object.keys(level)
		.filter((key) => namesRecordOf(key, search.word))
		.sort((a, b) => Number(b.toLowerCase() === search.word) - Number(a.toLowerCase() === search.word));
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
		search.notes.push(`"${path}${key}" ${reading.problem}`);
	}
	const direct = idIn(level, path, false, search);
	if (direct) return direct;
	if (depth >= MAX_WRAPPER_DEPTH) return undefined;
	const wrappers = Object.keys(level).filter(
		(key) => isObject(level[key]) && !named.includes(key) && !namesOtherRecord(key, search.word),
	);
	if (wrappers.length === 1) return findAt(level[wrappers[0]] as IDataObject, `${path}${wrappers[0]}.`, depth + 1, search);
	if (wrappers.length > 1) {
		search.notes.push(`${wrappers.length} nested objects (${wrappers.slice(0, 3).map((key) => excerpt(`${path}${key}`)).join(', ')}) could each hold it`);
	}
	return undefined;
}

/** Finds the record a delivery of `source` is about, anywhere a plausible payload would put it (rules above). */
export function findRecord(body: IDataObject, source: WebhookSource): RecordFinding {
	const word = source.payloadKey;
	const search: Search = { word: word.toLowerCase(), notes: [] };
	const hit = findAt(body, '', 0, search);
	if (hit) return { found: true, ...hit };
	const notes = search.notes.slice(0, 3).join('; ');
	return {
		found: false,
		record: body,
		reason:
			`No ${word} id found${notes === '' ? '' : ` (${notes})`}: looked for "${word}" or a key ending in "${word[0].toUpperCase()}${word.slice(1)}", ` +
			`"${word}Id", "id", and one nested object with an id. ${fieldList(body)}`,
	};
}

/** Reads the documented payload's record: `{"<key>": {"id": ...}}` and nowhere else. */
export function findDocumentedRecord(body: IDataObject, key: string): RecordFinding | { invalid: string } {
	const value = own(body, key);
	if (value === undefined || value === null) {
		return { found: false, record: body, reason: `The body has no "${key}" object. ${fieldList(body)}` };
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
