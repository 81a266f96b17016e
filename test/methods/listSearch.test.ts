import { Moment } from '../../nodes/Moment/Moment.node';
import { LIST_PAGE_SIZE, MAX_LIST_PAGES } from '../../nodes/Moment/methods/listSearch';
import { createLoadOptionsContext } from '../helpers/context';
import { moment, PREFIX, useMomentNock } from '../helpers/momentNode';

useMomentNock();

const { searchRecords } = new Moment().methods.listSearch;

function search(resource: string, filter?: string, token?: string) {
	const { ctx, sent } = createLoadOptionsContext({ resource });
	return { result: searchRecords.call(ctx, filter, token), sent };
}

function page(content: unknown[], number: number, totalPages: number) {
	return { content, page: { number, size: LIST_PAGE_SIZE, totalElements: totalPages * LIST_PAGE_SIZE, totalPages } };
}

describe('record list search', () => {
	it('labels records as "number - name" with the ID as value, and offers the next page', async () => {
		moment()
			.get(`${PREFIX}/customers`)
			.query({ page: 0, size: LIST_PAGE_SIZE })
			.reply(200, page([{ id: 62788973, customerNumber: '10001', name: 'Acme AS' }], 0, 3));
		await expect(search('customer').result).resolves.toEqual({
			results: [{ name: '10001 - Acme AS', value: '62788973' }],
			paginationToken: '1',
		});
	});

	it('reads the page named by the token, and stops offering pages after the last', async () => {
		moment()
			.get(`${PREFIX}/projects`)
			.query({ page: 2, size: LIST_PAGE_SIZE })
			.reply(200, page([{ id: 5, projectNumber: '1042', name: 'Website' }], 2, 3));
		await expect(search('project', undefined, '2').result).resolves.toEqual({
			results: [{ name: '1042 - Website', value: '5' }],
			paginationToken: undefined,
		});
	});

	it('without a page count, offers a next page only after a full page', async () => {
		const full = Array.from({ length: LIST_PAGE_SIZE }, (_, i) => ({ id: i + 1, name: `Offer ${i + 1}` }));
		moment().get(`${PREFIX}/offers`).query({ page: 0, size: LIST_PAGE_SIZE }).reply(200, full);
		moment().get(`${PREFIX}/offers`).query({ page: 1, size: LIST_PAGE_SIZE }).reply(200, full.slice(0, 3));
		expect((await search('offer').result).paginationToken).toBe('1');
		expect((await search('offer', undefined, '1').result).paginationToken).toBeUndefined();
	});

	it('stops offering pages after the page cap, in case Moment ignores page', async () => {
		const full = Array.from({ length: LIST_PAGE_SIZE }, (_, i) => ({ id: i + 1 }));
		moment().get(`${PREFIX}/offers`).query({ page: MAX_LIST_PAGES - 1, size: LIST_PAGE_SIZE }).reply(200, full);
		expect((await search('offer', undefined, String(MAX_LIST_PAGES - 1)).result).paginationToken).toBeUndefined();
	});

	it('sends the search text as query and also filters the page itself (Moment may ignore query)', async () => {
		moment()
			.get(`${PREFIX}/invoices`)
			.query({ page: 0, size: LIST_PAGE_SIZE, query: 'acme' })
			.reply(
				200,
				page(
					[
						{ id: 1, invoiceNumber: 1, customerName: 'Acme AS' },
						{ id: 2, invoiceNumber: 2, customerName: 'Other Ltd' },
						{ id: 3, invoiceNumber: 3, customerName: 'ACME Holding' },
					],
					0,
					1,
				),
			);
		await expect(search('invoice', ' acme ').result).resolves.toEqual({
			results: [
				{ name: '1 - Acme AS', value: '1' },
				{ name: '3 - ACME Holding', value: '3' },
			],
			paginationToken: undefined,
		});
	});

	it('matches the search text against IDs too', async () => {
		moment()
			.get(`${PREFIX}/claims`)
			.query({ page: 0, size: LIST_PAGE_SIZE, query: '4242' })
			.reply(200, [{ id: 4242, description: 'Taxi' }, { id: 1, description: 'Hotel' }]);
		expect((await search('claim', '4242').result).results).toEqual([{ name: 'Taxi', value: '4242' }]);
	});

	it('copes with missing fields, and shows records without a usable ID marked so (the node refuses them if picked)', async () => {
		moment()
			.get(`${PREFIX}/claims`)
			.query({ page: 0, size: LIST_PAGE_SIZE })
			.reply(200, [
				{ id: 1, claimNumber: 'C-7' },
				{ id: 2, description: '  Train\n ticket ' },
				{ id: 3 },
				{ id: 4, claimNumber: 8, name: 'Flight' },
				{ name: 'no id' },
				{ id: 'abc', name: 'bad id' },
				{ id: 5, claimNumber: null, description: '' },
			]);
		expect((await search('claim').result).results).toEqual([
			{ name: 'Claim C-7', value: '1' },
			{ name: 'Train ticket', value: '2' },
			{ name: 'Claim 3', value: '3' },
			{ name: '8 - Flight', value: '4' },
			{ name: 'no id (no ID)', value: 'no ID' },
			{ name: 'bad id (unusable ID "abc")', value: 'abc' },
			{ name: 'Claim 5', value: '5' },
		]);
	});

	it('reports a failed request with Moment\'s message mapped to an actionable one', async () => {
		moment().get(`${PREFIX}/offers`).query(true).reply(404);
		await expect(search('offer').result).rejects.toThrow('Moment found nothing at /api/1.0/companies/acme/offers (404)');
	});

	it('refuses an unknown resource without sending anything', async () => {
		const { result, sent } = search('timesheet');
		await expect(result).rejects.toThrow('Cannot list records of the unknown resource "timesheet"');
		expect(sent).toHaveLength(0);
	});
});
