import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { momentApiRequestAllItems, parseListPage } from '../../nodes/Moment/transport';
import { MAX_PAGES } from '../../nodes/Moment/transport/pagination';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { BASE_URL, COMPANY, createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';

const PATH = `/api/1.0/companies/${COMPANY}/invoices`;

function invoices(from: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ id: 1000 + from + i, invoiceNumber: from + i + 1 }));
}

/** Serves `total` invoices the way Moment does: 0-based pages with a `page` object. */
function serveEnvelope(total: number, options: { totalElements?: number } = {}) {
	const asked: Array<{ page: number; size: number }> = [];
	nock(BASE_URL)
		.get(PATH)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply((uri) => {
			const query = new URL(uri, BASE_URL).searchParams;
			const page = Number(query.get('page'));
			const size = Number(query.get('size'));
			asked.push({ page, size });
			const content = invoices(page * size, Math.max(0, Math.min(size, total - page * size)));
			return [
				200,
				{
					content,
					page: {
						number: page,
						size,
						totalElements: options.totalElements ?? total,
						totalPages: Math.ceil(total / size),
					},
				},
			];
		});
	return asked;
}


const request = { resource: invoiceResource, retryPolicy: { baseDelayMs: 1, maxDelayMs: 2 } };

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => resetRateLimits());
afterEach(() => nock.cleanAll());

describe('momentApiRequestAllItems', () => {
	it('returns every record of a 3-page list once, in order, asking each 0-based page once', async () => {
		const asked = serveEnvelope(1234);
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request);
		expect(records).toHaveLength(1234);
		expect(records.map((r) => r.id)).toEqual(invoices(0, 1234).map((r) => r.id));
		expect(asked.map((a) => a.page).sort()).toEqual([0, 1, 2]);
		expect(asked.every((a) => a.size === 500)).toBe(true);
	});

	it('stops at the limit and asks only for the pages it needs', async () => {
		const asked = serveEnvelope(5000);
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request, 1200);
		expect(records.map((r) => r.invoiceNumber)).toEqual(invoices(0, 1200).map((r) => r.invoiceNumber));
		expect(asked).toHaveLength(3);
	});

	it('asks for a page the size of a small limit, once', async () => {
		const asked = serveEnvelope(5000);
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request, 50);
		expect(records).toHaveLength(50);
		expect(asked).toEqual([{ page: 0, size: 50 }]);
	});

	it('returns an empty list for an empty company without a second request', async () => {
		const asked = serveEnvelope(0);
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(momentApiRequestAllItems.call(ctx, request)).resolves.toEqual([]);
		expect(asked).toHaveLength(1);
	});

	it('reads a bare-array list until a short page', async () => {
		const asked: number[] = [];
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.times(3)
			.reply((uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page'));
				asked.push(page);
				return [200, invoices(page * 500, page < 2 ? 500 : 17)];
			});
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request);
		expect(records).toHaveLength(1017);
		expect(asked).toEqual([0, 1, 2]);
	});

	it('stops at an empty page when there is no page count', async () => {
		nock(BASE_URL).get(PATH).query({ page: 0, size: 500 }).reply(200, { content: invoices(0, 500) });
		nock(BASE_URL).get(PATH).query({ page: 1, size: 500 }).reply(200, { content: [] });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(momentApiRequestAllItems.call(ctx, request)).resolves.toHaveLength(500);
		expect(nock.isDone()).toBe(true);
	});

	it('does not repeat records when Moment ignores the page parameter', async () => {
		nock(BASE_URL).get(PATH).query(true).times(2).reply(200, invoices(0, 500));
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request);
		expect(records).toHaveLength(500);
		expect(new Set(records.map((r) => r.id)).size).toBe(500);
	});

	it('fails clearly when Moment sends another page than the one asked for', async () => {
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.times(2)
			.reply(200, { content: invoices(0, 500), page: { number: 0, size: 500, totalElements: 900, totalPages: 2 } });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, request));
		expect(error.message).toBe('Moment sent page 0 of the invoice list when page 1 was asked for');
	});

	it('never returns a silently short list: fewer records than announced is an error', async () => {
		serveEnvelope(1000, { totalElements: 1001 });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, { ...request, itemIndex: 1 }));
		expect(error.message).toBe('Moment announced 1001 invoices but sent 1000');
		expect(error.context.itemIndex).toBe(1);
	});

	it('refuses a list longer than the page cap before reading it', async () => {
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.reply(200, { content: invoices(0, 500), page: { number: 0, size: 500, totalPages: MAX_PAGES + 1 } });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, request));
		expect(sent).toHaveLength(1);
		expect(error.message).toMatch(/reads at most 2000/);
		expect(error.description).toMatch(/set a Limit/);
	});

	it('reports a response that is not a list', async () => {
		nock(BASE_URL).get(PATH).query(true).reply(200, { items: [], count: 0 });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, request));
		expect(error.message).toBe('Moment sent the invoice list in an unexpected shape');
		expect(error.description).toContain('got items, count');
	});

	it('recovers from a 429 on a middle page without repeating or skipping', async () => {
		let failed = false;
		const asked: number[] = [];
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.times(5)
			.reply((uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page'));
				asked.push(page);
				if (page === 1 && !failed) {
					failed = true;
					return [429, {}];
				}
				return [200, { content: invoices(page * 500, page < 2 ? 500 : 1), page: { number: page, size: 500, totalElements: 1001, totalPages: 3 } }];
			});
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, request);
		expect(records.map((r) => r.id)).toEqual(invoices(0, 1001).map((r) => r.id));
		expect(asked.sort()).toEqual([0, 1, 1, 2]);
	});

	it('reports a failed page only once the other reads of its batch have ended, leaving none running', async () => {
		const answered: number[] = [];
		const scope = nock(BASE_URL)
			.get(PATH)
			.query(true)
			.times(5)
			.delay(100)
			.reply((uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page'));
				if (page === 1) return [500, { message: 'boom' }];
				return [200, { content: invoices(page * 500, page < 4 ? 500 : 345), page: { number: page, size: 500, totalElements: 2345, totalPages: 5 } }];
			});
		scope.on('replied', (req: { path: string }) => answered.push(Number(new URL(req.path, BASE_URL).searchParams.get('page'))));
		const { ctx } = createExecuteContext({ parameters: {} });
		const failure = await failureOf(momentApiRequestAllItems.call(ctx, request));
		expect(failure.message).toBe('Moment answered 500 for invoices');
		// pages 2 to 4 were asked for in the same batch as page 1; each has been answered
		expect(answered.sort()).toEqual([0, 1, 2, 3, 4]);
	});
});

