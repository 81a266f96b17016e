import { RECORD_ID_PATTERN, RESOURCES, parseRecordId } from '../../nodes/Moment/catalog';

describe('the one record ID rule (catalog/recordId.ts)', () => {
	it.each([
		[106939080, '106939080'],
		['106939080', '106939080'],
		[' 42 ', '42'],
		['1', '1'],
		['9223372036854775807', '9223372036854775807'],
		[Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)],
	])('accepts %j as %j', (raw, id) => {
		expect(parseRecordId(raw)).toBe(id);
	});

	it.each([
		'', ' ', '0', '000', '0042', '-1', '1.5', 1.5, 0, -3, '１２３', 'abc', '1 2', '../1', '1/2', '1?x', '1#x', '%2F', '..',
		'12345678901234567890', 2 ** 60, Number.NaN, null, undefined, true, {}, [1],
	])('refuses %j', (raw) => {
		expect(parseRecordId(raw)).toBeUndefined();
	});

	it('is the same rule as the editor\'s By ID check (RECORD_ID_PATTERN)', () => {
		const pattern = new RegExp(RECORD_ID_PATTERN);
		for (const text of ['1', '106939080', '0', '0042', '1e3', '12345678901234567890', '1234567890123456789', ' 7']) {
			expect(pattern.test(text)).toBe(parseRecordId(text) === text);
		}
	});
});

describe('catalog', () => {
	it('has entity paths that stay inside one URL segment (the transport does not check them again)', () => {
		for (const resource of RESOURCES) expect(resource.apiPath).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
	});

	it('names each resource, operation and list filter once', () => {
		expect(new Set(RESOURCES.map((r) => r.value)).size).toBe(RESOURCES.length);
		for (const resource of RESOURCES) {
			expect(new Set(resource.operations).size).toBe(resource.operations.length);
			expect(new Set(resource.listFilters.map((f) => f.name)).size).toBe(resource.listFilters.length);
			if (resource.requiredOnCreate.length > 0) expect(resource.operations).toContain('create');
		}
	});
});
