import fc from 'fast-check';

import { WEBHOOK_SOURCES, findWebhookSource } from '../../nodes/Moment/catalog';
import type { Delivery, ParseResult, TriggerSource } from '../../nodes/Moment/trigger/payload';
import { normalizeEventFilter, parseDelivery } from '../../nodes/Moment/trigger/payload';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

function source(value: string): TriggerSource {
	const found = findWebhookSource(value);
	if (!found) throw new Error(`no source ${value}`);
	return found;
}

const invoice = source('invoice');
const UNDOCUMENTED = WEBHOOK_SOURCES.filter((entry) => !entry.payloadDocumented);

function rejectionOf(result: ParseResult): string {
	if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
	expect(result.status).toBe(400);
	return result.reason;
}

function accepted(result: ParseResult): Delivery {
	if (result.kind !== 'accepted') throw new Error(`expected an accepted delivery, got ${JSON.stringify(result)}`);
	return result;
}

describe('parseDelivery: the documented invoice payload', () => {
	it('reads event, id, invoice number, customer and project references, and says where the id was', () => {
		expect(parseDelivery(DOCUMENTED_INVOICE, { source: invoice })).toEqual({
			kind: 'accepted',
			event: 'CREATE_NEW',
			source: 'invoice',
			id: 106939080,
			recognized: true,
			idFrom: 'invoice.id',
			identifiers: {
				invoiceNumber: 1,
				customer: { id: 62788973, customerNumber: '10001' },
				project: { id: 62788980, projectNumber: '1' },
			},
			bodyHash: '95fd1a72c6cba0f0',
			payload: DOCUMENTED_INVOICE,
		});
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
		expect(parseDelivery(JSON.stringify(body), { source: invoice })).toMatchObject({ kind: 'accepted', payload: copy });
		expect(parseDelivery(body, { source: invoice })).toMatchObject({ payload: body });
		expect(body).toEqual(copy);
	});

	it('keeps a 19-digit id that no JSON number can hold exactly as text, and turns a numeric event into text', () => {
		expect(parseDelivery({ invoice: { id: '9223372036854775807' } }, { source: invoice })).toMatchObject({ id: '9223372036854775807' });
		expect(parseDelivery({ event: 3, invoice: { id: 1 } }, { source: invoice })).toMatchObject({ event: '3' });
	});

	const broken: Array<[string, unknown, RegExp]> = [
		['a missing id', { invoice: { invoiceNumber: 1 } }, /^"invoice\.id" is missing\./],
		['a null id', { invoice: { id: null } }, /^"invoice\.id" is null\./],
		['a non-numeric text id', { invoice: { id: 'abc' } }, /^"invoice\.id" is the text "abc", not a positive whole number\./],
		['an id with a path in it', { invoice: { id: '1/../../customers' } }, /not a positive whole number/],
		['a negative id', { invoice: { id: -5 } }, /"invoice\.id" is the number "-5", not a positive whole number/],
		['a zero id', { invoice: { id: 0 } }, /not a positive whole number/],
		['a fractional id', { invoice: { id: 1.5 } }, /"invoice\.id" is the number "1\.5"/],
		['an id beyond exact JSON numbers', { invoice: { id: 2 ** 60 } }, /too large to be read exactly/],
		['a 20-digit text id', { invoice: { id: '12345678901234567890' } }, /longer than 19 digits/],
		['an id with leading zeros', { invoice: { id: '000123' } }, /leading zeros/],
		['an object id', { invoice: { id: { value: 1 } } }, /is an object, not a positive whole number/],
		['an invoice that is a number', { invoice: 106939080 }, /^"invoice" is the number "106939080", not the documented object with an id\./],
		['an invoice that is a list', { invoice: [{ id: 1 }] }, /^"invoice" is a list/],
	];

	it.each(broken)('refuses %s with 400 (the documented contract), naming the shape Moment documents', (_label, body, reason) => {
		const text = rejectionOf(parseDelivery(body, { source: invoice }));
		expect(text).toMatch(reason);
		expect(text).toContain('Moment\'s "Invoices" webhook sends a JSON object such as {"event": "...", "invoice": {"id": 123, ...}}.');
	});

	it('refuses the broken id even when the event would be filtered out (a broken payload is worth a 400)', () => {
		expect(parseDelivery({ event: 'UPDATE', invoice: { id: 'x' } }, { source: invoice, events: ['CREATE_NEW'] }).kind).toBe('rejected');
	});

	it('runs a body without an invoice object, flagged, without guessing an id elsewhere', () => {
		const body = { event: 'CREDIT_NOTE', invoiceId: 5, creditNote: { id: 7 } };
		expect(accepted(parseDelivery(body, { source: invoice }))).toEqual({
			kind: 'accepted',
			event: 'CREDIT_NOTE',
			source: 'invoice',
			id: null,
			recognized: false,
			idFrom: null,
			reason: expect.stringMatching(/^The body has no "invoice" object\. The body has the fields "event", "invoiceId", "creditNote"\./),
			identifiers: {},
			bodyHash: expect.stringMatching(/^[0-9a-f]{16}$/),
			payload: body,
		});
	});
});

