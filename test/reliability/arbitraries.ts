/**
 * fast-check generators for Moment webhook deliveries: valid payloads for a source, any JSON object
 * (which an undocumented source must never refuse), bodies that are not JSON objects, broken
 * documented invoice payloads, other sources' payloads (beyond doubt, and not), prototype keys and
 * bad bytes, built by construction so each test knows which verdict a body must get.
 */
import fc from 'fast-check';

import { WEBHOOK_SOURCES } from '../../nodes/Moment/catalog';
import type { TriggerSource } from '../../nodes/Moment/trigger/payload';

export const SOURCES: readonly TriggerSource[] = WEBHOOK_SOURCES;
export const PAYLOAD_KEYS: readonly string[] = [...new Set(SOURCES.map((source) => source.payloadKey))];
export const UNDOCUMENTED_SOURCES: readonly TriggerSource[] = SOURCES.filter((source) => !source.payloadDocumented);
export const DOCUMENTED_SOURCES: readonly TriggerSource[] = SOURCES.filter((source) => source.payloadDocumented);

export const sourceArb = fc.constantFrom(...SOURCES);
export const undocumentedSourceArb = fc.constantFrom(...UNDOCUMENTED_SOURCES);

/** Keys aimed at prototype handling, at the fields the parser reads, or just random. */
export const trickyKeyArb = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'id', 'event'),
	fc.constantFrom(...PAYLOAD_KEYS),
	fc.string({ unit: 'binary', maxLength: 12 }),
);

/** JSON values (no NaN / Infinity) whose objects use the tricky keys, some with a null prototype. */
export const jsonValueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constant(null),
		fc.boolean(),
		fc.integer(),
		fc.double({ noNaN: true, noDefaultInfinity: true }),
		fc.string({ unit: 'binary', maxLength: 30 }),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(trickyKeyArb, tie('value'), { maxKeys: 5 }),
	),
})).value;

/** Extra fields, at the top of the body or inside the record; never the ones the test sets itself. */
export function extraFieldsArb(reserved: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
	return fc
		.dictionary(trickyKeyArb, jsonValueArb, { maxKeys: 6, noNullPrototype: true })
		.map((fields) => {
			const copy: Record<string, unknown> = {};
			for (const key of Object.keys(fields)) {
				if (!reserved.includes(key)) Object.defineProperty(copy, key, { value: fields[key], enumerable: true, writable: true, configurable: true });
			}
			return copy;
		});
}

/** An own data property, even for `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	return target;
}

// ---- ids -------------------------------------------------------------------------------------

export interface ValidId {
	raw: unknown;
	/** What the parser must report: a number, or the digit string when no JSON number holds it. */
	expected: number | string;
}

const MAX_ID = BigInt('9999999999999999999');
const TWENTY_DIGITS = BigInt('10000000000000000000');
const FORTY_DIGITS = BigInt(`1${'0'.repeat(40)}`);

/** Positive ids as numbers, digit strings (with spaces around them), and 19-digit strings. */
export const validIdArb: fc.Arbitrary<ValidId> = fc.oneof(
	fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map((id) => ({ raw: id, expected: id })),
	fc.integer({ min: 1, max: 2 ** 31 }).map((id) => ({ raw: id, expected: id })),
	fc
		.tuple(fc.bigInt({ min: BigInt(1), max: MAX_ID }), fc.constantFrom('', ' ', '\t', '\n'))
		.map(([id, space]) => {
			const value = Number(id);
			return {
				raw: `${space}${id.toString()}${space}`,
				expected: Number.isSafeInteger(value) ? value : id.toString(),
			};
		}),
);

const NON_DIGITS = ['.', 'e', 'E', '/', '%2F', '%2e%2e', '..', '?', '#', '-', '+', ',', ' ', '\u0000', 'x', '\uFF11', '\u0663', '\u00B2', '💥', '\uD800'];

