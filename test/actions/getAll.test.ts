import { defaultIncludePath, jsonOf, moment, PREFIX, resourcesWith, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';

useMomentNock();

function records(from: number, count: number) {
	return Array.from({ length: count }, (_, i) => ({ id: from + i, name: `Record ${from + i}` }));
}

function listPage(content: unknown[], number: number, size: number, totalElements: number) {
	return { content, page: { number, size, totalElements, totalPages: Math.ceil(totalElements / size) } };
}

describe('Get Many', () => {
	it.each(resourcesWith('getAll'))('%s: GET /{entity}?page=0&size=50, one item per record', async (_name, resource) => {
		moment()
			.get(`${PREFIX}/${resource.apiPath}${defaultIncludePath(resource)}`)
			.query({ page: 0, size: 50 })
			.reply(200, listPage(records(1, 3), 0, 50, 3));
		const { items } = await runMoment({ parameters: { resource: resource.value, operation: 'getAll', returnAll: false, limit: 50 } });
		expect(jsonOf(items)).toEqual(records(1, 3));
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All reads every page (3 pages of 500) and outputs each record once', async () => {
		const total = 1203;
		for (let page = 0; page < 3; page++) {
			const content = records(page * 500, Math.min(500, total - page * 500));
			moment().get(`${PREFIX}/customers`).query({ page, size: 500 }).reply(200, listPage(content, page, 500, total));
		}
		const { items } = await runMoment({ parameters: { resource: 'customer', operation: 'getAll', returnAll: true } });
		expect(items).toHaveLength(total);
		expect(items.map((item) => item.json.id)).toEqual(records(0, total).map((record) => record.id));
	});

	it('Limit asks for one page of that size and outputs at most Limit records', async () => {
		moment().get(`${PREFIX}/offers`).query({ page: 0, size: 3 }).reply(200, listPage(records(1, 3), 0, 3, 40));
		const { items } = await runMoment({ parameters: { resource: 'offer', operation: 'getAll', returnAll: false, limit: 3 } });
		expect(jsonOf(items)).toEqual(records(1, 3));
	});

	it('outputs nothing for an empty list', async () => {
		moment().get(`${PREFIX}/claims`).query(true).reply(200, { content: [], page: { number: 0, size: 50, totalElements: 0, totalPages: 0 } });
		const { items } = await runMoment({ parameters: { resource: 'claim', operation: 'getAll', limit: 50 } });
		expect(items).toEqual([]);
	});

	it('sends the filters as query parameters, and leaves out the empty ones', async () => {
		moment()
			.get(`${PREFIX}/projects`)
			.query({
				page: 0,
				size: 50,
				lastModifiedDateFrom: '2025-02-01T00:00:00Z',
				createdDateTo: '2025-03-01T00:00:00.000Z',
				query: 'Acme',
				sort: 'name,asc',
				projectState: 'inProgress',
			})
			.reply(200, listPage(records(1, 1), 0, 50, 1));
		const { items } = await runMoment({
			parameters: {
				resource: 'project',
				operation: 'getAll',
				limit: 50,
				filters: {
					lastModifiedDateFrom: '2025-02-01T00:00:00Z',
					lastModifiedDateTo: '',
					createdDateTo: new Date('2025-03-01T00:00:00Z') as never,
					query: ' Acme ',
					sort: 'name,asc',
					otherQueryParameters: {
						parameter: [
							{ name: 'projectState', value: 'inProgress' },
							{ name: 'customerId', value: '' },
							{ name: '', value: '' },
						],
					},
				},
			},
		});
		expect(items).toHaveLength(1);
	});

	it.each([
		[{ name: 'page', value: '2' }, 'Other Query Parameters: "page" is set by the node and cannot be given'],
		[{ name: 'size', value: '9' }, 'Other Query Parameters: "size" is set by the node and cannot be given'],
		[{ name: '', value: 'x' }, 'Other Query Parameters: the value "x" has no name'],
		[{ name: 'query', value: 'x' }, 'Query parameter "query" is given twice'],
	])('refuses the query parameter %j', async (parameter, message) => {
		const { error, sent } = await runMomentFailure({
			parameters: {
				resource: 'project',
				operation: 'getAll',
				limit: 5,
				filters: { query: 'a', otherQueryParameters: { parameter: [parameter] } },
			},
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(0);
	});

	it('sends Other Query Parameters named like built-in properties (constructor, toString, __proto__)', async () => {
		const asked: string[] = [];
		moment()
			.get(`${PREFIX}/projects`)
			.query(true)
			.reply(200, (uri) => {
				asked.push(uri);
				return listPage(records(1, 1), 0, 5, 1);
			});
		const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
		const { items } = await runMoment({
			parameters: {
				resource: 'project',
				operation: 'getAll',
				limit: 5,
				filters: { otherQueryParameters: { parameter: names.map((name, i) => ({ name, value: `v${i}` })) } },
			},
		});
		expect(items).toHaveLength(1);
		const query = new URL(asked[0], 'https://moment.test').searchParams;
		expect(names.map((name) => query.get(name))).toEqual(['v0', 'v1', 'v2', 'v3']);
	});

	it.each([0, -1, 2.5, 'many'])('refuses the Limit %j', async (limit) => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'project', operation: 'getAll', returnAll: false, limit },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe(`Limit must be a whole number of at least 1; got ${JSON.stringify(limit)}`);
	});

	it('applies Include to the list path and Simplify to every record', async () => {
		const full = (id: number) => ({ id, invoiceNumber: id + 100, lines: [{ amount: 1 }], customerName: 'Acme', total: 5 });
		moment()
			.get(`${PREFIX}/invoices/include/base`)
			.query({ page: 0, size: 2 })
			.reply(200, listPage([full(1), full(2)], 0, 2, 2));
		const { items } = await runMoment({
			parameters: { resource: 'invoice', operation: 'getAll', limit: 2, simple: true, options: { include: 'base' } },
		});
		expect(jsonOf(items)).toEqual([
			{ id: 1, invoiceNumber: 101, customerName: 'Acme', total: 5 },
			{ id: 2, invoiceNumber: 102, customerName: 'Acme', total: 5 },
		]);
	});

	it('runs one list per input item, each output paired with its item', async () => {
		moment().get(`${PREFIX}/customers`).query({ page: 0, size: 1, query: 'a' }).reply(200, [{ id: 1 }]);
		moment().get(`${PREFIX}/customers`).query({ page: 0, size: 1, query: 'b' }).reply(200, [{ id: 2 }]);
		const { items } = await runMoment({
			parameters: (i) => ({ resource: 'customer', operation: 'getAll', limit: 1, filters: { query: i === 0 ? 'a' : 'b' } }),
			items: [{ json: {} }, { json: {} }],
		});
		expect(items).toEqual([
			{ json: { id: 1 }, pairedItem: { item: 0 } },
			{ json: { id: 2 }, pairedItem: { item: 1 } },
		]);
	});
});

describe('Get Many and records without a usable ID', () => {
	it('outputs every record as Moment listed it, also two whose IDs JSON reads as the same number beyond 2^53, and reads nothing by those IDs', async () => {
		// as Moment would send it: 9007199254740993 and 9007199254740992 both read as 9007199254740992
		const body = '{"content":[{"id":1,"name":"a"},{"id":9007199254740993,"name":"b"},{"id":9007199254740992,"name":"c"},{"id":"../x","name":"d"},{"id":"../x","name":"e"},{"name":"f"},{"id":1,"name":"a again"}],"page":{"number":0,"size":500,"totalElements":6,"totalPages":1}}';
		moment().get(`${PREFIX}/claims`).query({ page: 0, size: 500 }).reply(200, body, { 'content-type': 'application/json' });
		const { items, sent } = await runMoment({ parameters: { resource: 'claim', operation: 'getAll', returnAll: true } });
		// each record with a Moment ID once (a page that shifted repeats one); every other record kept
		expect(items.map((item) => item.json.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(sent).toHaveLength(1);
	});
});
