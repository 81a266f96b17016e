/**
 * The simulator's API profiles over real HTTP: each changes exactly what its description says,
 * and they are chosen at start or through the control API; an unknown one is refused.
 */
import type { ErrorBody, ListBody } from './httpClient';
import { call } from './httpClient';
import type { Simulator } from './index';
import { PROFILE_NAMES, PROFILES, startSimulator } from './index';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, counts: { customers: 7 } });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.settings({ profile: 'default' });
	sim.reset({ counts: { customers: 7 } });
});

const customerIds = () => sim.data('customers').map((record) => record.id);

describe('API profiles', () => {
	it('default: the {content, page} envelope, 0-based pages', async () => {
		const reply = await call<ListBody>(sim, 'GET', '/customers?page=1&size=3');
		expect(reply.body.page).toEqual({ number: 1, size: 3, totalElements: 7, totalPages: 3 });
		expect(reply.body.content.map((record) => record.id)).toEqual(customerIds().slice(3, 6));
	});

	it('oneBasedPages: page=1 and page=0 both give the first page, page.number 0-based', async () => {
		sim.settings({ profile: 'oneBasedPages' });
		for (const page of [0, 1]) {
			const reply = await call<ListBody>(sim, 'GET', `/customers?page=${page}&size=3`);
			expect([page, reply.body.page.number, reply.body.content.map((record) => record.id)]).toEqual([page, 0, customerIds().slice(0, 3)]);
		}
		expect((await call<ListBody>(sim, 'GET', '/customers?page=2&size=3')).body.content.map((record) => record.id)).toEqual(customerIds().slice(3, 6));
	});

	it("classicPage: Spring's classic page JSON, the numbers at the top level", async () => {
		sim.settings({ profile: 'classicPage' });
		const { body } = await call<Record<string, unknown>>(sim, 'GET', '/customers?page=2&size=3');
		expect(body).toMatchObject({ totalElements: 7, totalPages: 3, number: 2, size: 3, first: false, last: true, numberOfElements: 1, empty: false, pageable: { pageNumber: 2, pageSize: 3, offset: 6 } });
		expect(body.page).toBeUndefined();
	});

	it('bareArray: the records alone', async () => {
		sim.settings({ profile: 'bareArray' });
		const { body } = await call<Array<{ id: number }>>(sim, 'GET', '/customers?page=0&size=5');
		expect(body.map((record) => record.id)).toEqual(customerIds().slice(0, 5));
	});

	it('pageSize200: sizes above 200 are cut to 200', async () => {
		sim.settings({ profile: 'pageSize200' });
		expect((await call<ListBody>(sim, 'GET', '/invoices?size=500')).body.page).toMatchObject({ size: 200 });
		expect((await call<ListBody>(sim, 'GET', '/invoices?size=500')).body.content).toHaveLength(120);
	});

	it('includeRefused: invoices answer 400 to any include; others still take it', async () => {
		sim.settings({ profile: 'includeRefused' });
		expect((await call<ErrorBody>(sim, 'GET', '/invoices/include/base')).status).toBe(400);
		expect((await call<ErrorBody>(sim, 'GET', '/customers/include/base')).status).toBe(200);
	});

	it('timeRecordDatesHonoured: fromDate/toDate narrow time records to those days', async () => {
		const day = String(sim.data('timeRecords')[0].timeRecordDate);
		const path = `/timeRecords?fromDate=${day}&toDate=${day}&size=500`;
		const all = sim.data('timeRecords').length;
		expect((await call<ListBody>(sim, 'GET', path)).body.page.totalElements).toBe(all);
		sim.settings({ profile: 'timeRecordDatesHonoured' });
		const { body } = await call<ListBody>(sim, 'GET', path);
		expect(body.content.every((record) => record.timeRecordDate === day)).toBe(true);
		expect(body.page.totalElements).toBe(sim.data('timeRecords').filter((record) => record.timeRecordDate === day).length);
	});

	it('dateFiltersIgnored and sortIgnored: the whole list, in ID order', async () => {
		sim.settings({ profile: 'dateFiltersIgnored' });
		expect((await call<ListBody>(sim, 'GET', '/customers?createdDateFrom=2999-01-01&lastModifiedDateFrom=2999-01-01')).body.page.totalElements).toBe(7);
		sim.settings({ profile: 'sortIgnored' });
		expect((await call<ListBody>(sim, 'GET', '/customers?sort=id,desc')).body.content.map((record) => record.id)).toEqual(customerIds());
	});

	it('textIds: every id as text, in lists and records, while the path takes the number', async () => {
		sim.settings({ profile: 'textIds' });
		const [first] = (await call<ListBody>(sim, 'GET', '/projects?size=1')).body.content;
		expect(typeof first.id).toBe('string');
		expect(typeof first.customerId).toBe('string');
		expect(typeof (first.customer as { id: unknown }).id).toBe('string');
		expect((await call(sim, 'GET', `/projects/${String(first.id)}`)).body).toEqual(first);
	});

	it('noChangeStamp: no version and no lastModifiedDate, createdDate stays', async () => {
		sim.settings({ profile: 'noChangeStamp' });
		const [first] = (await call<ListBody>(sim, 'GET', '/offers?size=1')).body.content;
		expect(first).not.toHaveProperty('version');
		expect(first).not.toHaveProperty('lastModifiedDate');
		expect(first).toHaveProperty('createdDate');
	});

	it('every profile has a description; an unknown one is refused, naming the known ones', async () => {
		expect(PROFILE_NAMES.every((name) => PROFILES[name].description.length > 20)).toBe(true);
		expect(() => sim.settings({ profile: 'nope' as never })).toThrow(/Unknown API profile "nope"; use one of default, oneBasedPages/);
		await expect(startSimulator({ profile: 'nope' as never })).rejects.toThrow(/Unknown API profile/);
	});

	it('is set through the control API, kept by /__sim/reset, and shown in /__sim/health', async () => {
		const set = await call<{ profile: string }>(sim, 'POST', '/__sim/settings', { body: { profile: 'bareArray' } });
		expect(set.body.profile).toBe('bareArray');
		await call(sim, 'POST', '/__sim/reset');
		expect((await call<{ settings: { profile: string } }>(sim, 'GET', '/__sim/health')).body.settings.profile).toBe('bareArray');
		expect(Array.isArray((await call(sim, 'GET', '/customers')).body)).toBe(true);
	});
});
