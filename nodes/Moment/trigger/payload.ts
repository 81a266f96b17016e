/**
 * The Moment Trigger's payload reader: one webhook delivery, body in, verdict out
 * (docs/development.md). Pure: no n8n objects, no I/O, never throws (every input, however odd,
 * gets an answer), so it can be fuzzed directly (test/reliability/payloadFuzz.test.ts).
 *
 * The rule: a delivery that is a JSON object is never dropped because of its shape. Moment
 * documents one payload, for finalized invoices:
 *   {"event":"CREATE_NEW","invoice":{"id":106939080,"invoiceNumber":1,"customer":{...},"project":{...}}}
 * For the other webhook types the shape is a guess; the record is looked for where a plausible
 * payload would put it (findRecord, below). A delivery whose record is not found still runs, flagged.
 *
 * Verdicts:
 * - accepted: runs the workflow. `recognized` says whether the record id was found, `idFrom` where;
 * - rejected (400): empty, not JSON, not a JSON object, nested too deep to store, or a documented
 *   payload that breaks its documentation (an `invoice` that is not an object with a valid id);
 * - ignored (200): unambiguously a payload of another webhook type (no record of this type at all,
 *   and the body's only object is under another type's key), or an event outside the filter.
 *
 * Where the record is, in this order, the first usable id winning (README, "What each item contains"):
 * 1. under the source's key (`claim`), or a key that names the same kind of record in other
 *    words: its last word is the record type, singular or plural, in any case, with words split at
 *    capitals, `_`, `-` and spaces (`expenseClaim`, `travel_expense_claim`, `Claims`). The value is
 *    the record object, or the id itself (`"claim": 4711`);
 * 2. an id named after the type at the same level (`claimId`, `expenseClaimId`, `CLAIM_ID`);
 * 3. a plain `id` at the same level (a flat record);
 * 4. inside the one nested object that does not name another record type (`data`, `object`, a
 *    record under an unexpected key), by the same rules, at most two objects deep.
 * Inside an object named after the type, its plain `id` comes before a type-named one; elsewhere
 * a type-named id (`offerId`) comes first, since a plain `id` there may belong to something else
 * (a decision, an event). Objects under another type's key (`customer`, `project`) are references,
 * as in the documented invoice payload, and never taken for the record.
 *
 * An id is read with the one rule for Moment record IDs (catalog/recordId.ts), the rule the action
 * node and its record picker use, so an id the trigger accepts can always be fetched.
 *
 * Cost: anyone who knows the URL can send a body of megabytes, and n8n runs this on its main
 * thread, so the work grows linearly with the body and stays under what n8n spends parsing it
 * (test/trigger/readerCost.test.ts; docs/benchmarks.md, benchmark 5): the text is scanned once for
 * its nesting (bodyText.ts), parsed at most once (not at all when n8n parsed it), the body's keys
 * are listed once and each is looked at a constant number of times, and a large body is hashed as sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource, WebhookSource } from '../catalog';
import { RESOURCES, WEBHOOK_SOURCES } from '../catalog';
import { parseRecordId } from '../catalog/recordId';
import { describeValue, excerpt, isRecord, own } from '../values';
import type { BodyForm } from './bodyText';
import { bodyHashOf, decodeBody, MAX_NESTING_DEPTH } from './bodyText';

export type TriggerSource = WebhookSource & { resource: MomentResource };

export interface Delivery {
	kind: 'accepted';
	/** `event` as Moment sent it; null when the payload has none. */
	event: string | null;
	/** The trigger's Event Source value, e.g. `invoice`. */
	source: string;
	/** The record id (a number; a digit string only if it is too large for one); null when not found. */
	id: number | string | null;
	/** Whether the record id was found. */
	recognized: boolean;
	/** Where the id was read, as a path into the body (`invoice.id`, `claimId`, `data.id`); null when not found. */
	idFrom: string | null;
	/** Why no id was found (only when not recognized): one line naming what was looked for. */
	reason?: string;
	/** Numbers and references the record carries: `invoiceNumber`, `customer: {id, customerNumber}`, ... */
	identifiers: IDataObject;
	/** The body's part of the delivery key (bodyText.ts, bodyHashOf). */
	bodyHash: string;
	/** The whole body, untouched. */
	payload: IDataObject;
}

export interface Rejected {
	kind: 'rejected';
	status: 400;
	reason: string;
}

