import { createHash } from 'crypto';
import fc from 'fast-check';

import { findWebhookSource } from '../../nodes/Moment/catalog';
import { canonicalJson } from '../../nodes/Moment/changeKey';
import { buildItemJson, deliveryKeyOf } from '../../nodes/Moment/trigger/item';
import type { Delivery, TriggerSource } from '../../nodes/Moment/trigger/payload';
import { parseDelivery } from '../../nodes/Moment/trigger/payload';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

function source(value: string): TriggerSource {
	const found = findWebhookSource(value);
	if (!found) throw new Error(`no source ${value}`);
	return found;
}

function delivery(body: unknown, value = 'invoice'): Delivery {
	const result = parseDelivery(body, { source: source(value) });
	if (result.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
	return result;
}

describe('deliveryKeyOf', () => {
	it('is "<source>:<event>:<id>:" and the first 16 hex digits of the SHA-256 of the body with sorted keys', () => {
		const key = deliveryKeyOf(delivery(DOCUMENTED_INVOICE));
		const sorted = '{"event":"CREATE_NEW","invoice":{"customer":{"customerNumber":"10001","id":62788973},"id":106939080,"invoiceNumber":1,"project":{"id":62788980,"projectNumber":"1"}}}';
		expect(canonicalJson(DOCUMENTED_INVOICE)).toBe(sorted);
		expect(key).toBe(`invoice:CREATE_NEW:106939080:${createHash('sha256').update(sorted).digest('hex').slice(0, 16)}`);
	});

	it('keeps the key of the documented payload that the README shows (a changed recipe would let every stored delivery through again)', () => {
		expect(deliveryKeyOf(delivery(DOCUMENTED_INVOICE))).toBe('invoice:CREATE_NEW:106939080:95fd1a72c6cba0f0');
	});

	it('is the same for the same delivery sent again, whatever its spacing, key order or form', () => {
		const reordered = { invoice: { project: DOCUMENTED_INVOICE.invoice.project, customer: DOCUMENTED_INVOICE.invoice.customer, invoiceNumber: 1, id: 106939080 }, event: 'CREATE_NEW' };
		const keys = [
			DOCUMENTED_INVOICE,
			JSON.stringify(DOCUMENTED_INVOICE, null, 2),
			Buffer.from(JSON.stringify(DOCUMENTED_INVOICE)),
			reordered,
		].map((body) => deliveryKeyOf(delivery(body)));
		expect(new Set(keys).size).toBe(1);
	});

	it('does not depend on the time of arrival: two items of the same delivery carry the same key', () => {
		const first = buildItemJson(delivery(DOCUMENTED_INVOICE), new Date('2026-11-23T10:00:00Z'));
		const second = buildItemJson(delivery(DOCUMENTED_INVOICE), new Date('2026-11-23T10:05:00Z'));
		expect(first.receivedAt).not.toBe(second.receivedAt);
		expect(first.deliveryKey).toBe(second.deliveryKey);
	});

	it('differs when anything in the body differs, and between the two offer sources', () => {
		const base = deliveryKeyOf(delivery(DOCUMENTED_INVOICE));
		expect(deliveryKeyOf(delivery({ ...DOCUMENTED_INVOICE, sentAt: '2026-11-23T10:00:00Z' }))).not.toBe(base);
		expect(deliveryKeyOf(delivery({ ...DOCUMENTED_INVOICE, invoice: { ...DOCUMENTED_INVOICE.invoice, invoiceNumber: 2 } }))).not.toBe(base);
		const offer = { event: 'ACCEPTED', offer: { id: 5 } };
		expect(deliveryKeyOf(delivery(offer, 'offer'))).not.toBe(deliveryKeyOf(delivery(offer, 'offerDecision')));
	});

	it('leaves event and id empty when the delivery has none', () => {
		expect(deliveryKeyOf(delivery({ note: 'x' }, 'claim'))).toMatch(/^claim:::[0-9a-f]{16}$/);
	});

	it('gives different keys to 3,000 generated different bodies, and equal keys to each body re-encoded', () => {
		const seen = new Map<string, string>();
		fc.assert(
			fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), fc.integer({ min: 1, max: 10 ** 9 }), (extra, id) => {
				const body = { ...extra, event: 'UPDATE', claim: { id } };
				const key = deliveryKeyOf(delivery(body, 'claim'));
				expect(deliveryKeyOf(delivery(Buffer.from(JSON.stringify(body, null, 1)), 'claim'))).toBe(key);
				const canonical = canonicalJson(JSON.parse(JSON.stringify(body)));
				const before = seen.get(key);
				if (before !== undefined) expect(before).toBe(canonical);
				seen.set(key, canonical);
			}),
			{ numRuns: 3000 },
		);
		expect(seen.size).toBeGreaterThan(2500);
	});
});