/** Ids that are not a positive whole number of at most 19 digits, in every form a body can hold. */
export const invalidIdArb: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(undefined, null, 0, -0, true, false, '', '   ', '0', '000', '-0', '007', ' 0123 ', NaN, Infinity, -Infinity),
	fc.integer({ min: 1, max: 2 ** 31 }).map((id) => `0${id}`),
	fc.integer({ min: -(2 ** 31), max: 0 }),
	fc.double({ noNaN: true }).filter((value) => !Number.isInteger(value) || value < 1 || !Number.isSafeInteger(value)),
	fc.double({ min: 2 ** 53 + 2, max: 1e300, noNaN: true }),
	fc.integer({ min: 1, max: 2 ** 31 }).map((id) => `-${id}`),
	fc
		.tuple(fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom(...NON_DIGITS), fc.nat({ max: 12 }))
		.map(([id, junk, at]) => {
			const digits = String(id);
			const cut = Math.min(at, digits.length);
			return `${digits.slice(0, cut)}${junk}${digits.slice(cut)}`.replace(/^\s+|\s+$/g, '') + (junk.trim() === '' ? 'x' : '');
		}),
	fc.bigInt({ min: TWENTY_DIGITS, max: FORTY_DIGITS }).map((id) => id.toString()),
	fc.string({ unit: 'binary', maxLength: 20 }).filter((text) => !/^\s*\d+\s*$/.test(text)),
	fc.array(fc.integer({ min: 1 }), { maxLength: 2 }),
	fc.dictionary(trickyKeyArb, fc.integer({ min: 1 }), { maxKeys: 2 }),
);

// ---- bodies ----------------------------------------------------------------------------------

/** The ways a body reaches the parser: n8n's parsed object, the raw bytes, or text (with a BOM). */
export type BodyForm = 'object' | 'buffer' | 'text' | 'bom';
export const bodyFormArb = fc.constantFrom<BodyForm>('object', 'buffer', 'text', 'bom');

export function encodeBody(body: unknown, form: BodyForm): unknown {
	if (form === 'object') return body;
	const text = JSON.stringify(body);
	if (form === 'buffer') return Buffer.from(text, 'utf8');
	return form === 'bom' ? `\uFEFF ${text}\n` : text;
}

export interface ValidDelivery {
	source: TriggerSource;
	body: Record<string, unknown>;
	id: ValidId;
	event: unknown;
}

/** `{ ...extras, event?, "<payloadKey>": { ...recordExtras, id } }` for a random source. */
export const validDeliveryArb: fc.Arbitrary<ValidDelivery> = fc
	.record({
		source: sourceArb,
		id: validIdArb,
		event: fc.option(fc.oneof(fc.constantFrom('CREATE_NEW', 'UPDATE', 'DELETE', 'ACCEPTED', 'declined'), fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), jsonValueArb), { nil: undefined }),
		top: extraFieldsArb([...PAYLOAD_KEYS, 'event']),
		inner: extraFieldsArb(['id']),
	})
	.map(({ source, id, event, top, inner }) => {
		const record = setOwn({ ...inner }, 'id', id.raw);
		const body = setOwn({ ...top }, source.payloadKey, record);
		if (event !== undefined) setOwn(body, 'event', event);
		return { source, body, id, event };
	});

/** Objects holding no record for any source (no payload key holds an object). */
export const noRecordBodyArb = fc
	.tuple(extraFieldsArb(PAYLOAD_KEYS), fc.subarray([...PAYLOAD_KEYS]), fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 })))
	.map(([extras, keys, notAnObject]) => {
		const body = { ...extras };
		for (const key of keys) setOwn(body, key, notAnObject);
		return body;
	});

/** A JSON value that is not an object: what a body must never be accepted as. */
export const nonObjectArb = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.string({ maxLength: 40 }),
	fc.array(jsonValueArb, { maxLength: 4 }),
);

/** Bytes that are not valid UTF-8 (lone continuation bytes, overlongs, surrogates, 0xFF). */
export const invalidUtf8Arb = fc.constantFrom(
	[0xff],
	[0xfe, 0xff],
	[0xc0, 0xaf],
	[0xed, 0xa0, 0x80],
	[0x80],
	[0xe2, 0x82],
	[0xf8, 0x88, 0x80, 0x80, 0x80],
);

