/**
 * Property-based fuzzing of the Moment Trigger's payload parser (nodes/Moment/trigger/payload.ts):
 * tens of thousands of generated bodies. What a user relies on: the parser never throws; a body
 * that is not a JSON object (or a broken documented invoice payload) never starts a workflow; any
 * JSON object sent to an undocumented source is never refused and reaches the workflow untouched;
 * every answer has a status and a short reason; a valid delivery is accepted with its id.
 */
import fc from 'fast-check';

import type { ParseResult } from '../../nodes/Moment/trigger/payload';
import { check, checkEqual } from '../helpers/check';
import { MAX_NESTING_DEPTH } from '../../nodes/Moment/trigger/bodyText';
import { normalizeEventFilter, parseDelivery } from '../../nodes/Moment/trigger/payload';
import type { BodyForm } from './arbitraries';
import {
	PAYLOAD_KEYS,
	SOURCES,
	ambiguousOtherSourceArb,
	anyObjectBodyArb,
	bodyFormArb,
	encodeBody,
	invalidBodyArb,
	jsonValueArb,
	nestedText,
	otherSourceDeliveryArb,
	setOwn,
	sourceArb,
	trickyKeyArb,
	undocumentedSourceArb,
	validDeliveryArb,
} from './arbitraries';

/** Cases per property; the last test checks they all ran and names the total. */
const RUNS = {
	anything: 6000,
	invalid: 6000,
	anyObject: 6000,
	valid: 5000,
	unknownFields: 5000,
	eventFilter: 3000,
	otherSource: 2000,
	ambiguousOtherSource: 2000,
	deepNesting: 300,
	largeBodies: 30,
};
const PLANNED = Object.values(RUNS).reduce((sum, runs) => sum + runs, 0);
const ran = Object.fromEntries(Object.keys(RUNS).map((key) => [key, 0])) as Record<keyof typeof RUNS, number>;
const verdicts = { accepted: 0, rejected: 0, ignored: 0, flagged: 0 };

/** Longest reason the parser may give: it must never echo a large body back. */
const MAX_REASON = 1000;

/**
 * Every verdict, whatever the input: a known kind, the matching status, a short non-empty reason.
 * (test/helpers/check.ts: jest's `expect` would take most of this file's time over 27,000 cases.)
 */
function expectClearVerdict(result: ParseResult): void {
	verdicts[result.kind]++;
	if (result.kind === 'accepted') {
		if (result.recognized) return;
		verdicts.flagged++;
		checkEqual([result.id, result.idFrom, typeof result.reason], [null, null, 'string'], 'a flagged item: no id, no idFrom, a reason');
		check(result.reason!.length <= MAX_REASON, `the reason is at most ${MAX_REASON} characters`, result.reason!.length);
		return;
	}
	checkEqual(result.status, result.kind === 'rejected' ? 400 : 200, `status of a ${result.kind} verdict`);
	check(typeof result.reason === 'string', 'the reason is text', result.reason);
	check(result.reason.trim().length > 0, 'the reason is not empty');
	check(result.reason.length <= MAX_REASON, `the reason is at most ${MAX_REASON} characters`, result.reason.length);
}

function expectNotAccepted(result: ParseResult, status?: 400 | 200): void {
	expectClearVerdict(result);
	check(result.kind !== 'accepted', 'the body is not accepted', result);
	if (status !== undefined) checkEqual(result.status, status, 'status');
}

/** Levels of `[...]` / `{"a": ...}` around null, counted without recursion (no stack overflow). */
function depthOf(value: unknown, kind: 'array' | 'object'): number {
	let depth = 0;
	let current = value;
	while (current !== null && typeof current === 'object') {
		current = kind === 'array' ? (current as unknown[])[0] : (current as { a: unknown }).a;
		depth++;
	}
	return depth;
}

const eventsArb = fc.array(fc.oneof(fc.constantFrom('CREATE_NEW', 'update', ' Delete '), fc.string({ maxLength: 8 })), { maxLength: 3 });

describe('parseDelivery never throws and always gives a clear verdict', () => {
	const anyBody = fc.oneof(
		fc.anything({
			key: trickyKeyArb,
			withBigInt: true,
			withBoxedValues: true,
			withDate: true,
			withMap: true,
			withSet: true,
			withNullPrototype: true,
			withObjectString: true,
			withSparseArray: true,
			withTypedArray: true,
			withUnicodeString: true,
		}),
		jsonValueArb,
		fc.json(),
		jsonValueArb.map((value) => JSON.stringify(value)),
		fc.string({ unit: 'binary' }),
		fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
		validDeliveryArb.map((delivery) => delivery.body),
	);

	it(`answers ${RUNS.anything} random bodies (anything, JSON, text, bytes, prototype keys) with accepted, 400 or 200 and a reason`, () => {
		fc.assert(
			fc.property(anyBody, sourceArb, eventsArb, (body, source, events) => {
				ran.anything++;
				expectClearVerdict(parseDelivery(body, { source, events: normalizeEventFilter(events) }));
			}),
			{ numRuns: RUNS.anything },
		);
	});
});

