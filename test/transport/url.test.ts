import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/Moment/catalog';
import { momentApiRequest, parseInclude } from '../../nodes/Moment/transport';
import { buildMomentUrl, normalizeBaseUrl, readConnection, RefusedPathError, validateCompanyCode } from '../../nodes/Moment/transport/url';
import { createExecuteContext } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { timeRecord as timeRecordResource } from '../../nodes/Moment/resources/timeRecord/timeRecord.facts';

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

	it('takes every entity path of the catalog, and an ID as text beyond 2^53 (19 digits)', () => {
		for (const { apiPath } of RESOURCES) expect(buildMomentUrl(connection, { entity: apiPath, id: 5 })).toBe(`https://app.moment.team/api/1.0/companies/acme/${apiPath}/5`);
		expect(buildMomentUrl(connection, { entity: 'invoices', id: '9223372036854775807' })).toBe('https://app.moment.team/api/1.0/companies/acme/invoices/9223372036854775807');
		expect(buildMomentUrl(connection, { entity: 'invoices', id: ' 42 ' })).toBe('https://app.moment.team/api/1.0/companies/acme/invoices/42');
	});

	// whatever the caller: an ID from Moment's own answers, Other Fields (JSON) or a forgotten check
	const BAD_IDS: unknown[] = ['../x', '1/2', 'abc', 0, -1, 1e30, 2 ** 53 + 2, 1.5, '007', '', ' ', '0', '1?x=1', '1#x', '%2e%2e', '1%2F2', '12345678901234567890', NaN, Infinity, null, true, { id: 1 }, [1], '١٢', '1\u00002'];
	it.each(BAD_IDS)('refuses the ID %p, naming the value and where it came from', (id) => {
		const build = () => buildMomentUrl(connection, { entity: 'invoices', id: id as string, idFrom: 'the invoices Moment listed' });
		expect(build).toThrow(RefusedPathError);
		expect(build).toThrow(/^The request was not sent: the ID .+ \(from the invoices Moment listed\) is not a Moment ID \(a positive whole number of at most 19 digits/);
	});

	it.each(['invoices/../x', '../invoices', 'invoice', 'Invoices', '', 'invoices?x=1', 'constructor', '__proto__'])('refuses the entity path %p', (entity) => {
		expect(() => buildMomentUrl(connection, { entity })).toThrow(/^The request was not sent: the entity path .* is not one of the catalog's entity paths/);
	});

	it.each(['base/../x', '../', '', 'a b', 'a?b', '%2e'])('refuses the include item %p', (item) => {
		expect(() => buildMomentUrl(connection, { entity: 'invoices', include: ['base', item] })).toThrow(/^The request was not sent: the include item .* is not a Moment field or part name/);
	});

	it.each(['../acme', 'ac/me', '', '%2F'])('refuses the company code %p of an unchecked connection', (companyCode) => {
		expect(() => buildMomentUrl({ baseUrl: 'https://app.moment.team', companyCode }, { entity: 'invoices' })).toThrow(/^The request was not sent: the company code .* \(from the credential\)/);
	});
});

describe('a refused path segment, through the transport', () => {
	useMomentNock();

	it('is a NodeOperationError with the item index, and no request is sent', async () => {
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: timeRecordResource, id: '../../userAccounts/1', idFrom: "time record 5's userAccountId", itemIndex: 2 }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The request was not sent: the ID "../../userAccounts/1" (from time record 5\'s userAccountId) is not a Moment ID (a positive whole number of at most 19 digits, e.g. 106939080), so it cannot go into a Moment URL');
		expect(error.description).toContain('Nothing was sent to Moment.');
		expect(error.context.itemIndex).toBe(2);
		expect(sent).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
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
				/Company Code .* is not valid\. It is the word after app\.moment\.team\//,
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
