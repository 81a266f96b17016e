import { buildMomentUrl, parseInclude, readConnection } from '../../nodes/Moment/transport';
import { normalizeBaseUrl, validateCompanyCode } from '../../nodes/Moment/transport/url';

const creds = { apiKey: 'k', companyCode: 'acme', baseUrl: 'https://app.moment.team' };
const connection = readConnection(creds);

describe('buildMomentUrl', () => {
	it('builds the documented path for a list, a record and an include', () => {
		expect(buildMomentUrl(connection, { entity: 'invoices' })).toBe('https://app.moment.team/api/1.0/companies/acme/invoices');
		expect(buildMomentUrl(connection, { entity: 'invoices', id: 106939080 })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/invoices/106939080',
		);
		expect(buildMomentUrl(connection, { entity: 'userAccounts', include: ['base', 'email'] })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/userAccounts/include/base+email',
		);
		expect(buildMomentUrl(connection, { entity: 'projects', id: '7', include: ['base'] })).toBe(
			'https://app.moment.team/api/1.0/companies/acme/projects/7/include/base',
		);
	});
});

describe('readConnection: the credential, checked once per request', () => {
	it('tolerates trailing slashes and spaces in the base URL and company code', () => {
		expect(readConnection({ ...creds, baseUrl: ' http://127.0.0.1:8080// ', companyCode: ' acme ' })).toEqual({
			baseUrl: 'http://127.0.0.1:8080',
			companyCode: 'acme',
		});
		expect(normalizeBaseUrl('https://sandbox.example.com/moment/')).toBe('https://sandbox.example.com/moment');
	});

	it.each(['', ' ', '../acme', 'acme/..', 'ac/me', 'acme?x=1', 'acme#x', '%2F', 'acme%2Fother', '..', '.', 'æøå', 'acme corp', 'a\u0000b', '../../other/invoices', '%2e%2e'])(
		'rejects company code %j with a message that says where to find it',
		(code) => {
			expect(() => readConnection({ ...creds, companyCode: code })).toThrow(
				/Company Code .* is not valid\. It is the single word after app\.moment\.team\//,
			);
		},
	);

	it.each(['ftp://x', 'app.moment.team', 'https://app.moment.team?x=1', 'https://u:p@app.moment.team', 'https://app.moment.team/#x', ''])(
		'rejects base URL %j',
		(baseUrl) => {
			expect(() => readConnection({ ...creds, baseUrl })).toThrow(/Base URL/);
		},
	);

	it('accepts realistic company codes', () => {
		for (const code of ['acme', 'coretrek', 'cloudware', 'demo', 'acme-as', 'acme_2', 'ACME']) {
			expect(validateCompanyCode(code)).toBe(code);
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

	it.each(['base/../x', 'a?b', 'a#b', '../', 'a%2Fb', '.name', 'name.', '../../other/invoices', '%2e%2e', '?include=all', '#'])(
		'rejects include item %j',
		(item) => {
			expect(() => parseInclude(item)).toThrow(/Include item .* is not valid/);
		},
	);
});