/** `depth` levels of `[...]` or `{"a": ...}` around `inner`, as JSON text. */
export function nestedText(depth: number, kind: 'array' | 'object', inner = 'null'): string {
	return kind === 'array' ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** A body that must be refused with 400 at `source` (at every source when none is given). */
export interface InvalidBody {
	source?: TriggerSource;
	body: unknown;
	status: 400;
}

/** Bodies that are not a JSON object at all: 400 at every source. */
export const notAnObjectBodyArb: fc.Arbitrary<InvalidBody> = fc.oneof(
	fc.tuple(nonObjectArb, bodyFormArb).map(([value, form]) => ({ body: encodeBody(value, form), status: 400 as const })),
	// not JSON: cut off, or with bytes that are not UTF-8 where the structure is
	fc.tuple(validDeliveryArb, fc.double({ min: 0, max: 0.999, noNaN: true })).map(([delivery, at]) => {
		const text = JSON.stringify(delivery.body);
		return { body: text.slice(0, Math.floor(text.length * at)), status: 400 as const };
	}),
	fc.tuple(validDeliveryArb, invalidUtf8Arb, fc.boolean()).map(([delivery, bad, atStart]) => {
		const text = Buffer.from(JSON.stringify(delivery.body));
		const bytes = atStart ? [Buffer.from(bad), text] : [text.subarray(0, 1), Buffer.from(bad), text.subarray(1)];
		return { body: Buffer.concat(bytes), status: 400 as const };
	}),
	fc.constantFrom<unknown>(undefined, '', '   ', '\uFEFF', Buffer.alloc(0), '\n\t').map((body) => ({ body, status: 400 as const })),
);

/** The documented invoice payload broken where its documentation is exact: 400 at the invoice source. */
export const brokenInvoiceArb: fc.Arbitrary<InvalidBody> = fc.oneof(
	fc.tuple(invalidIdArb, extraFieldsArb(['id']), bodyFormArb).map(([id, extras, form]) => {
		const record = id === undefined ? { ...extras } : setOwn({ ...extras }, 'id', id);
		return { source: DOCUMENTED_SOURCES[0], body: encodeBody({ event: 'CREATE_NEW', invoice: record }, form), status: 400 as const };
	}),
	fc.tuple(fc.integer({ min: 1 }), fc.constantFrom('__proto__', 'constructor')).map(([id, key]) => ({
		source: DOCUMENTED_SOURCES[0],
		body: `{"event":"CREATE_NEW","invoice":{"${key}":{"id":${id}}}}`,
		status: 400 as const,
	})),
	fc.tuple(fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 })), bodyFormArb).map(([value, form]) => ({
		source: DOCUMENTED_SOURCES[0],
		body: encodeBody({ event: 'CREATE_NEW', invoice: value }, form),
		status: 400 as const,
	})),
);

export const invalidBodyArb: fc.Arbitrary<InvalidBody> = fc.oneof(notAnObjectBodyArb, brokenInvoiceArb);

/** Any JSON object, keys chosen to reach the parser's special cases: what an undocumented source may be sent. */
export const anyObjectBodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
	fc.dictionary(trickyKeyArb, jsonValueArb, { maxKeys: 8 }),
	fc.dictionary(fc.oneof(trickyKeyArb, fc.constantFrom('data', 'expenseClaim', 'offerId', 'PROJECT_ID', 'customers', 'claimId', 'Claim')), jsonValueArb, { maxKeys: 8 }),
	validDeliveryArb.map((delivery) => delivery.body),
	noRecordBodyArb,
);

/**
 * A valid delivery of one source, sent to a trigger of another payload key, beyond doubt another
 * type's: the record is the body's only object, there is no top-level "id", and no field mentions
 * the target's type.
 */
export const otherSourceDeliveryArb: fc.Arbitrary<[ValidDelivery, TriggerSource]> = fc
	.tuple(validDeliveryArb, sourceArb)
	.filter(([delivery, target]) => target.payloadKey !== delivery.source.payloadKey)
	.map(([delivery, target]): [ValidDelivery, TriggerSource] => {
		const body: Record<string, unknown> = {};
		for (const key of Object.keys(delivery.body)) {
			const value = delivery.body[key];
			// no field that could hold the target's record or id: no object, no "id", no key naming it
			const mayHoldTarget = key === 'id' || key.toLowerCase().includes(target.payloadKey.toLowerCase()) || (typeof value === 'object' && value !== null && !Array.isArray(value));
			if (key === delivery.source.payloadKey || !mayHoldTarget) {
				setOwn(body, key, value);
			}
		}
		return [{ ...delivery, body }, target];
	});

/** The same, with a second object beside the other type's record: not beyond doubt, so it runs. */
export const ambiguousOtherSourceArb: fc.Arbitrary<[ValidDelivery, TriggerSource]> = fc
	.tuple(otherSourceDeliveryArb, fc.constantFrom('data', 'meta', 'changes'), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }))
	.map(([[delivery, target], key, extra]) => [{ ...delivery, body: setOwn({ ...delivery.body }, key, extra) }, target]);