export interface Ignored {
	kind: 'ignored';
	status: 200;
	/** otherSource: a payload of another webhook type (a Moment integration pointed at the wrong trigger); eventFilter: an event the user filtered out. */
	cause: 'otherSource' | 'eventFilter';
	reason: string;
}

export type ParseResult = Delivery | Rejected | Ignored;

/** The source and event filter to read the body for, and how the body came (bodyText.ts). */
export interface ParseOptions extends BodyForm {
	source: TriggerSource;
	/** Event names to run for (see normalizeEventFilter); empty = every event. */
	events?: readonly string[];
}

export type RecordFinding =
	| { found: true; id: number | string; idFrom: string; record: IDataObject }
	| { found: false; reason: string; record: IDataObject };

// ---- Record ids
//
// On top of catalog/recordId.ts: the id as a number when a JSON number holds it
// exactly, and a reason when it is refused. Text with leading zeros ("0006109") looks like a number
// users see (a project number), not an id.

/** `problem` completes a sentence about the field: `"claim.id" ${problem}`. */
export type PayloadIdReading = { ok: true; id: number | string } | { ok: false; problem: string };

/** `raw` as an id: a number when a JSON number holds it exactly, else the digit text. */
export function readPayloadId(raw: unknown): PayloadIdReading {
	const text = parseRecordId(raw);
	if (text !== undefined) {
		const value = Number(text);
		return { ok: true, id: Number.isSafeInteger(value) ? value : text };
	}
	const what = `is ${describeValue(raw)}`;
	if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) {
		return { ok: false, problem: `${what}, too large to be read exactly as a JSON number` };
	}
	if (typeof raw === 'string' && /^0+\d/.test(raw.trim())) {
		return { ok: false, problem: `${what}, with leading zeros: that looks like a number users see, not an id` };
	}
	if (typeof raw === 'string' && /^\d{20,}$/.test(raw.trim())) return { ok: false, problem: `${what}, longer than 19 digits` };
	if (raw === undefined || raw === null) return { ok: false, problem: what };
	return { ok: false, problem: `${what}, not a positive whole number` };
}

// ---- Finding the record in the body, and saying where it was found (the order in the header above)

/** Nested objects looked into below the body, when no record is found at a level. */
const MAX_WRAPPER_DEPTH = 2;

/** Record type words: the webhook sources' payload keys (`claim`, `customer`, `invoice`, ...). */
const RECORD_WORDS: readonly string[] = [...new Set(WEBHOOK_SOURCES.map((source) => source.payloadKey.toLowerCase()))];

