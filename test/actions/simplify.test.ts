import { simplifyRecord } from '../../nodes/Moment/actions/operations';
import { findResource } from '../../nodes/Moment/catalog';

describe('simplifyRecord', () => {
	const invoice = findResource('invoice')!;

	it('keeps catalog fields even when they are objects, and adds plain fields up to 10', () => {
		const record = {
			lines: [{ amount: 1 }],
			customer: { id: 1, customerNumber: '10001' },
			id: 9,
			invoiceNumber: 3,
			a: 1,
			b: 'x',
			c: null,
		};
		expect(simplifyRecord(record, invoice)).toEqual({
			id: 9,
			invoiceNumber: 3,
			customer: { id: 1, customerNumber: '10001' },
			a: 1,
			b: 'x',
		});
	});

	it('returns at most 10 fields however large the record', () => {
		const record = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i]));
		expect(Object.keys(simplifyRecord({ id: 1, ...record }, invoice))).toHaveLength(10);
	});
});
