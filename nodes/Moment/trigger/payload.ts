/**
 * Reading one Moment webhook delivery: body in, verdict out. Pure: no n8n objects, no I/O, never
 * throws (every input, however odd, gets an answer), so it can be fuzzed directly.
 *
 * The rule: a delivery that is a JSON object is never dropped because of its shape. Moment
 * documents one payload, for finalized invoices:
 *   {"event":"CREATE_NEW","invoice":{"id":106939080,"invoiceNumber":1,"customer":{...},"project":{...}}}
 * For the other webhook types the shape is a guess; recordFinder.ts looks for the record where a
 * plausible payload would put it. A delivery whose record is not found still runs, flagged.
 *
 * Verdicts:
 * - accepted: runs the workflow. `recognized` says whether the record id was found, `idFrom` where;
 * - rejected (400): empty, not JSON, not a JSON object, nested too deep to store, or a documented
 *   payload that breaks its documentation (an `invoice` that is not an object with a valid id);
 * - ignored (200): unambiguously a payload of another webhook type (no record of this type at all,
 *   and the body's only object is under another type's key), or an event outside the filter.
 *
 * Cost: anyone who knows the URL can send a body of megabytes, and n8n runs this on its main
 * thread, so the work grows linearly with the body and stays under what n8n spends parsing it
 * (test/trigger/readerCost.test.ts; docs/benchmarks.md, benchmark 5): the text is scanned once for
 * its nesting, parsed at most once (not at all when n8n parsed it), the body's keys are listed once
 * and each is looked at a constant number of times, and a large body is hashed as sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource, WebhookSource } from '../catalog';
import { WEBHOOK_SOURCES } from '../catalog';
import type { RecordFinding } from './recordFinder';
import { KeyList, findDocumentedRecord, findRecord, identifiersOf, isObject, keyWords, own } from './recordFinder';
import { isAsciiSafe, nestsDeeperThan, textOf, valueNestsDeeperThan } from './bodyText';
import { bodyHashOf } from './deliveryKey';
import { readRecordId } from './recordId';
import { describeValue, excerpt } from './text';

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
	/** The body's part of the delivery key (deliveryKey.ts). */
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

export interface ParseOptions {
	source: TriggerSource;
	/** Event names to run for (see normalizeEventFilter); empty = every event. */
	events?: readonly string[];
	/**
	 * The JSON value of `body` (its bytes or text) as n8n already parsed it (application/json), so it
	 * is not parsed again; or, with no `body`, the only form the body came in.
	 */
	parsed?: { value: unknown };
	/** The Content-Type's charset, for bytes: read in it when known, else as UTF-8. */
	charset?: string;
}

/**
 * Deepest nesting accepted. Moment's documented payload is 3 levels deep; a body nested thousands
 * of levels could not be stored by n8n (its execution data is serialized recursively).
 */
export const MAX_NESTING_DEPTH = 64;

function reject(reason: string): Rejected {
	return { kind: 'rejected', status: 400, reason };
}

function ignore(cause: Ignored['cause'], reason: string): Ignored {
	return { kind: 'ignored', status: 200, cause, reason };
}

function shapeHint(source: TriggerSource): string {
	return `Moment's "${source.momentWebhookType}" webhook ${source.payloadDocumented ? 'sends' : 'is expected to send'} a JSON object such as {"event": "...", "${source.payloadKey}": {"id": 123, ...}}.`;
}

const EMPTY = 'The request body is empty. Moment sends a JSON object.';

/** A body decoded: its JSON value, and the text or bytes it came from (undefined for a value given as it is). */
type Decoded = { ok: true; value: unknown; raw?: string | Uint8Array } | { ok: false; reason: string };

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Text, bytes or an already parsed value → the JSON value, or why it is not usable. Each step is
 * one pass: the text is decoded once, scanned for nesting once (before it is parsed, so a body
 * nested too deep costs no parse) and parsed at most once (not at all when n8n parsed it).
 */
function decode(body: unknown, options: ParseOptions, tooDeep: string): Decoded {
	if (!(body instanceof Uint8Array) && typeof body !== 'string') {
		// a value without its text: what n8n parsed (or a caller's object), or nothing at all
		const value = options.parsed !== undefined ? options.parsed.value : body;
		if (value === undefined) return { ok: false, reason: EMPTY };
		return valueNestsDeeperThan(value, MAX_NESTING_DEPTH) ? { ok: false, reason: tooDeep } : { ok: true, value };
	}
	if (body.length === 0) return { ok: false, reason: EMPTY };
	if (options.parsed !== undefined) {
		// n8n parsed these very bytes (application/json): its value is used, the bytes only scanned
		const scanned = body instanceof Uint8Array && !isAsciiSafe(options.charset) ? textOf(body, options.charset) : body;
		if (nestsDeeperThan(scanned, MAX_NESTING_DEPTH)) return { ok: false, reason: tooDeep };
		return { ok: true, value: options.parsed.value, raw: body };
	}
	const text = stripBom(body instanceof Uint8Array ? textOf(body, options.charset) : body);
	if (text.trim() === '') return { ok: false, reason: EMPTY };
	if (nestsDeeperThan(text, MAX_NESTING_DEPTH)) return { ok: false, reason: tooDeep };
	try {
		return { ok: true, value: JSON.parse(text), raw: body };
	} catch {
		return {
			ok: false,
			reason: `The request body is not valid JSON (${text.length} characters, starting ${excerpt(text.trim().slice(0, 20))}).`,
		};
	}
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
	if (types.length === 0 || !readRecordId(own(payload[key] as IDataObject, 'id')).ok) return undefined;
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
	const decoded = decode(body, options, `The body is nested more than ${MAX_NESTING_DEPTH} levels deep. ${shapeHint(source)}`);
	if (!decoded.ok) return reject(decoded.reason);
	const payload = decoded.value;
	if (!isObject(payload)) {
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
