/**
 * Reading one Moment webhook delivery: body in, verdict out. Pure: no n8n objects, no I/O, never
 * throws (every input, however odd, gets an answer), so it can be fuzzed directly.
 *
 * Moment documents one payload, for finalized invoices:
 *   {"event":"CREATE_NEW","invoice":{"id":106939080,"invoiceNumber":1,"customer":{...},"project":{...}}}
 * The other webhook types are assumed to follow it: `{ "event": ..., "<payloadKey>": { "id": ... } }`
 * (README, "Assumptions about Moment"). Everything else in the body is passed on untouched.
 *
 * Verdicts:
 * - accepted: a record object with a usable id under this source's key;
 * - rejected (400): not JSON, nested absurdly deep, not an object, no record object, or a missing /
 *   unusable id;
 * - ignored (200): a valid-looking payload of another webhook type, or an event outside the filter.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource, WebhookSource } from '../catalog';
import { RESOURCES, WEBHOOK_SOURCES } from '../catalog';

export type TriggerSource = WebhookSource & { resource: MomentResource };

export interface Delivery {
	kind: 'accepted';
	/** `event` as Moment sent it; null when the payload has none. */
	event: string | null;
	/** The trigger's Event Source value, e.g. `invoice`. */
	source: string;
	/** The record id: a number (a digit string only if it is too large for one). */
	id: number | string;
	/** Numbers and references the record carries: `invoiceNumber`, `customer: {id, customerNumber}`, ... */
	identifiers: IDataObject;
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
	reason: string;
}

export type ParseResult = Delivery | Rejected | Ignored;

export interface ParseOptions {
	source: TriggerSource;
	/** Event names to run for (see normalizeEventFilter); empty = every event. */
	events?: readonly string[];
}

/** Longest digit string accepted as an id (Moment's ids are 64-bit at most: 19 digits). */
const MAX_ID_DIGITS = 19;

/**
 * Deepest nesting accepted. Moment's documented payload is 3 levels deep; a body nested thousands
 * of levels could not be stored by n8n (its execution data is serialized recursively).
 */
export const MAX_NESTING_DEPTH = 64;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** An own property only: never something inherited such as `constructor`. */
function own(record: IDataObject, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function excerpt(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : String(JSON.stringify(value));
	} catch {
		text = String(value);
	}
	return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return `the text ${excerpt(value)}`;
	if (typeof value === 'number') return `the number ${excerpt(value)}`;
	if (typeof value === 'boolean') return `the value ${String(value)}`;
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

function reject(reason: string): Rejected {
	return { kind: 'rejected', status: 400, reason };
}

function ignore(reason: string): Ignored {
	return { kind: 'ignored', status: 200, reason };
}

function shapeHint(source: TriggerSource): string {
	return `Moment's "${source.momentWebhookType}" webhook is expected to send {"event": "...", "${source.payloadKey}": {"id": 123, ...}}.`;
}

/** Text, bytes or an already parsed value → the JSON value, or why it is not JSON. */
function decode(body: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
	let text: string;
	if (body instanceof Uint8Array) text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
	else if (typeof body === 'string') text = body;
	else if (body === undefined) return { ok: false, reason: 'The request body is empty. Moment sends a JSON object.' };
	else return { ok: true, value: body };

	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') return { ok: false, reason: 'The request body is empty. Moment sends a JSON object.' };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return {
			ok: false,
			reason: `The request body is not valid JSON (${text.length} characters, starting ${excerpt(text.trim().slice(0, 20))}).`,
		};
	}
}

/** The record id as a number (or a digit string too large for one), or why it is unusable. */
function readId(raw: unknown, key: string): { ok: true; id: number | string } | { ok: false; reason: string } {
	const where = `"${key}.id"`;
	if (raw === undefined || raw === null) return { ok: false, reason: `${where} is ${describe(raw)}: the record id is required.` };
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw) || !Number.isInteger(raw)) return { ok: false, reason: `${where} is ${describe(raw)}, not a whole number.` };
		if (raw < 1) return { ok: false, reason: `${where} is ${describe(raw)}: Moment ids are positive whole numbers.` };
		if (!Number.isSafeInteger(raw)) {
			return { ok: false, reason: `${where} is ${describe(raw)}, too large to be read exactly as a JSON number.` };
		}
		return { ok: true, id: raw };
	}
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (/^-\d+$/.test(text)) return { ok: false, reason: `${where} is ${describe(raw)}: Moment ids are positive whole numbers.` };
		if (!/^\d+$/.test(text)) return { ok: false, reason: `${where} is ${describe(raw)}, not a number.` };
		const digits = text.replace(/^0+(?=\d)/, '');
		if (digits.length > MAX_ID_DIGITS) return { ok: false, reason: `${where} is ${describe(raw)}, too large for a Moment id.` };
		if (/^0+$/.test(digits)) return { ok: false, reason: `${where} is ${describe(raw)}: Moment ids are positive whole numbers.` };
		const value = Number(digits);
		return { ok: true, id: Number.isSafeInteger(value) ? value : digits };
	}
	return { ok: false, reason: `${where} is ${describe(raw)}, not a number.` };
}

