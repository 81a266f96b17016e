/**
 * Workflows saved with version 1 of the Moment node keep working as they did: their parameter
 * names (`fields`, `additionalFieldsJson`, `options.simplify`), Simplify off unless set, and the
 * Resource default Claim for nodes saved without a resource.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, jsonOf, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';
import { storedParameters } from './screens';

useMomentNock();

const big = { id: 5, name: 'Website', projectNumber: '1042', lines: [{ amount: 1 }], address: { city: 'Oslo' }, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 };

describe('a version-1 node', () => {
	it('Create sends Fields and Additional Fields (JSON) as before, and outputs the whole record', async () => {
		moment().post(`${PREFIX}/projects`, { note: 'json', name: 'Website', projectNumber: '1042' }).reply(201, big);
		const { items } = await runMoment({
			typeVersion: 1,
			parameters: {
				resource: 'project',
				operation: 'create',
				name: 'Website',
				fields: { projectNumber: '1042' },
				additionalFieldsJson: '{"note": "json"}',
				options: {},
			},
		});
		expect(jsonOf(items)).toEqual([big]);
	});

	it('Simplify is an option, off unless set, and also simplifies Create and Update', async () => {
		moment().get(`${PREFIX}/projects/5`).reply(200, big);
		moment().get(`${PREFIX}/projects/5`).reply(200, big);
		moment().patch(`${PREFIX}/projects/5`, { projectState: 'closed' }).reply(200, big);
		const get = await runMoment({ typeVersion: 1, parameters: { resource: 'project', operation: 'get', id: byId('5'), options: {} } });
		expect(jsonOf(get.items)).toEqual([big]);
		// version 1.1's switch means nothing to version 1
		const simplified = await runMoment({
			typeVersion: 1,
			parameters: { resource: 'project', operation: 'get', id: byId('5'), simple: false, options: { simplify: true } },
		});
		expect(Object.keys(simplified.items[0].json)).toEqual(['id', 'projectNumber', 'name', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
		const update = await runMoment({
			typeVersion: 1,
			parameters: { resource: 'project', operation: 'update', id: byId('5'), updateFields: { projectState: 'closed' }, options: { simplify: true } },
		});
		expect(Object.keys(update.items[0].json)).toHaveLength(10);
	});

	it('a node saved without a resource is a Claim node, as version 1 opened on Claim', async () => {
		moment().get(`${PREFIX}/claims/7`).reply(200, { id: 7 });
		const parameters: IDataObject = { ...storedParameters(undefined, 'get', { version: 1 }), id: byId('7') };
		expect(parameters.resource).toBe('claim');
		const { items } = await runMoment({ typeVersion: 1, parameters });
		expect(jsonOf(items)).toEqual([{ id: 7 }]);
	});

	it('names its own fields in messages', async () => {
		const { error, sent } = await runMomentFailure({
			typeVersion: 1,
			parameters: { resource: 'claim', operation: 'create', additionalFieldsJson: '{oops}' },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(/^Additional Fields \(JSON\) is not valid JSON: /);
		const empty = await runMomentFailure({ typeVersion: 1, parameters: { resource: 'claim', operation: 'create', additionalFieldsJson: '{}' } });
		expect(empty.error.description).toBe('Add at least one field: fill in one of the fields above, or give it in Additional Fields (JSON).');
	});
});
