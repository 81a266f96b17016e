import fc from 'fast-check';

import { WEBHOOK_SOURCES, findWebhookSource } from '../../nodes/Moment/catalog';
import type { ParseResult, TriggerSource } from '../../nodes/Moment/trigger/payload';
import { identifiersOf, normalizeEventFilter, parseDelivery } from '../../nodes/Moment/trigger/payload';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

function source(value: string): TriggerSource {
	const found = findWebhookSource(value);
	if (!found) throw new Error(`no source ${value}`);
	return found;
}

const invoice = source('invoice');

function rejectionOf(result: ParseResult): string {
	if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
	expect(result.status).toBe(400);
	return result.reason;
}

describe('parseDelivery: accepted payloads', () => {
	it('reads the documented invoice payload: event, id, invoice number, customer and project references', () => {
		expect(parseDelivery(DOCUMENTED_INVOICE, { source: invoice })).toEqual({
			kind: 'accepted',
			event: 'CREATE_NEW',
			source: 'invoice',
			id: 106939080,
			identifiers: {
				invoiceNumber: 1,
				customer: { id: 62788973, customerNumber: '10001' },
				project: { id: 62788980, projectNumber: '1' },
			},
			payload: DOCUMENTED_INVOICE,
		});
	});

	it.each(WEBHOOK_SOURCES.map((entry) => [entry.value, entry] as const))(
		'accepts the assumed %s payload {"event", "<payloadKey>": {"id", "<number>"}}',
		(value, entry) => {
			const numberField = entry.resource.numberField;
			const body = { event: 'UPDATE', [entry.payloadKey]: { id: 4711, [numberField]: '42' } };
			const result = parseDelivery(body, { source: entry });
			expect(result).toEqual({
				kind: 'accepted',
				event: 'UPDATE',
				source: value,
				id: 4711,
				identifiers: { [numberField]: '42' },
				payload: body,
			});
		},
	);

	it('accepts an offer payload at both offer sources (Moment uses the same "offer" key for changes and decisions)', () => {
		const body = { event: 'ACCEPTED', offer: { id: 5 } };
		expect(parseDelivery(body, { source: source('offer') })).toMatchObject({ kind: 'accepted', source: 'offer' });
		expect(parseDelivery(body, { source: source('offerDecision') })).toMatchObject({ kind: 'accepted', source: 'offerDecision' });
	});

	it('reads the same payload from bytes, text (with or without a BOM) and an already parsed object', () => {
		const text = JSON.stringify(DOCUMENTED_INVOICE);
		const parsed = parseDelivery(DOCUMENTED_INVOICE, { source: invoice });
		expect(parseDelivery(Buffer.from(text), { source: invoice })).toEqual(parsed);
		expect(parseDelivery(new Uint8Array(Buffer.from(text)), { source: invoice })).toEqual(parsed);
		expect(parseDelivery(text, { source: invoice })).toEqual(parsed);
		expect(parseDelivery(`\uFEFF${text}`, { source: invoice })).toEqual(parsed);
	});

	it('keeps unknown fields untouched in the payload', () => {
		const body = {
			event: 'CREATE_NEW',
			invoice: { id: 1, invoiceNumber: 9, currency: 'NOK', lines: [{ amount: 10 }] },
			sentAt: '2026-11-23T10:00:00Z',
			meta: { nested: { deep: [1, null, 'x'] } },
		};
		const copy = JSON.parse(JSON.stringify(body));
		const result = parseDelivery(JSON.stringify(body), { source: invoice });
		expect(result).toMatchObject({ kind: 'accepted', payload: copy });
		expect(parseDelivery(body, { source: invoice })).toMatchObject({ payload: body });
		expect(body).toEqual(copy);
	});

	it('accepts a record without an event (event null) and numeric text ids (as numbers)', () => {
		expect(parseDelivery({ project: { id: ' 000123 ' } }, { source: source('project') })).toMatchObject({
			kind: 'accepted',
			event: null,
			id: 123,
		});
	});

	it('keeps a 19-digit id that no JSON number can hold exactly as text', () => {
		expect(parseDelivery({ invoice: { id: '9223372036854775807' } }, { source: invoice })).toMatchObject({
			id: '9223372036854775807',
		});
	});

	it('turns a numeric or boolean event into text', () => {
		expect(parseDelivery({ event: 3, invoice: { id: 1 } }, { source: invoice })).toMatchObject({ event: '3' });
	});

	it('uses its own payload key even when the body also carries objects named like other sources', () => {
		const body = { event: 'UPDATE', project: { id: 8 }, customer: { id: 2, customerNumber: '10001' } };
		expect(parseDelivery(body, { source: source('project') })).toMatchObject({ kind: 'accepted', id: 8 });
	});
});