function readEvent(raw: unknown): string | null {
	if (typeof raw === 'string') return raw;
	if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	return null;
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
	const ownNumber = scalar(record, resource.numberField);
	if (ownNumber !== undefined) found[resource.numberField] = ownNumber;
	for (const other of RESOURCES) {
		if (other.value === resource.value) continue;
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

/** "CREATE_NEW, update" / ["CREATE_NEW"] → ["CREATE_NEW", "UPDATE"]: trimmed, upper case, no blanks. */
export function normalizeEventFilter(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map((part) => String(part)) : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
	return [...new Set(parts.map((part) => part.trim().toUpperCase()).filter((part) => part !== ''))];
}

/** A payload of another webhook type: the first other payload key holding an object. */
function otherSourceOf(payload: IDataObject, source: TriggerSource): string | undefined {
	const otherKeys = [...new Set(WEBHOOK_SOURCES.map((entry) => entry.payloadKey))].filter((key) => key !== source.payloadKey);
	const key = otherKeys.find((candidate) => isObject(own(payload, candidate)));
	if (key === undefined) return undefined;
	const types = WEBHOOK_SOURCES.filter((entry) => entry.payloadKey === key).map((entry) => `"${entry.momentWebhookType}"`);
	return `This is a "${key}" payload (Moment webhook type ${types.join(' or ')}), but this trigger's Event Source is ${source.displayName}. Point that Moment integration at a Moment Trigger with the matching Event Source; this one expects "${source.momentWebhookType}".`;
}

function fieldList(payload: IDataObject): string {
	const keys = Object.keys(payload);
	if (keys.length === 0) return 'The body is an empty object.';
	const shown = keys.slice(0, 10).map((key) => excerpt(key));
	return `The body has the field${keys.length === 1 ? '' : 's'} ${shown.join(', ')}${keys.length > 10 ? ` and ${keys.length - 10} more` : ''}.`;
}

/** Whether `value` nests objects / arrays deeper than `limit` levels (iterative: no recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth > limit) return true;
		for (const child of Object.values(current)) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
		}
	}
	return false;
}

export function parseDelivery(body: unknown, options: ParseOptions): ParseResult {
	const { source } = options;
	const decoded = decode(body);
	if (!decoded.ok) return reject(decoded.reason);
	const payload = decoded.value;
	if (nestedDeeperThan(payload, MAX_NESTING_DEPTH)) {
		return reject(`The body is nested more than ${MAX_NESTING_DEPTH} levels deep. ${shapeHint(source)}`);
	}
	if (!isObject(payload)) {
		return reject(`The body is ${describe(payload)}, not a JSON object. ${shapeHint(source)}`);
	}

	const record = own(payload, source.payloadKey);
	if (record === undefined) {
		const other = otherSourceOf(payload, source);
		if (other !== undefined) return ignore(other);
		return reject(`The body has no "${source.payloadKey}" object. ${fieldList(payload)} ${shapeHint(source)}`);
	}
	if (!isObject(record)) {
		return reject(`"${source.payloadKey}" is ${describe(record)}, not an object with an id. ${shapeHint(source)}`);
	}

	const id = readId(own(record, 'id'), source.payloadKey);
	if (!id.ok) return reject(`${id.reason} ${shapeHint(source)}`);

	const event = readEvent(own(payload, 'event'));
	const filter = options.events ?? [];
	if (filter.length > 0) {
		const listed = filter.join(', ');
		if (event === null) return ignore(`The payload has no "event", and this trigger only runs for: ${listed}.`);
		if (!filter.includes(event.trim().toUpperCase())) {
			return ignore(`Event ${excerpt(event)} is not in this trigger's event filter (${listed}).`);
		}
	}

	return {
		kind: 'accepted',
		event,
		source: source.value,
		id: id.id,
		identifiers: identifiersOf(record, source.resource),
		payload,
	};
}
