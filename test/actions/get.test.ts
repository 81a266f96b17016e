import type { IDataObject } from 'n8n-workflow';

import { byId, defaultIncludePath, jsonOf, moment, PREFIX, resourcesWith, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';

useMomentNock();

describe('Get', () => {
	it.each(resourcesWith('get'))('%s: GET /{entity}/{id}, one item paired with its input (Simplify off: the whole record)', async (_name, resource) => {
		const record = { id: 62788973, [resource.numberField ?? 'number']: '10001', name: 'First', lines: [{ amount: 1 }], address: { city: 'Oslo' } };
		moment().get(`${PREFIX}/${resource.apiPath}/62788973${defaultIncludePath(resource)}`).reply(200, record);
		const { items, sent } = await runMoment({
			parameters: { resource: resource.value, operation: 'get', id: byId('62788973'), simple: false },
		});
		expect(items).toEqual([{ json: record, pairedItem: { item: 0 } }]);
		expect(sent[0].options.method).toBe('GET');
	});

	it('takes a plain ID from an expression, as text or number, and the picked list entry', async () => {
		moment().get(`${PREFIX}/invoices/1`).reply(200, { id: 1 });
		moment().get(`${PREFIX}/invoices/2`).reply(200, { id: 2 });
		moment().get(`${PREFIX}/invoices/3`).reply(200, { id: 3 });
		const ids: IDataObject[string][] = [' 1 ', 2, { __rl: true, mode: 'list', value: '3', cachedResultName: '3 - Acme' }];
		const { items } = await runMoment({
			parameters: (i) => ({ resource: 'invoice', operation: 'get', id: ids[i], options: { parallelRequests: 1 } }),
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(jsonOf(items)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it.each([
		['../1', '"../1"'],
		['abc', '"abc"'],
		['12a', '"12a"'],
		['', '""'],
		['1/include/base', '"1/include/base"'],
	])('refuses the ID %j before sending anything', async (id, shown) => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'invoice', operation: 'get', id: byId(id) },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe(
			`Invoice ID ${shown} is not valid. Moment IDs are positive whole numbers, e.g. 106939080; pick the record from the list or check the expression that supplies the ID.`,
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('says which record was not found, and in which company (404)', async () => {
		moment().get(`${PREFIX}/invoices/999`).reply(404, { message: 'Not found' });
		const { error } = await runMomentFailure({ parameters: { resource: 'invoice', operation: 'get', id: byId('999') } });
		expect(error.message).toBe('Invoice 999 not found in company "acme"');
		expect(error.context.itemIndex).toBe(0);
	});

	it('sends Include as the path suffix /include/a+b', async () => {
		moment().get(`${PREFIX}/projects/7/include/base+customer.name`).reply(200, { id: 7, customerName: 'Acme' });
		const { items } = await runMoment({
			parameters: { resource: 'project', operation: 'get', id: byId('7'), options: { include: 'base, customer.name' } },
		});
		expect(jsonOf(items)).toEqual([{ id: 7, customerName: 'Acme' }]);
	});

	it('refuses an Include item that would change the path', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'project', operation: 'get', id: byId('7'), options: { include: 'base/../x' } },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(/^Include item "base\/\.\.\/x" is not valid/);
	});

	it('Simplify (on unless turned off) keeps the catalog fields first, then plain fields, at most 10', async () => {
		const record = {
			internalNote: 'x',
			links: [{ rel: 'self' }],
			id: 5,
			name: 'Website',
			projectNumber: '1042',
			extra1: 1,
			extra2: true,
			nested: { a: 1 },
			empty: null,
			extra3: 'c',
			extra4: 'd',
			extra5: 'e',
			extra6: 'f',
			extra7: 'g',
		};
		moment().get(`${PREFIX}/projects/5`).reply(200, record);
		const { items } = await runMoment({
			parameters: { resource: 'project', operation: 'get', id: byId('5') },
		});
		expect(Object.keys(items[0].json)).toEqual([
			'id',
			'projectNumber',
			'name',
			'internalNote',
			'extra1',
			'extra2',
			'extra3',
			'extra4',
			'extra5',
			'extra6',
		]);
	});
});