describe('parseDelivery: undocumented payloads are never dropped for their shape', () => {
	it.each(UNDOCUMENTED.map((entry) => [entry.value, entry] as const))('accepts the assumed %s payload {"event", "<payloadKey>": {"id", "<number>"}}', (value, entry) => {
		const numberField = entry.resource.numberField ?? 'number';
		const body = { event: 'UPDATE', [entry.payloadKey]: { id: 4711, [numberField]: '42' } };
		expect(parseDelivery(body, { source: entry })).toEqual({
			kind: 'accepted',
			event: 'UPDATE',
			source: value,
			id: 4711,
			recognized: true,
			idFrom: `${entry.payloadKey}.id`,
			identifiers: { [numberField]: '42' },
			bodyHash: expect.stringMatching(/^[0-9a-f]{16}$/),
			payload: body,
		});
	});

	// Plausible variants of the undocumented payloads, as a new user would meet them.
	const variants: Array<[string, string, object, number, string]> = [
		['claim', 'the record under "expenseClaim"', { event: 'UPDATE', expenseClaim: { id: 501, claimNumber: 7 } }, 501, 'expenseClaim.id'],
		['claim', 'the record under "travelExpenseClaim"', { event: 'UPDATE', travelExpenseClaim: { id: 502 } }, 502, 'travelExpenseClaim.id'],
		['claim', 'a flat record with a top-level id', { event: 'UPDATE', id: 503, claimNumber: 8, projectId: 62788980 }, 503, 'id'],
		['claim', 'the id as "claimId"', { event: 'APPROVED', claimId: '504' }, 504, 'claimId'],
		['claim', 'the record beside the project it is billed to', { event: 'UPDATE', claim: { id: 505 }, project: { id: 62788980, projectNumber: '1' } }, 505, 'claim.id'],
		['offerDecision', 'the id as "offerId" with the decision', { event: 'ACCEPTED', offerId: 601, decision: 'accepted' }, 601, 'offerId'],
		['offerDecision', 'the offer under a decision object', { event: 'DECIDED', decision: { id: 9, offerId: 602, accepted: true } }, 602, 'decision.offerId'],
		['offerDecision', 'the offer beside its customer', { event: 'ACCEPTED', offer: { id: 603 }, customer: { id: 62788973, customerNumber: '10001' } }, 603, 'offer.id'],
		['project', 'the record under "data"', { event: 'UPDATE', data: { id: 701, projectNumber: '1' } }, 701, 'data.id'],
		['project', 'a flat record with its customer', { event: 'UPDATE', id: '702', customer: { id: 62788973 } }, 702, 'id'],
		['project', 'the id as "PROJECT_ID"', { EVENT: 'UPDATE', PROJECT_ID: 703 }, 703, 'PROJECT_ID'],
		['project', 'the project key holding the id', { event: 'UPDATE', project: 704 }, 704, 'project'],
	];

	it.each(variants)('%s: %s reaches the workflow with its id', (value, _label, body, id, idFrom) => {
		const delivery = accepted(parseDelivery(JSON.stringify(body), { source: source(value) }));
		expect(delivery).toMatchObject({ recognized: true, id, idFrom });
		expect(delivery.payload).toEqual(body);
	});

	it('collects the numbers of the record and of the body around it', () => {
		const body = { event: 'UPDATE', claim: { id: 5, claimNumber: 12 }, projectId: 62788980, customer: { id: 1, customerNumber: '10001' } };
		expect(accepted(parseDelivery(body, { source: source('claim') })).identifiers).toEqual({
			claimNumber: 12,
			projectId: 62788980,
			customer: { id: 1, customerNumber: '10001' },
		});
	});

	it.each([
		['an empty object', {}],
		['an event only', { event: 'UPDATE' }],
		['an id that is not an id', { event: 'UPDATE', id: 'abc' }],
		['a list of records', { event: 'UPDATE', claims: [{ id: 1 }, { id: 2 }] }],
		['two records of other types (ambiguous)', { event: 'UPDATE', customer: { id: 1 }, project: { id: 2 } }],
		['another type\'s object without an id', { event: 'UPDATE', customer: { name: 'Acme' } }],
		['another type\'s record beside a second object', { event: 'UPDATE', customer: { id: 1 }, lines: [{}], note: { text: 'x' } }],
		['another type\'s record beside a field naming this type', { event: 'UPDATE', customer: { id: 1 }, claimNumber: 7 }],
	])('runs %s flagged: recognized false, id null, a reason, the body untouched', (_label, body) => {
		const delivery = accepted(parseDelivery(body, { source: source('claim') }));
		expect(delivery).toMatchObject({ id: null, recognized: false, idFrom: null, payload: body });
		expect(delivery.reason).toMatch(/^No claim id found.*Moment's "Claims" webhook is expected to send/);
	});

	it('uses its own payload key even when the body also carries objects named like other sources', () => {
		const body = { event: 'UPDATE', project: { id: 8 }, customer: { id: 2, customerNumber: '10001' } };
		expect(parseDelivery(body, { source: source('project') })).toMatchObject({ kind: 'accepted', id: 8 });
	});

	it('accepts an offer payload at both offer sources (Moment uses the same "offer" key for changes and decisions)', () => {
		const body = { event: 'ACCEPTED', offer: { id: 5 } };
		expect(parseDelivery(body, { source: source('offer') })).toMatchObject({ kind: 'accepted', source: 'offer' });
		expect(parseDelivery(body, { source: source('offerDecision') })).toMatchObject({ kind: 'accepted', source: 'offerDecision' });
	});
});

describe('parseDelivery: bad input is rejected with a reason (400)', () => {
	const cases: Array<[string, unknown, RegExp]> = [
		['text that is not JSON', 'event=CREATE_NEW&id=1', /not valid JSON/],
		['truncated JSON bytes', Buffer.from('{"event":"CREATE_NEW","invoice":{"id":'), /not valid JSON/],
		['an empty body', '', /empty/],
		['whitespace only', Buffer.from('  \n'), /empty/],
		['no body at all', undefined, /empty/],
		['a JSON array', '[{"invoice":{"id":1}}]', /is a list, not a JSON object/],
		['JSON null', 'null', /is null, not a JSON object/],
		['a JSON number', '42', /is the number "42", not a JSON object/],
		['a JSON string', '"CREATE_NEW"', /is the text "CREATE_NEW", not a JSON object/],
		['a JSON boolean', true, /is the value true, not a JSON object/],
		['nesting beyond 64 levels', `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`, /nested more than 64 levels deep/],
	];

	it.each(cases)('%s, at every source', (_label, body, reason) => {
		for (const entry of WEBHOOK_SOURCES) expect(rejectionOf(parseDelivery(body, { source: entry }))).toMatch(reason);
	});

	it('says which shape the source expects', () => {
		expect(rejectionOf(parseDelivery('[]', { source: source('claim') }))).toContain(
			'Moment\'s "Claims" webhook is expected to send a JSON object such as {"event": "...", "claim": {"id": 123, ...}}',
		);
	});
});

describe('parseDelivery: ignored deliveries (200)', () => {
	it('ignores a payload of another webhook type when that is beyond doubt, and names both types', () => {
		const result = parseDelivery({ event: 'UPDATE', customer: { id: 62788973, customerNumber: '10001' } }, { source: invoice });
		expect(result).toEqual({
			kind: 'ignored',
			status: 200,
			cause: 'otherSource',
			reason: expect.stringMatching(/"customer" payload \(Moment webhook type "Customers"\).*Event Source is Invoice.*expects "Invoices"/),
		});
		expect(parseDelivery({ event: 'UPDATE', invoice: { id: 1 } }, { source: source('claim') })).toMatchObject({ kind: 'ignored' });
	});

	it('names both offer webhook types for an offer payload at another source', () => {
		const result = parseDelivery({ event: 'X', offer: { id: 1 } }, { source: source('project') });
		expect(result).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('"Offers: Changes" or "Offers: Decisions') });
	});

	it('runs instead of ignoring when the body may hold a record of this type too', () => {
		expect(parseDelivery({ event: 'X', customer: { id: 1 }, id: 5 }, { source: source('claim') })).toMatchObject({ kind: 'accepted', id: 5 });
		expect(parseDelivery({ event: 'X', customer: { id: 1 }, claimId: 6 }, { source: source('claim') })).toMatchObject({ kind: 'accepted', id: 6 });
	});

	it('runs only for events in the filter, comparing without regard to case', () => {
		const events = normalizeEventFilter('create_new');
		expect(parseDelivery(DOCUMENTED_INVOICE, { source: invoice, events }).kind).toBe('accepted');
		expect(parseDelivery({ ...DOCUMENTED_INVOICE, event: 'CREDIT' }, { source: invoice, events })).toEqual({
			kind: 'ignored',
			status: 200,
			cause: 'eventFilter',
			reason: 'Event "CREDIT" is not in this trigger\'s event filter (CREATE_NEW).',
		});
		expect(parseDelivery({ invoice: { id: 1 } }, { source: invoice, events })).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('no "event"') });
	});

	it('applies the filter to flagged deliveries too', () => {
		expect(parseDelivery({ event: 'OTHER' }, { source: source('claim'), events: ['UPDATE'] }).kind).toBe('ignored');
		expect(parseDelivery({ event: 'update' }, { source: source('claim'), events: ['UPDATE'] }).kind).toBe('accepted');
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

	it('answers every input with accepted, rejected (400) or ignored (200); an accepted id is positive, or null and flagged', () => {
		fc.assert(
			fc.property(bodies, sources, fc.array(fc.string(), { maxLength: 3 }), (body, entry, events) => {
				const result = parseDelivery(body, { source: entry, events: normalizeEventFilter(events) });
				if (result.kind === 'accepted') {
					expect(result.source).toBe(entry.value);
					if (result.id === null) expect([result.recognized, typeof result.reason]).toEqual([false, 'string']);
					else expect([result.recognized, Number(result.id) > 0]).toEqual([true, true]);
				} else {
					expect(result.status).toBe(result.kind === 'rejected' ? 400 : 200);
					expect(typeof result.reason).toBe('string');
				}
			}),
			{ numRuns: 2000 },
		);
	});
});
