/**
 * The simulator's Moment API over real HTTP: list envelope and paging (through the package's own
 * transport), auth, 404s, filters, sorting and seeded data.
 */
import { momentApiRequest, momentApiRequestAllItems } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import type { ErrorBody, ListBody } from './httpClient';
import { basicAuth, call, credentialsFor } from './httpClient';
import type { Simulator } from './index';
import { startSimulator } from './index';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ counts: { invoices: 10000 }, rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.clearLog();
	resetRateLimits();
});

function transportContext() {
	return createExecuteContext({ parameters: {}, credentials: credentialsFor(sim) }).ctx;
}


describe('lists and paging', () => {
	it('serves 10,000 invoices to Return All in exactly 20 pages of 500, with no gaps or duplicates', async () => {
		const records = await momentApiRequestAllItems.call(transportContext(), { resource: invoiceResource });

		expect(records).toHaveLength(10000);
		// JSON comparison: jest's deep equality is slow on 10,000 records.
		expect(JSON.stringify(records)).toBe(JSON.stringify(sim.data('invoices', { include: 'base' })));
		expect(new Set(records.map((record) => record.id)).size).toBe(10000);
		const requests = sim.log();
		expect(requests).toHaveLength(20);
		expect(requests.every((entry) => entry.status === 200 && entry.query.size === '500')).toBe(true);
		expect(requests.map((entry) => Number(entry.query.page)).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
	});

	it('answers with the {content, page} envelope: 0-based pages, default size 20, a short last page, empty pages past the end', async () => {
		const first = await call<ListBody>(sim, 'GET', '/invoices');
		expect(first.status).toBe(200);
		expect(first.body.page).toEqual({ number: 0, size: 20, totalElements: 10000, totalPages: 500 });
		expect(first.body.content.map((record) => record.id)).toEqual(sim.data('invoices', { limit: 20 }).map((r) => r.id));

		const customers = sim.data('customers');
		const last = await call<ListBody>(sim, 'GET', '/customers?page=2&size=10');
		expect(last.body.content.map((record) => record.id)).toEqual(customers.slice(20).map((r) => r.id));
		expect(last.body.page).toEqual({ number: 2, size: 10, totalElements: customers.length, totalPages: 3 });
		const past = await call<ListBody>(sim, 'GET', '/customers?page=3&size=10');
		expect(past.body.content).toEqual([]);
		expect(past.body.page.totalElements).toBe(customers.length);
	});

	it('cuts sizes above the maximum (500) and treats bad page/size values like Spring does', async () => {
		expect((await call<ListBody>(sim, 'GET', '/invoices?size=100000')).body.page.size).toBe(500);
		const bad = await call<ListBody>(sim, 'GET', '/invoices?page=abc&size=-3');
		expect(bad.body.page).toMatchObject({ number: 0, size: 20 });
		sim.settings({ maxPageSize: 50 });
		try {
			expect((await call<ListBody>(sim, 'GET', '/invoices?size=500')).body.page.size).toBe(50);
		} finally {
			sim.settings({ maxPageSize: 500 });
		}
	});

	it('filters by free text, dates and known fields, ignores unknown parameters, and sorts', async () => {
		const projects = sim.data('projects');
		const target = projects[7];
		const byText = await call<ListBody>(sim, 'GET', `/projects?size=500&query=${encodeURIComponent(String(target.name).toUpperCase())}`);
		expect(byText.body.content.map((r) => r.id)).toContain(target.id);
		expect(byText.body.content.every((r) => String(r.name).toLowerCase().includes(String(target.name).toLowerCase()))).toBe(true);

		const from = '2024-01-01T00:00:00Z';
		const to = '2024-03-31';
		const expected = sim
			.data('invoices')
			.filter((r) => String(r.lastModifiedDate) >= from && String(r.lastModifiedDate) <= '2024-03-31T23:59:59.999Z');
		const byDate = await call<ListBody>(sim, 'GET', `/invoices?size=500&lastModifiedDateFrom=${from}&lastModifiedDateTo=${to}`);
		expect(expected.length).toBeGreaterThan(100);
		expect(byDate.body.page.totalElements).toBe(expected.length);

		const byCustomer = await call<ListBody>(sim, 'GET', `/projects?size=500&customerId=${String(target.customerId)}`);
		expect(byCustomer.body.content.every((r) => r.customerId === target.customerId)).toBe(true);

		const ignored = await call<ListBody>(sim, 'GET', '/invoices?noLimit=true&fromDate=2099-01-01&userAccountId=1');
		expect(ignored.body.page.totalElements).toBe(10000);

		const sorted = await call<ListBody>(sim, 'GET', '/invoices?sort=invoiceNumber,desc&size=3');
		expect(sorted.body.content.map((r) => r.invoiceNumber)).toEqual([10000, 9999, 9998]);
		const unknownSort = await call<ErrorBody>(sim, 'GET', '/invoices?sort=colour,asc');
		expect(unknownSort.status).toBe(400);
		expect(unknownSort.body.message).toContain('colour');
	});
});

describe('authentication and addressing', () => {
	it('answers 401 with a JSON body for a missing key, a wrong key, or a user other than "apikey"', async () => {
		for (const options of [{ key: null }, { key: 'not-the-key' }, { user: 'admin' }, { user: 'APIKEY' }]) {
			const reply = await call<ErrorBody>(sim, 'GET', '/invoices', options);
			expect(reply.status).toBe(401);
			expect(reply.body).toMatchObject({ status: 401, error: 'Unauthorized' });
			expect(reply.headers['www-authenticate']).toContain('Basic');
			expect(reply.text).not.toContain(sim.apiKey);
		}
		expect((await call(sim, 'GET', '/invoices?size=1', { key: sim.apiKeys[1] })).status).toBe(200);
	});

	it('answers 404 for an unknown company, entity or id, and 400 for a malformed id or a crafted path', async () => {
		const company = await call<ErrorBody>(sim, 'GET', '/api/1.0/companies/globex/invoices');
		expect(company.status).toBe(404);
		expect(company.body.message).toContain("Company 'globex' not found");
		expect((await call<ErrorBody>(sim, 'GET', '/allocations')).status).toBe(404);
		const missing = await call<ErrorBody>(sim, 'GET', '/invoices/99');
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ status: 404, message: `Invoice 99 not found in company '${sim.companyCode}'` });
		expect((await call<ErrorBody>(sim, 'GET', '/invoices/abc')).status).toBe(400);
		expect((await call<ErrorBody>(sim, 'GET', '/invoices/1%2F..%2F..%2Fcustomers')).status).toBe(400);
		expect((await call<ErrorBody>(sim, 'GET', '/invoices/')).status).toBe(404);
		expect((await call<ErrorBody>(sim, 'GET', '/api/2.0/companies/acme/invoices')).status).toBe(404);
	});

	it('limits a key to its companies (403) and serves several companies from one simulator', async () => {
		const multi = await startSimulator({
			companies: [
				{ code: 'acme', apiKeys: ['acme-only-key-1'] },
				{ code: 'globex', apiKeys: ['globex-key-1', 'acme-only-key-1'], counts: { invoices: 3 } },
				{ code: 'initech', apiKeys: ['initech-key-1'] },
			],
		});
		try {
			expect((await call(multi, 'GET', '/api/1.0/companies/globex/invoices', { key: 'acme-only-key-1' })).status).toBe(200);
			const denied = await call<ErrorBody>(multi, 'GET', '/api/1.0/companies/initech/invoices', { key: 'globex-key-1' });
			expect(denied.status).toBe(403);
			expect(multi.counts().globex.invoices).toBe(3);
			expect(multi.data('customers', { companyCode: 'globex' })).not.toEqual(multi.data('customers'));
		} finally {
			await multi.close();
		}
	});

	it('is compatible with the transport: a 404 becomes a NodeApiError saying the record was not found', async () => {
		const error = await failureOf(
			momentApiRequest.call(transportContext(), { method: 'GET', resource: invoiceResource, id: 12345678 }),
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/Invoice 12345678/);
	});
});