/** A JSON object of the body: a record, never a list, null or bytes (a body n8n kept as a Buffer). */
function isJsonObject(value: unknown): value is IDataObject {
	return isRecord(value) && !(value instanceof Uint8Array);
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
 * made at most once (by the search and by parseDelivery, which share the body's list).
 */
class KeyList {
	private keys?: string[];
	private objectKeys?: string[];

	constructor(private readonly object: IDataObject) {}

	get all(): string[] {
		return (this.keys ??= Object.keys(this.object));
	}

	get holdingObjects(): string[] {
		return (this.objectKeys ??= this.all.filter((key) => isJsonObject(this.object[key])));
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
		const reading = readPayloadId(object[key]);
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
		if (isJsonObject(value)) {
			const hit = idIn(value, `${path}${key}.`, true, search);
			if (hit) return hit;
			continue;
		}
		if (value === null || value === undefined) continue;
		const reading = readPayloadId(value);
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
	if (!isJsonObject(value)) return { invalid: `"${key}" is ${describeValue(value)}, not the documented object with an id.` };
	const reading = readPayloadId(own(value, 'id'));
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
		if (isJsonObject(reference)) {
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

/** `The body has the fields "event", "claim".` (at most 10 names). `keys`: the body's keys, when listed already. */
function fieldList(body: object, keys: string[] = Object.keys(body)): string {
	if (keys.length === 0) return 'The body is an empty object.';
	const shown = keys.slice(0, 10).map((key) => excerpt(key));
	return `The body has the field${keys.length === 1 ? '' : 's'} ${shown.join(', ')}${keys.length > 10 ? ` and ${keys.length - 10} more` : ''}.`;
}

// ---- The verdict

function reject(reason: string): Rejected {
	return { kind: 'rejected', status: 400, reason };
}

function ignore(cause: Ignored['cause'], reason: string): Ignored {
	return { kind: 'ignored', status: 200, cause, reason };
}

function shapeHint(source: TriggerSource): string {
	return `Moment's "${source.momentWebhookType}" webhook ${source.payloadDocumented ? 'sends' : 'is expected to send'} a JSON object such as {"event": "...", "${source.payloadKey}": {"id": 123, ...}}.`;
}

function readEvent(raw: unknown): string | null {
	if (typeof raw === 'string') return raw;
	if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	return null;
}

/** "CREATE_NEW, update" / ["CREATE_NEW"] → ["CREATE_NEW", "UPDATE"]: trimmed, upper case, no blanks. */
export function normalizeEventFilter(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map((part) => String(part)) : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
	return [...new Set(parts.map((part) => part.trim().toUpperCase()).filter((part) => part !== ''))];
}

/**
 * A payload of another webhook type, beyond doubt: the body's only object is a record (an object
 * with a valid id) under another type's payload key, and no top-level field mentions this type
 * (`claimNumber` at a Claim trigger). Called only when no record of this type was found.
 */
function otherSourceOf(payload: IDataObject, source: TriggerSource, keys: KeyList): string | undefined {
	const word = source.payloadKey.toLowerCase();
	const mentions = new RegExp(word, 'i');
	if (keys.all.some((key) => mentions.test(key) && (keyWords(key).includes(word) || keyWords(key).includes(`${word}s`)))) return undefined;
	if (keys.holdingObjects.length !== 1) return undefined;
	const [key] = keys.holdingObjects;
	const types = WEBHOOK_SOURCES.filter((entry) => entry.payloadKey === key && key !== source.payloadKey);
	if (types.length === 0 || !readPayloadId(own(payload[key] as IDataObject, 'id')).ok) return undefined;
	const names = types.map((entry) => `"${entry.momentWebhookType}"`).join(' or ');
	return `This is a "${key}" payload (Moment webhook type ${names}), but this trigger's Event Source is ${source.displayName}. Point that Moment integration at a Moment Trigger with the matching Event Source; this one expects "${source.momentWebhookType}".`;
}

/** The record of a delivery, documented payloads read strictly; a string when the body breaks its documentation. */
function findFor(payload: IDataObject, source: TriggerSource, keys: KeyList): RecordFinding | string {
	if (!source.payloadDocumented) return findRecord(payload, source, keys);
	const finding = findDocumentedRecord(payload, source.payloadKey, keys);
	return 'invalid' in finding ? `${finding.invalid} ${shapeHint(source)}` : finding;
}

export function parseDelivery(body: unknown, options: ParseOptions): ParseResult {
	const { source } = options;
	const decoded = decodeBody(body, options, `The body is nested more than ${MAX_NESTING_DEPTH} levels deep. ${shapeHint(source)}`);
	if (!decoded.ok) return reject(decoded.reason);
	const payload = decoded.value;
	if (!isJsonObject(payload)) {
		return reject(`The body is ${describeValue(payload)}, not a JSON object. ${shapeHint(source)}`);
	}

	// the body's keys, listed once if at all (a documented payload found where documented needs none)
	const keys = new KeyList(payload);
	const finding = findFor(payload, source, keys);
	if (typeof finding === 'string') return reject(finding);
	if (!finding.found) {
		const other = otherSourceOf(payload, source, keys);
		if (other !== undefined) return ignore('otherSource', other);
	}

	const event = readEvent(own(payload, 'event'));
	const filter = options.events ?? [];
	if (filter.length > 0) {
		const listed = filter.join(', ');
		if (event === null) return ignore('eventFilter', `The payload has no "event", and this trigger only runs for: ${listed}.`);
		if (!filter.includes(event.trim().toUpperCase())) {
			return ignore('eventFilter', `Event ${excerpt(event)} is not in this trigger's event filter (${listed}).`);
		}
	}

	const identifiers = {
		...(finding.record === payload ? {} : identifiersOf(payload, source.resource)),
		...identifiersOf(finding.record, source.resource),
	};
	const common = { kind: 'accepted' as const, event, source: source.value, identifiers, bodyHash: bodyHashOf(payload, decoded.raw), payload };
	if (finding.found) return { ...common, id: finding.id, recognized: true, idFrom: finding.idFrom };
	return { ...common, id: null, recognized: false, idFrom: null, reason: `${finding.reason} ${shapeHint(source)}` };
}