describe('parseDelivery: bad input is rejected with a reason (400)', () => {
	const cases: Array<[string, unknown, RegExp]> = [
		['text that is not JSON', 'event=CREATE_NEW&id=1', /not valid JSON/],
		['truncated JSON bytes', Buffer.from('{"event":"CREATE_NEW","invoice":{"id":'), /not valid JSON/],
		['an empty body', '', /empty/],
		['whitespace only', Buffer.from('  \n'), /empty/],
		['no body at all', undefined, /empty/],
		['a JSON array', '[{"invoice":{"id":1}}]', /is an array, not a JSON object/],
		['JSON null', 'null', /is null, not a JSON object/],
		['a JSON number', '42', /is the number "42", not a JSON object/],
		['a JSON string', '"CREATE_NEW"', /is the text "CREATE_NEW", not a JSON object/],
		['a JSON boolean', true, /is the value true, not a JSON object/],
		['an object without a record object', { event: 'CREATE_NEW', id: 1 }, /no "invoice" object.*"event", "id"/],
		['an empty object', {}, /no "invoice" object\. The body is an empty object/],
		['a record that is a number', { invoice: 106939080 }, /"invoice" is the number "106939080", not an object with an id/],
		['a record that is an array', { invoice: [{ id: 1 }] }, /"invoice" is an array/],
		['a record that is null', { invoice: null }, /"invoice" is null/],
		['a missing id', { invoice: { invoiceNumber: 1 } }, /"invoice\.id" is missing/],
		['a null id', { invoice: { id: null } }, /"invoice\.id" is null/],
		['a non-numeric text id', { invoice: { id: 'abc' } }, /"invoice\.id" is the text "abc", not a number/],
		['an id with a path in it', { invoice: { id: '1/../../customers' } }, /not a number/],
		['a negative id', { invoice: { id: -5 } }, /"invoice\.id" is the number "-5": Moment ids are positive/],
		['a negative text id', { invoice: { id: '-5' } }, /Moment ids are positive/],
		['a zero id', { invoice: { id: 0 } }, /Moment ids are positive/],
		['a fractional id', { invoice: { id: 1.5 } }, /"invoice\.id" is the number "1\.5", not a whole number/],
		['an id beyond exact JSON numbers', { invoice: { id: 2 ** 60 } }, /too large to be read exactly/],
		['a 20-digit text id', { invoice: { id: '12345678901234567890' } }, /too large for a Moment id/],
		['a boolean id', { invoice: { id: true } }, /is the value true, not a number/],
		['an object id', { invoice: { id: { value: 1 } } }, /is an object, not a number/],
	];

	it.each(cases)('%s', (_label, body, reason) => {
		expect(rejectionOf(parseDelivery(body, { source: invoice }))).toMatch(reason);
	});

	it('says which shape the source expects', () => {
		expect(rejectionOf(parseDelivery({}, { source: source('claim') }))).toContain(
			'Moment\'s "Claims" webhook is expected to send {"event": "...", "claim": {"id": 123, ...}}',
		);
	});

	it('rejects the invalid id even when the event would be filtered out (a broken payload is worth a 400)', () => {
		expect(parseDelivery({ event: 'UPDATE', invoice: { id: 'x' } }, { source: invoice, events: ['CREATE_NEW'] }).kind).toBe(
			'rejected',
		);
	});
});