describe('limits are checked before they cost: against the first page\'s totals', () => {
	const bound = (max: number) => ({ max, error: (count: number) => new Error(`would take ${count}, at most ${max}`) });

	it('a caller\'s bound: a total above it fails after the first page; a total at it is read in full', async () => {
		const asked = serveEnvelope(1001);
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		await expect(momentApiRequestAllItems.call(ctx, { ...request, bound: bound(1000) })).rejects.toThrow('would take 1001, at most 1000');
		expect(sent).toHaveLength(1);
		expect(asked).toEqual([{ page: 0, size: 500 }]);
		nock.cleanAll();
		serveEnvelope(1000);
		const { ctx: again } = createExecuteContext({ parameters: {} });
		expect(await momentApiRequestAllItems.call(again, { ...request, bound: bound(1000) })).toHaveLength(1000);
	});

	it('a caller\'s bound without totals (bare arrays): fails after the first page that goes over it, reading no more', async () => {
		const asked: number[] = [];
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.times(3)
			.reply((uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page'));
				asked.push(page);
				return [200, invoices(page * 500, 500)];
			});
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(momentApiRequestAllItems.call(ctx, { ...request, bound: bound(900) })).rejects.toThrow('would take 1000, at most 900');
		expect(asked).toEqual([0, 1]);
	});

	it('Return All with a re-checked filter refuses more pages than the cap after the first page, not after reading 2,000', async () => {
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.reply(200, { content: invoices(0, 500), page: { number: 0, size: 500, totalElements: (MAX_PAGES + 1) * 500, totalPages: MAX_PAGES + 1 } });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, { ...request, keep: () => true }));
		expect(error.message).toBe(`Moment reports ${MAX_PAGES + 1} pages of 500; the node reads at most ${MAX_PAGES}`);
		expect(sent).toHaveLength(1);
	});

	it('a total without a page count is held against the page cap too', async () => {
		nock(BASE_URL)
			.get(PATH)
			.query(true)
			.reply(200, { content: invoices(0, 500), page: { number: 0, size: 500, totalElements: MAX_PAGES * 500 + 1 } });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, request));
		expect(error.message).toBe(`Moment reports ${MAX_PAGES + 1} pages of 500; the node reads at most ${MAX_PAGES}`);
		expect(sent).toHaveLength(1);
	});
});

