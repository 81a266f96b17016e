/**
 * Noticing changes and the change key, without n8n: stamps (detected or named) versus a hash of
 * the record, the comparison with the remembered fingerprints, and a change key that does not
 * depend on which node saw the record or in which field order Moment sent it.
 */
import type { IDataObject } from 'n8n-workflow';

import { findResource } from '../../nodes/Moment/catalog';
import { canonicalJson, changeKeyOf, changeStampOf, deletedChangeKey } from '../../nodes/Moment/changeKey';
import { compareWithState, detectStampField, fingerprintOf, isIdKey, recordKeyOf } from '../../nodes/Moment/poll/changeDetection';

const invoice = findResource('invoice')!;
const CANDIDATES = ['version', 'lastModifiedDate', 'updatedAt'];

const record = (id: number, extra: IDataObject = {}): IDataObject => ({ id, invoiceNumber: id - 100, version: 1, lastModifiedDate: '2025-01-01T10:00:00Z', ...extra });

describe('change stamp detection', () => {
	it('takes the first candidate that every record carries', () => {
		expect(detectStampField([record(1), record(2)], CANDIDATES)).toBe('version');
		expect(detectStampField([record(1), record(2, { version: null })], CANDIDATES)).toBe('lastModifiedDate');
		expect(detectStampField([{ id: 1, updatedAt: 5 }, { id: 2, updatedAt: '  ' }], CANDIDATES)).toBeNull();
		expect(detectStampField([], CANDIDATES)).toBeNull();
	});

	it('fingerprints by the stamp alone, or by the whole record in any field order', () => {
		const a = record(1, { description: 'A' });
		expect(fingerprintOf(a, 'version')).toBe(fingerprintOf({ ...a, description: 'B' }, 'version'));
		expect(fingerprintOf(a, 'version')).not.toBe(fingerprintOf({ ...a, version: 2 }, 'version'));
		expect(fingerprintOf(a, null)).not.toBe(fingerprintOf({ ...a, description: 'B' }, null));
		const reordered = Object.fromEntries(Object.entries(a).reverse());
		expect(fingerprintOf(reordered, null)).toBe(fingerprintOf(a, null));
		// a record without the stamp is fingerprinted by content, never dropped
		expect(fingerprintOf({ id: 3, name: 'x' }, 'version')).toBe(fingerprintOf({ id: 3, name: 'x' }, null));
		expect(fingerprintOf(a, null)).toMatch(/^[A-Za-z0-9_-]{6}$/);
	});
});

describe('comparison with the remembered fingerprints', () => {
	const remembered = new Map([
		['1', fingerprintOf(record(1), 'version')],
		['2', fingerprintOf(record(2), 'version')],
		['3', fingerprintOf(record(3), 'version')],
		['4', fingerprintOf(record(4), 'version')],
	]);

	it('finds new and changed records in list order, and the missing ones of a complete read', () => {
		const read = [record(5), record(2, { version: 2 }), record(1)];
		const result = compareWithState(read, remembered, 'version', true, new Set(['4']));
		expect(result.seen.map((change) => [change.event, change.key])).toEqual([
			['new', '5'],
			['changed', '2'],
		]);
		expect(result.missing).toEqual(['3']); // 4 is known to be unlisted
		expect(result.relisted).toEqual([]);
		expect(result.current.size).toBe(3);
	});

	it('reports nothing missing from a partial read, and unlisted records listed again', () => {
		const result = compareWithState([record(4)], remembered, 'version', false, new Set(['4']));
		expect(result).toMatchObject({ seen: [], missing: [], relisted: ['4'] });
	});

	it('files records by ID (number or text), or by content when they have none that is a Moment ID', () => {
		expect(recordKeyOf({ id: 106939080 })).toBe('106939080');
		expect(recordKeyOf({ id: ' 106939080 ' })).toBe('106939080');
		expect(recordKeyOf({ id: '9007199254740993' })).toBe('9007199254740993');
		for (const id of [' A-7 ', '../x', '1/2', 0, -1, 1e30, 2 ** 53 + 2, '007', 1.5, null]) {
			expect(recordKeyOf({ id, name: 'x' })).toMatch(/^content:[A-Za-z0-9_-]{6}$/);
			expect(isIdKey(recordKeyOf({ id, name: 'x' }))).toBe(false);
		}
		expect(isIdKey('106939080')).toBe(true);
		const keyless = recordKeyOf({ name: 'no id' });
		expect(keyless).toMatch(/^content:[A-Za-z0-9_-]{6}$/);
		expect(recordKeyOf({ name: 'no id' })).toBe(keyless);
		const twice = compareWithState([{ name: 'no id' }, { name: 'no id' }], new Map(), null, true);
		expect(twice.seen).toHaveLength(1);
	});
});

describe('change key', () => {
	it('is resource:id:stamp from the first change stamp the record carries', () => {
		expect(changeKeyOf(invoice, 106939080, record(106939080, { version: 3 }))).toBe('invoice:106939080:version=3');
		expect(changeKeyOf(invoice, 7, { id: 7, lastModifiedDate: '2025-02-01T00:00:00Z' })).toBe('invoice:7:lastModifiedDate=2025-02-01T00:00:00Z');
		expect(changeStampOf(invoice, { id: 7, version: 0 })).toEqual({ field: 'version', value: '0' });
		expect(deletedChangeKey(invoice, 7)).toBe('invoice:7:deleted');
	});

	it('falls back to a hash of the content, equal for the same record in another field order', () => {
		const a = { id: 9, name: 'Acme', nested: { b: 1, a: [2, { y: 1, x: null }] } };
		const b = { nested: { a: [2, { x: null, y: 1 }], b: 1 }, name: 'Acme', id: 9 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
		expect(changeKeyOf(invoice, 9, a)).toMatch(/^invoice:9:hash=[0-9a-f]{32}$/);
		expect(changeKeyOf(invoice, 9, a)).toBe(changeKeyOf(invoice, 9, b));
		expect(changeKeyOf(invoice, 9, a)).not.toBe(changeKeyOf(invoice, 9, { ...a, name: 'Acme AS' }));
	});
});