describe('parseDelivery: ignored deliveries (200)', () => {
	it('ignores a valid payload of another webhook type and names both types', () => {
		const result = parseDelivery({ event: 'UPDATE', customer: { id: 62788973 } }, { source: invoice });
		expect(result).toEqual({
			kind: 'ignored',
			status: 200,
			reason: expect.stringMatching(/"customer" payload \(Moment webhook type "Customers"\).*Event Source is Invoice.*expects "Invoices"/),
		});
	});

	it('names both offer webhook types for an offer payload at another source', () => {
		const result = parseDelivery({ event: 'X', offer: { id: 1 } }, { source: source('project') });
		expect(result).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('"Offers: Changes" or "Offers: Decisions') });
	});

	it('runs only for events in the filter, comparing without regard to case', () => {
		const events = normalizeEventFilter('create_new');
		expect(parseDelivery(DOCUMENTED_INVOICE, { source: invoice, events }).kind).toBe('accepted');
		const other = parseDelivery({ ...DOCUMENTED_INVOICE, event: 'DELETE' }, { source: invoice, events });
		expect(other).toEqual({ kind: 'ignored', status: 200, reason: 'Event "DELETE" is not in this trigger\'s event filter (CREATE_NEW).' });
	});

	it('ignores a payload without an event when a filter is set', () => {
		expect(parseDelivery({ invoice: { id: 1 } }, { source: invoice, events: ['CREATE_NEW'] })).toMatchObject({
			kind: 'ignored',
			reason: expect.stringContaining('has no "event"'),
		});
	});
});

describe('identifiersOf', () => {
	it('copies number fields and references of other resources, text and numbers only', () => {
		const project = source('project').resource;
		expect(
			identifiersOf(
				{
					id: 1,
					projectNumber: '0006109',
					customerId: 62788973,
					customerNumber: '10001',
					customer: { id: 62788973, customerNumber: '10001', name: 'Acme' },
					offer: { title: 'no id or number here' },
					invoiceNumber: { not: 'a scalar' },
					claimId: null,
				},
				project,
			),
		).toEqual({
			projectNumber: '0006109',
			customerId: 62788973,
			customerNumber: '10001',
			customer: { id: 62788973, customerNumber: '10001' },
		});
	});

	it('does not read inherited properties', () => {
		expect(identifiersOf(Object.create({ invoiceNumber: 5 }) as never, source('invoice').resource)).toEqual({});
	});
});

describe('normalizeEventFilter', () => {
	it('splits on commas and whitespace, upper-cases, drops blanks and repeats', () => {
		expect(normalizeEventFilter(' create_new, UPDATE\nupdate ,, ')).toEqual(['CREATE_NEW', 'UPDATE']);
		expect(normalizeEventFilter(['a', ' b '])).toEqual(['A', 'B']);
		expect(normalizeEventFilter(undefined)).toEqual([]);
		expect(normalizeEventFilter('')).toEqual([]);
	});
});

describe('parseDelivery never throws', () => {
	const sources = fc.constantFrom(...WEBHOOK_SOURCES);
	const bodies = fc.oneof(
		fc.anything(),
		fc.jsonValue(),
		fc.string(),
		fc.uint8Array().map((bytes) => Buffer.from(bytes)),
		fc.json(),
		fc.record({ event: fc.anything(), invoice: fc.record({ id: fc.anything() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
	);

	it('answers every input with accepted, rejected (400) or ignored (200), and accepts only positive ids', () => {
		fc.assert(
			fc.property(bodies, sources, fc.array(fc.string(), { maxLength: 3 }), (body, entry, events) => {
				const result = parseDelivery(body, { source: entry, events: normalizeEventFilter(events) });
				if (result.kind === 'accepted') {
					const id = typeof result.id === 'number' ? result.id : Number(result.id);
					expect(id).toBeGreaterThan(0);
					expect(result.source).toBe(entry.value);
				} else {
					expect(result.status).toBe(result.kind === 'rejected' ? 400 : 200);
					expect(typeof result.reason).toBe('string');
				}
			}),
			{ numRuns: 2000 },
		);
	});
});