describe('momentApiRequestAllItems with a re-checked filter (`keep`)', () => {
	/** Every third invoice has the wanted project (ids 1000, 1003, ...). */
	const inProject = (record: IDataObject) => (Number(record.id) - 1000) % 3 === 0;

	it('counts only the records kept towards the limit, reading full pages until it has enough', async () => {
		const asked = serveEnvelope(10000);
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, { ...request, keep: inProject }, 200);
		// the first 200 kept records are among the first 600 invoices: pages 0 and 1 of 500
		expect(records.map((r) => r.id)).toEqual(invoices(0, 600).filter(inProject).slice(0, 200).map((r) => r.id));
		expect(asked.every((a) => a.size === 500)).toBe(true);
		// page 0, then one batch of 4 pages read at a time; not the 20 pages of the list
		expect(asked.map((a) => a.page).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
	});

	it('with Return All reads every page and returns only the records kept', async () => {
		serveEnvelope(1234);
		const { ctx } = createExecuteContext({ parameters: {} });
		const records = await momentApiRequestAllItems.call(ctx, { ...request, keep: inProject });
		expect(records.map((r) => r.id)).toEqual(invoices(0, 1234).filter(inProject).map((r) => r.id));
	});

	it('still refuses a list shorter than Moment announced', async () => {
		serveEnvelope(1000, { totalElements: 1001 });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, { ...request, keep: inProject }));
		expect(error.message).toBe('Moment announced 1001 invoices but sent 1000');
	});
});

describe('parseListPage', () => {
	it('reads the envelope, a bare array, and rejects other shapes', () => {
		expect(parseListPage({ content: [{ id: 1 }], page: { number: 0, size: 1, totalElements: 1, totalPages: 1 } })).toEqual({
			records: [{ id: 1 }],
			shape: 'page',
			number: 0,
			size: 1,
			totalPages: 1,
			totalElements: 1,
			skipped: 0,
		});
		expect(parseListPage([{ id: 1 }, 'junk', null])).toEqual({ records: [{ id: 1 }], shape: 'array', skipped: 2 });
		expect(parseListPage({ content: [], page: { totalPages: -1 } })).toEqual({
			records: [],
			shape: 'page',
			number: undefined,
			size: undefined,
			totalPages: undefined,
			totalElements: undefined,
			skipped: 0,
		});
		expect(parseListPage({ data: [] })).toBeUndefined();
		expect(parseListPage('x')).toBeUndefined();
		expect(parseListPage(null)).toBeUndefined();
	});

	it("reads Spring's classic page shape: the numbers at the top level, no page object", () => {
		const classic = {
			content: [{ id: 3 }, { id: 4 }],
			pageable: { pageNumber: 1, pageSize: 2, sort: { empty: true, sorted: false, unsorted: true }, offset: 2, paged: true, unpaged: false },
			last: false,
			totalElements: 7,
			totalPages: 4,
			size: 2,
			number: 1,
			sort: { empty: true, sorted: false, unsorted: true },
			first: false,
			numberOfElements: 2,
			empty: false,
		};
		expect(parseListPage(classic)).toEqual({ records: [{ id: 3 }, { id: 4 }], shape: 'classic', number: 1, size: 2, totalPages: 4, totalElements: 7, skipped: 0 });
	});
});