describe('seeded data', () => {
	it('generates 10,000 invoices fast, deterministically, with realistic ids, numbers and links', async () => {
		// CPU time of the generation: wall time depends on what else the machine runs
		expect(sim.seedCpuMs).toBeGreaterThan(0);
		expect(sim.seedCpuMs).toBeLessThan(1000);
		const again = await startSimulator({ counts: { invoices: 10000 } });
		const other = await startSimulator({ seed: 2, counts: { invoices: 10 } });
		try {
			expect(JSON.stringify(again.data('invoices'))).toBe(JSON.stringify(sim.data('invoices')));
			expect(other.data('customers').map((r) => r.name)).not.toEqual(sim.data('customers').map((r) => r.name));
		} finally {
			await Promise.all([again.close(), other.close()]);
		}
		const customers = new Map(sim.data('customers').map((r) => [r.id, r]));
		const projects = new Map(sim.data('projects').map((r) => [r.id, r]));
		const invoices = sim.data('invoices');
		expect(invoices[0]).toMatchObject({ id: 106939080, invoiceNumber: 1 });
		for (const invoice of invoices.slice(0, 500)) {
			expect(String(invoice.id)).toMatch(/^\d{8,9}$/);
			expect(typeof invoice.invoiceNumber).toBe('number');
			const link = invoice.customer as { id: number; customerNumber: string };
			expect(customers.get(link.id)?.customerNumber).toBe(link.customerNumber);
			expect(typeof link.customerNumber).toBe('string');
			const project = invoice.project as { id: number; projectNumber: string };
			expect(projects.get(project.id)?.projectNumber).toBe(project.projectNumber);
			expect(projects.get(project.id)?.customerId).toBe(link.id);
			expect(Date.parse(String(invoice.lastModifiedDate))).toBeGreaterThanOrEqual(Date.parse(String(invoice.createdDate)));
		}
		expect(sim.data('projects')[0]).toMatchObject({ projectNumber: '1', projectState: 'inProgress' });
	});

	it('never puts the API key in a response, even in an error', async () => {
		const replies = await Promise.all([
			call(sim, 'GET', '/invoices?size=1'),
			call(sim, 'GET', '/invoices/1'),
			call(sim, 'GET', '/invoices', { user: 'someone' }),
		]);
		for (const reply of replies) {
			expect(reply.text).not.toContain(sim.apiKey);
			expect(reply.text).not.toContain(basicAuth(sim.apiKey).slice(6));
		}
	});
});