describe('an invalid body is never accepted (no execution starts)', () => {
	it(`refuses ${RUNS.invalid} bodies that are not a JSON object, or broken documented invoices (bad ids, prototype keys, cut-off JSON, bad UTF-8), with 400, even with an event filter`, () => {
		fc.assert(
			fc.property(invalidBodyArb, sourceArb, eventsArb, (invalid, anySource, events) => {
				ran.invalid++;
				const source = invalid.source ?? anySource;
				expectNotAccepted(parseDelivery(invalid.body, { source, events: normalizeEventFilter(events) }), invalid.status);
			}),
			{ numRuns: RUNS.invalid },
		);
	});

	it(`ignores (200) ${RUNS.otherSource} payloads that are beyond doubt another webhook type's, and never accepts them`, () => {
		fc.assert(
			fc.property(otherSourceDeliveryArb, bodyFormArb, ([delivery, target], form) => {
				ran.otherSource++;
				const result = parseDelivery(encodeBody(delivery.body, form), { source: target });
				expectNotAccepted(result, 200);
				if (result.kind !== 'accepted') check(result.reason.includes(delivery.source.payloadKey), `the reason names "${delivery.source.payloadKey}"`, result.reason);
			}),
			{ numRuns: RUNS.otherSource },
		);
	});
});

describe('a JSON object is never dropped for its shape', () => {
	it(`answers ${RUNS.anyObject} generated JSON objects at every undocumented source with a run: never 400, the body untouched`, () => {
		fc.assert(
			fc.property(anyObjectBodyArb, undocumentedSourceArb, bodyFormArb, (body, source, form) => {
				ran.anyObject++;
				const result = parseDelivery(encodeBody(body, form), { source });
				expectClearVerdict(result);
				check(result.kind !== 'rejected', 'a JSON object at an undocumented source is not refused', result);
				if (result.kind === 'ignored') {
					// only beyond doubt: the body's one object is another type's record
					const objects = Object.keys(body).filter((key) => typeof body[key] === 'object' && body[key] !== null && !Array.isArray(body[key]));
					check(objects.length === 1, 'an ignored body holds exactly one object', objects);
					check(PAYLOAD_KEYS.filter((key) => key !== source.payloadKey).includes(objects[0]), "that object is under another source's key", objects[0]);
					return;
				}
				if (result.kind !== 'accepted') return;
				if (form === 'object') check(result.payload === body, 'the parsed object itself is passed on');
				checkEqual(JSON.stringify(result.payload), JSON.stringify(body), 'the body passed on untouched');
				if (result.recognized) check(JSON.stringify(result.payload).includes(String(result.id)), 'the id is one the body holds', result.id);
			}),
			{ numRuns: RUNS.anyObject },
		);
	});

	it(`runs ${RUNS.ambiguousOtherSource} payloads of another type that carry a second object (not beyond doubt), at every source`, () => {
		fc.assert(
			fc.property(ambiguousOtherSourceArb, ([delivery, target]) => {
				ran.ambiguousOtherSource++;
				const result = parseDelivery(JSON.stringify(delivery.body), { source: target });
				expectClearVerdict(result);
				checkEqual(result.kind, 'accepted', 'verdict');
			}),
			{ numRuns: RUNS.ambiguousOtherSource },
		);
	});
});

describe('a valid delivery is accepted with its id, and its payload is passed on untouched', () => {
	it(`accepts ${RUNS.valid} valid payloads of every source (ids as numbers, digit text, 19 digits; as object, bytes, text, BOM)`, () => {
		fc.assert(
			fc.property(validDeliveryArb, bodyFormArb, (delivery, form) => {
				ran.valid++;
				const result = parseDelivery(encodeBody(delivery.body, form), { source: delivery.source });
				expectClearVerdict(result);
				if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.reason}`);
				checkEqual(result.id, delivery.id.expected, 'id');
				checkEqual(result.source, delivery.source.value, 'source');
				const event = delivery.body.event;
				checkEqual(result.event, typeof event === 'string' ? event : typeof event === 'number' || typeof event === 'boolean' ? String(JSON.parse(JSON.stringify(event))) : null, 'event');
			}),
			{ numRuns: RUNS.valid },
		);
	});

	it(`passes unknown fields (prototype keys included) through in "payload" deep-equal in ${RUNS.unknownFields} cases`, () => {
		fc.assert(
			fc.property(validDeliveryArb, bodyFormArb, (delivery, form: BodyForm) => {
				ran.unknownFields++;
				const result = parseDelivery(encodeBody(delivery.body, form), { source: delivery.source });
				expectClearVerdict(result);
				if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.reason}`);
				if (form === 'object') check(result.payload === delivery.body, 'an object body is passed on as it is');
				// Text comparison keeps own "__proto__" keys and key order visible.
				checkEqual(JSON.stringify(result.payload), JSON.stringify(delivery.body), 'payload');
				checkEqual(Object.keys(result.payload), Object.keys(delivery.body), 'payload keys in order');
			}),
			{ numRuns: RUNS.unknownFields },
		);
	});

	it(`runs only for events in the filter (case and spaces ignored) in ${RUNS.eventFilter} cases; others are ignored with 200`, () => {
		const filtered = fc.tuple(validDeliveryArb, eventsArb, fc.constantFrom('CREATE_NEW', 'create_new', 'UPDATE', ' update ', 'DELETE', 'other'));
		fc.assert(
			fc.property(filtered, ([delivery, filter, event]) => {
				ran.eventFilter++;
				const body = setOwn({ ...delivery.body }, 'event', event);
				const events = normalizeEventFilter(filter);
				const result = parseDelivery(JSON.stringify(body), { source: delivery.source, events });
				expectClearVerdict(result);
				const listed = events.length === 0 || events.includes(event.trim().toUpperCase());
				checkEqual(result.kind, listed ? 'accepted' : 'ignored', `verdict for event ${JSON.stringify(event)} and filter ${JSON.stringify(events)}`);
			}),
			{ numRuns: RUNS.eventFilter },
		);
	});
});

