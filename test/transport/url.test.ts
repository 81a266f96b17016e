import { buildMomentUrl, parseInclude, validateRecordId } from '../../nodes/Moment/transport';
import { normalizeBaseUrl, validateCompanyCode } from '../../nodes/Moment/transport/url';

const creds = { apiKey: 'k', companyCode: 'acme', baseUrl: 'https://app.moment.team' };

describe('buildMomentUrl', () => {
	it('builds the documented path for a list, a record and an include', () => {
		expect(buildMomentUrl(creds, { entity: 'invoices' })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/invoices',
		);
		expect(buildMomentUrl(creds, { entity: 'invoices', id: 106939080 })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/invoices/106939080',
		);
		expect(buildMomentUrl(creds, { entity: 'userAccounts', include: ['base', 'email'] })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/userAccounts/include/base+email',
		);
		expect(buildMomentUrl(creds, { entity: 'projects', id: '7', include: ['base'] })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/projects/7/include/base',
		);
	});

	it('tolerates trailing slashes and spaces in the base URL and company code', () => {
		expect(buildMomentUrl({ ...creds, baseUrl: ' http://127.0.0.1:8080// ', companyCode: ' acme ' }, { entity: 'customers' })).toBe(
			'http://127.0.0.1:8080/api/1.0/companies/acme/customers',
		);
		expect(normalizeBaseUrl('https://sandbox.example.com/moment/')).toBe('https://sandbox.example.com/moment');
	});

	it.each(['', ' ', '../acme', 'acme/..', 'ac/me', 'acme?x=1', 'acme#x', '%2F', 'acme%2Fother', '..', '.', 'æøå', 'acme corp', 'a\u0000b'])(
		'rejects company code %j with a message that says where to find it',
		(code) => {
			expect(() => buildMomentUrl({ ...creds, companyCode: code }, { entity: 'invoices' })).toThrow(
				/Company Code .* is not valid\. It is the single word after app\.moment\.team\//,
			);
		},
	);

	it.each(['', '../1', '1/2', '1?x', '1#x', '%2F', '1%2F2', '..', '-1', '1.5', '１２３', 'abc', ' ', '12345678901234567890', '0', '000', '0042'])(
		'rejects record id %j',
		(id) => {
			expect(() => buildMomentUrl(creds, { entity: 'invoices', id })).toThrow(/ID .* is not valid\. Moment IDs are positive whole numbers/);
		},
	);

	it.each(['ftp://x', 'app.moment.team', 'https://app.moment.team?x=1', 'https://u:p@app.moment.team', 'https://app.moment.team/#x', ''])(
		'rejects base URL %j',
		(baseUrl) => {
			expect(() => buildMomentUrl({ ...creds, baseUrl }, { entity: 'invoices' })).toThrow(/Base URL/);
		},
	);

	it('never lets a crafted value reach another path', () => {
		const crafted = ['../../other/invoices', '%2e%2e', 'acme/../../x', '?include=all', '#'];
		for (const value of crafted) {
			for (const build of [
				() => buildMomentUrl({ ...creds, companyCode: value }, { entity: 'invoices' }),
				() => buildMomentUrl(creds, { entity: 'invoices', id: value }),
				() => buildMomentUrl(creds, { entity: 'invoices', include: [value] }),
			]) {
				expect(build).toThrow();
			}
		}
	});
});

describe('parseInclude', () => {
	it('accepts Moment include syntax in the forms users type', () => {
		expect(parseInclude('base+email')).toEqual(['base', 'email']);
		expect(parseInclude('base, customer.name')).toEqual(['base', 'customer.name']);
		expect(parseInclude(['base', ' email '])).toEqual(['base', 'email']);
		expect(parseInclude('')).toEqual([]);
		expect(parseInclude(undefined)).toEqual([]);
	});

	it.each(['base/../x', 'a?b', 'a#b', '../', 'a%2Fb', '.name', 'name.'])('rejects include item %j', (item) => {
		expect(() => parseInclude(item)).toThrow(/Include item .* is not valid/);
	});
});

describe('validators', () => {
	it('accepts numeric ids as numbers or strings and names the record in the message', () => {
		expect(validateRecordId(106939080)).toBe('106939080');
		expect(validateRecordId(' 42 ')).toBe('42');
		expect(() => validateRecordId('x', 'Invoice')).toThrow(/^Invoice ID "x" is not valid/);
	});

	it('accepts realistic company codes', () => {
		for (const code of ['acme', 'coretrek', 'cloudware', 'demo', 'acme-as', 'acme_2', 'ACME']) {
			expect(validateCompanyCode(code)).toBe(code);
		}
	});
});
