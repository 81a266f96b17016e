import { WEBHOOK_SOURCES, findWebhookSource } from '../../nodes/Moment/catalog';
import type { TriggerSource } from '../../nodes/Moment/trigger/payload';
import { findDocumentedRecord, findRecord, identifiersOf, keyWords, namesRecordOf, readPayloadId } from '../../nodes/Moment/trigger/payload';

function source(value: string): TriggerSource {
	const found = findWebhookSource(value);
	if (!found) throw new Error(`no source ${value}`);
	return found;
}

const UNDOCUMENTED = WEBHOOK_SOURCES.filter((entry) => !entry.payloadDocumented);

const otherThan = (key: string) => (key === 'customer' ? 'project' : 'customer');
/** References to two other record types, as the documented invoice payload carries them. */
const references = (key: string) => Object.fromEntries(['customer', 'project', 'invoice'].filter((other) => other !== key).slice(0, 2).map((other, i) => [other, { id: i + 1 }]));

describe('readPayloadId: one rule for ids (positive whole numbers, no leading zeros, at most 19 digits)', () => {
	it.each([
		[4711, 4711],
		['4711', 4711],
		[' 62788973 ', 62788973],
		['9223372036854775807', '9223372036854775807'],
		[Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
	])('reads %j as %j', (raw, id) => {
		expect(readPayloadId(raw)).toEqual({ ok: true, id });
	});

	it.each([
		[undefined, 'is missing'],
		[null, 'is null'],
		[0, 'is the number "0", not a positive whole number'],
		[-5, 'is the number "-5", not a positive whole number'],
		[1.5, 'is the number "1.5", not a positive whole number'],
		[2 ** 60, 'is the number "1152921504606847000", too large to be read exactly as a JSON number'],
		['0006109', 'is the text "0006109", with leading zeros: that looks like a number users see, not an id'],
		['12345678901234567890', 'is the text "12345678901234567890", longer than 19 digits'],
		['INV-1', 'is the text "INV-1", not a positive whole number'],
		['1/../2', 'is the text "1/../2", not a positive whole number'],
		[true, 'is the value true, not a positive whole number'],
		[[1], 'is a list, not a positive whole number'],
		[{ id: 1 }, 'is an object, not a positive whole number'],
	])('refuses %j: %s', (raw, problem) => {
		expect(readPayloadId(raw)).toEqual({ ok: false, problem });
	});
});

describe('keyWords and namesRecordOf: a key names the record type when its last word is the type', () => {
	it('splits at capitals, underscores, dashes and spaces', () => {
		expect(keyWords('travelExpenseClaim')).toEqual(['travel', 'expense', 'claim']);
		expect(keyWords('travel_expense-claim x')).toEqual(['travel', 'expense', 'claim', 'x']);
		expect(keyWords('CLAIM_ID')).toEqual(['claim', 'id']);
		expect(keyWords('claimID')).toEqual(['claim', 'id']);
	});

	it.each([
		['claim', true],
		['Claim', true],
		['CLAIM', true],
		['claims', true],
		['expenseClaim', true],
		['travelExpenseClaims', true],
		['travel_expense_claim', true],
		['claimData', false],
		['claimId', false],
		['reclaim', false],
		['customer', false],
	])('%s → %s', (key, names) => {
		expect(namesRecordOf(key, 'claim')).toBe(names);
	});
});

describe('findRecord: every way of finding the record of an undocumented source', () => {
	const cases: Array<[string, (key: string) => object, string]> = [
		['under the source key', (key) => ({ event: 'UPDATE', [key]: { id: 4711 } }), '<key>.id'],
		['the source key holding the id itself', (key) => ({ event: 'UPDATE', [key]: '4711' }), '<key>'],
		['under a key naming the type in other words', (key) => ({ event: 'UPDATE', [`changed${key[0].toUpperCase()}${key.slice(1)}`]: { id: 4711 } }), 'changed<Key>.id'],
		['under the plural key', (key) => ({ [`${key}s`]: { id: 4711 } }), '<key>s.id'],
		['as "<type>Id" inside the record', (key) => ({ [key]: { [`${key}Id`]: 4711, name: 'x' } }), '<key>.<key>Id'],
		['as a top-level "<type>Id"', (key) => ({ event: 'UPDATE', [`${key}Id`]: 4711 }), '<key>Id'],
		['as a top-level "id" (a flat record)', () => ({ event: 'UPDATE', id: '4711', name: 'Flat' }), 'id'],
		['in the one nested object with an id', () => ({ event: 'UPDATE', data: { id: 4711 } }), 'data.id'],
		['in a wrapper object under the source key', (key) => ({ data: { [key]: { id: 4711 } } }), 'data.<key>.id'],
		['two wrappers deep', () => ({ data: { object: { id: 4711 } } }), 'data.object.id'],
		['beside references to other record types', (key) => ({ ...references(key), [key]: { id: 4711 } }), '<key>.id'],
		['as a flat record beside references', (key) => ({ ...references(key), id: 4711, [`${otherThan(key)}Id`]: 3 }), 'id'],
	];

	for (const entry of UNDOCUMENTED) {
		const key = entry.payloadKey;
		const otherKey = otherThan(key);
		it.each(cases.map(([label, body, path]) => [label, body(key), path.replace(/<key>/g, key).replace(/<Key>/g, `${key[0].toUpperCase()}${key.slice(1)}`)]))(
			`${entry.value}: %s`,
			(_label, body, idFrom) => {
				const finding = findRecord(body as never, entry);
				expect(finding).toMatchObject({ found: true, id: 4711, idFrom });
			},
		);

		it(`${entry.value}: never takes a reference to another record type for the record`, () => {
			expect(findRecord({ event: 'UPDATE', [otherKey]: { id: 1 } }, entry)).toMatchObject({ found: false });
			expect(findRecord({ event: 'UPDATE', [`${otherKey}Id`]: 1 }, entry)).toMatchObject({ found: false });
		});
	}

	it('prefers an id named after the type to a plain id outside an object named after the type', () => {
		expect(findRecord({ decision: { id: 7, offerId: 5, accepted: true } }, source('offerDecision'))).toMatchObject({ id: 5, idFrom: 'decision.offerId' });
		expect(findRecord({ id: 7, offerId: 5 }, source('offer'))).toMatchObject({ id: 5, idFrom: 'offerId' });
		expect(findRecord({ offer: { id: 5, offerId: 9 } }, source('offer'))).toMatchObject({ id: 5, idFrom: 'offer.id' });
	});

	it('prefers the source key to other keys, and a flat id to a nested object (nested objects are usually references)', () => {
		expect(findRecord({ expenseClaim: { id: 2 }, claim: { id: 1 } }, source('claim'))).toMatchObject({ id: 1, idFrom: 'claim.id' });
		expect(findRecord({ id: 3, user: { id: 9 } }, source('project'))).toMatchObject({ id: 3, idFrom: 'id' });
	});

	it('goes on looking when the record object has no usable id, and says what it saw when nothing is found', () => {
		expect(findRecord({ claim: { claimNumber: 3 }, claimId: 8 }, source('claim'))).toMatchObject({ id: 8, idFrom: 'claimId' });
		const finding = findRecord({ event: 'UPDATE', claim: { id: 'abc' } }, source('claim'));
		expect(finding.found).toBe(false);
		if (finding.found) return;
		expect(finding.reason).toBe(
			'No claim id found ("claim.id" is the text "abc", not a positive whole number): looked for "claim" or a key ending in "Claim", "claimId", "id", and one nested object with an id. The body has the fields "event", "claim".',
		);
	});

	it('does not guess between several nested objects', () => {
		const finding = findRecord({ before: { id: 1 }, after: { id: 2 } }, source('project'));
		expect(finding).toMatchObject({ found: false, reason: expect.stringContaining('2 nested objects ("before", "after") could each hold it') });
	});

	it('looks at most two objects deep and never into inherited properties', () => {
		expect(findRecord({ a: { b: { c: { id: 1 } } } }, source('project')).found).toBe(false);
		expect(findRecord(JSON.parse('{"__proto__":{"id":5}}'), source('project'))).toMatchObject({ found: true, idFrom: '__proto__.id' });
		expect(findRecord(Object.create({ id: 5 }) as never, source('project')).found).toBe(false);
	});
});

describe('findDocumentedRecord: the invoice payload is read as documented, nowhere else', () => {
	it('reads invoice.id', () => {
		expect(findDocumentedRecord({ invoice: { id: 1 } }, 'invoice')).toMatchObject({ found: true, id: 1, idFrom: 'invoice.id' });
	});

	it('does not look anywhere else', () => {
		expect(findDocumentedRecord({ invoiceId: 1, data: { id: 2 } }, 'invoice')).toMatchObject({ found: false });
		expect(findDocumentedRecord({ invoice: null, id: 2 }, 'invoice')).toMatchObject({ found: false });
	});

	it('calls a broken documented object invalid', () => {
		expect(findDocumentedRecord({ invoice: { id: 'x' } }, 'invoice')).toEqual({ invalid: '"invoice.id" is the text "x", not a positive whole number.' });
		expect(findDocumentedRecord({ invoice: 5 }, 'invoice')).toEqual({ invalid: '"invoice" is the number "5", not the documented object with an id.' });
	});
});

describe('identifiersOf', () => {
	const project = source('project').resource;

	it('copies the record number, nested references and flat reference fields (text and numbers only)', () => {
		expect(
			identifiersOf(
				{
					id: 62788980,
					projectNumber: '0006109',
					customerId: 62788973,
					customerNumber: '10001',
					customer: { id: 62788973, customerNumber: '10001', name: 'Acme' },
					offer: { id: null },
					claimNumber: { nested: true },
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