describe('deep nesting and large bodies', () => {
	it(`handles ${RUNS.deepNesting} bodies nested 2 to 5,000 levels deep: as the body, as the record, inside the record`, () => {
		const where = fc.constantFrom('body', 'record', 'inside');
		fc.assert(
			fc.property(sourceArb, fc.oneof(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 61, max: 5000 })), fc.constantFrom<'array' | 'object'>('array', 'object'), where, fc.boolean(), (source, depth, kind, place, asBuffer) => {
				ran.deepNesting++;
				const nested = nestedText(depth, kind);
				const text =
					place === 'body'
						? nested
						: place === 'record'
							? `{"event":"CREATE_NEW","${source.payloadKey}":${nested}}`
							: `{"event":"CREATE_NEW","${source.payloadKey}":{"deep":${nested},"id":42}}`;
				const result = parseDelivery(asBuffer ? Buffer.from(text) : text, { source });
				expectClearVerdict(result);
				// levels of the whole body: the nested value sits 2 levels down inside the record
				const bodyDepth = place === 'body' ? depth : place === 'record' ? depth + 1 : depth + 2;
				if (bodyDepth > MAX_NESTING_DEPTH) {
					check(result.kind === 'rejected' && result.status === 400, 'a body nested too deep is refused with 400', result);
					check(/nested more than 64 levels deep/.test(result.reason), 'the reason says it is nested too deep', result.reason);
				} else if (place === 'inside') {
					if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.reason}`);
					checkEqual(result.id, 42, 'id');
					const record = result.payload[source.payloadKey] as { deep: unknown };
					checkEqual(depthOf(record.deep, kind), depth, 'depth of the nested value passed on');
				} else if ((place === 'body' && kind === 'array') || (place === 'record' && source.payloadDocumented)) {
					// a list is not a JSON object; a documented "invoice" must be an object with an id
					checkEqual(result.kind, 'rejected', 'verdict');
				} else {
					// a JSON object with no id anywhere: it runs, flagged
					check(result.kind === 'accepted' && result.recognized === false && result.id === null, 'a JSON object with no id runs, flagged', result);
				}
			}),
			{ numRuns: RUNS.deepNesting },
		);
	});

	it(`handles ${RUNS.largeBodies} bodies of 1 to 8 MB: a large valid payload is accepted whole, a large broken one gets a short reason (400 for a broken invoice, a flagged run otherwise)`, () => {
		fc.assert(
			fc.property(sourceArb, fc.integer({ min: 1, max: 8 }), fc.boolean(), (source, megabytes, valid) => {
				ran.largeBodies++;
				const filler = 'x'.repeat(megabytes * 1024 * 1024);
				const text = valid
					? `{"event":"CREATE_NEW","${source.payloadKey}":{"id":7,"notes":"${filler}"},"extra":"${filler}"}`
					: `{"event":"CREATE_NEW","${source.payloadKey}":{"id":"${filler}"}}`;
				const result = parseDelivery(Buffer.from(text), { source });
				expectClearVerdict(result);
				if (valid) {
					if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.reason}`);
					checkEqual((result.payload[source.payloadKey] as { notes: string }).notes.length, filler.length, 'length of the large field passed on');
				} else {
					checkEqual(result.kind, source.payloadDocumented ? 'rejected' : 'accepted', 'verdict');
				}
			}),
			{ numRuns: RUNS.largeBodies },
		);
	});
});

describe('figures', () => {
	it(`ran all ${PLANNED.toLocaleString('en-US')} generated cases over ${SOURCES.length} sources and ${PAYLOAD_KEYS.length} payload keys, each with a clear verdict`, () => {
		expect(ran).toEqual(RUNS);
		const total = verdicts.accepted + verdicts.rejected + verdicts.ignored;
		expect(total).toBeGreaterThanOrEqual(PLANNED);
		// Every kind of verdict was exercised, not just one.
		expect(verdicts.accepted).toBeGreaterThan(RUNS.valid);
		expect(verdicts.flagged).toBeGreaterThan(RUNS.anyObject / 10);
		expect(verdicts.rejected).toBeGreaterThan(RUNS.invalid / 2);
		expect(verdicts.ignored).toBeGreaterThan(RUNS.otherSource / 2);
	});
});
