import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../../nodes/Moment/catalog';
import { byId, jsonOf, moment, plainWritesWith, PREFIX, resourcesWith, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';
import { optionNames, shown } from './screens';

useMomentNock();

/** The typed fields a resource's screen offers in a collection (Additional Fields, Update Fields). */
function typedFields(resource: MomentResource, operation: 'create' | 'update'): string[] {
	const collection = shown(resource.value, operation).find((p) => p.name === (operation === 'create' ? 'additionalFields' : 'updateFields'));
	return collection ? optionNames(collection) : [];
}

/** Parameters of a Create that sets every field the screen has for the resource, and one JSON field. */
function createParameters(resource: MomentResource) {
	const parameters: IDataObject = { resource: resource.value, operation: 'create', additionalFields: {} };
	const body: Record<string, string> = { note: 'from JSON' };
	for (const { field } of resource.requiredOnCreate) {
		parameters[field] = `${field} value`;
		body[field] = `${field} value`;
	}
	for (const field of typedFields(resource, 'create')) {
		(parameters.additionalFields as IDataObject)[field] = `${field} value`;
		body[field] = `${field} value`;
	}
	parameters.otherFieldsJson = '{"note": "from JSON"}';
	return { parameters, body };
}

describe('Create', () => {
	it.each(plainWritesWith('create'))('%s: POST /{entity} with required, additional and JSON fields', async (_name, resource) => {
		const { parameters, body } = createParameters(resource);
		moment().post(`${PREFIX}/${resource.apiPath}`, body).reply(201, { id: 77, ...body });
		const { items, sent } = await runMoment({ parameters });
		expect(items).toEqual([{ json: { id: 77, ...body }, pairedItem: { item: 0 } }]);
		expect(sent[0].options.method).toBe('POST');
	});

	it('offers typed fields where Moment names them: customers, offers, projects and time records; claims take JSON only', () => {
		expect(resourcesWith('create').map(([, resource]) => [resource.value, typedFields(resource, 'create')])).toEqual([
			['claim', []],
			['customer', ['customerNumber']],
			['offer', ['currencyCode']],
			['project', ['projectNumber', 'projectState']],
			['timeRecord', ['description', 'internalNote', 'projectMembershipId', 'taskId']],
		]);
	});

	it('refuses an empty required field before sending', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'customer', operation: 'create', name: '  ', otherFieldsJson: '{}' },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('Name is required to create a customer, but it is empty');
		expect(error.description).toBe('Fill in "Name", or check the expression that supplies it.');
		expect(error.context.itemIndex).toBe(0);
	});

	it('takes JSON fields given as an object by an expression; typed fields win over JSON', async () => {
		moment().post(`${PREFIX}/projects`, { name: 'Typed', projectState: 'inProgress' }).reply(201, { id: 1 });
		const { items } = await runMoment({
			parameters: {
				resource: 'project',
				operation: 'create',
				name: 'Typed',
				otherFieldsJson: { name: 'From JSON', projectState: 'inProgress' },
			},
		});
		expect(jsonOf(items)).toEqual([{ id: 1 }]);
	});

	it.each([
		['{name: x}', /^Other Fields \(JSON\) is not valid JSON: /],
		['[{"name": "x"}]', /^Other Fields \(JSON\) must be a JSON object like \{"name": "x"\}; got an array$/],
		['42', /^Other Fields \(JSON\) must be a JSON object like \{"name": "x"\}; got a number$/],
		['"text"', /got a string$/],
		['null', /got null$/],
		[[1, 2], /got an array$/],
	])('refuses Other Fields (JSON) %j before sending', async (json, message) => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'claim', operation: 'create', otherFieldsJson: json as IDataObject[string] },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(0);
	});

	it('refuses a Create with no field at all', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'claim', operation: 'create', otherFieldsJson: '  ' },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('Nothing to create: no field of the new claim is set');
		expect(error.description).toBe('Add at least one field: fill in one of the fields above, or give it in Other Fields (JSON).');
	});

	it('outputs { created: true } when Moment answers without a body', async () => {
		moment().post(`${PREFIX}/claims`, { description: 'Taxi' }).reply(201);
		const { items } = await runMoment({
			parameters: { resource: 'claim', operation: 'create', otherFieldsJson: '{"description": "Taxi"}' },
		});
		expect(jsonOf(items)).toEqual([{ created: true }]);
	});

	it('returns what Moment answered, not simplified', async () => {
		const answer = { id: 3, name: 'Acme', lines: [{ a: 1 }], address: { city: 'Oslo' }, f1: 1, f2: 2, f3: 3, f4: 4, f5: 5, f6: 6, f7: 7, f8: 8, f9: 9 };
		moment().post(`${PREFIX}/customers`, { name: 'Acme' }).reply(201, answer);
		const { items } = await runMoment({ parameters: { resource: 'customer', operation: 'create', name: 'Acme' } });
		expect(jsonOf(items)).toEqual([answer]);
	});

	it('is not offered for invoices: the node refuses it', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'invoice', operation: 'create', otherFieldsJson: '{"a": 1}' },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('The operation "create" is not available for the resource "invoice"');
	});
});

describe('Update', () => {
	it.each(plainWritesWith('update'))('%s: PATCH /{entity}/{id} with only the fields to change', async (_name, resource) => {
		const updateFields: Record<string, string> = {};
		for (const field of typedFields(resource, 'update')) updateFields[field] = `new ${field}`;
		const body = { ...updateFields, extra: 1 };
		moment().patch(`${PREFIX}/${resource.apiPath}/5`, body).reply(200, { id: 5, ...body });
		const { items } = await runMoment({
			parameters: {
				resource: resource.value,
				operation: 'update',
				id: byId('5'),
				updateFields,
				otherFieldsJson: '{"extra": 1}',
			},
		});
		expect(items).toEqual([{ json: { id: 5, ...body }, pairedItem: { item: 0 } }]);
	});

	it('leaves out typed fields left empty', async () => {
		moment().patch(`${PREFIX}/projects/5`, { projectState: 'closed' }).reply(200, { id: 5, projectState: 'closed' });
		const { items, sent } = await runMoment({
			parameters: {
				resource: 'project',
				operation: 'update',
				id: byId('5'),
				updateFields: { name: '', projectState: 'closed' },
				otherFieldsJson: '{}',
			},
		});
		expect(sent.map((request) => request.options.body)).toEqual([{ projectState: 'closed' }]);
		expect(items).toEqual([{ json: { id: 5, projectState: 'closed' }, pairedItem: { item: 0 } }]);
	});

	it('refuses an Update with nothing to change', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'customer', operation: 'update', id: byId('5'), updateFields: { name: '' }, otherFieldsJson: '{}' },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('Nothing to update: no field of the customer is set to change');
		expect(error.description).toBe('Add at least one field: fill in one of the fields above, or give it in Other Fields (JSON).');
	});

	it('outputs { id, updated: true } when Moment answers 204', async () => {
		moment().patch(`${PREFIX}/offers/8`, { currencyCode: 'NOK' }).reply(204);
		const { items } = await runMoment({
			parameters: { resource: 'offer', operation: 'update', id: byId('8'), updateFields: { currencyCode: 'NOK' } },
		});
		expect(jsonOf(items)).toEqual([{ id: 8, updated: true }]);
	});

	it('refuses an invalid ID before sending', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'offer', operation: 'update', id: byId('8;DROP'), updateFields: { currencyCode: 'NOK' } },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(/^Offer ID "8;DROP" is not valid/);
	});
});

describe('Delete', () => {
	it.each(plainWritesWith('delete'))('%s: DELETE /{entity}/{id} outputs { deleted: true, id }', async (_name, resource) => {
		moment().delete(`${PREFIX}/${resource.apiPath}/62788973`).reply(204);
		const { items, sent } = await runMoment({
			parameters: { resource: resource.value, operation: 'delete', id: byId('62788973') },
		});
		expect(items).toEqual([{ json: { deleted: true, id: 62788973 }, pairedItem: { item: 0 } }]);
		expect(sent[0].options.method).toBe('DELETE');
	});

	it('says which record was not found (404)', async () => {
		moment().delete(`${PREFIX}/customers/12`).reply(404);
		const { error } = await runMomentFailure({ parameters: { resource: 'customer', operation: 'delete', id: byId('12') } });
		expect(error.message).toBe('Customer 12 not found in company "acme"');
	});

	it('is not offered for invoices', async () => {
		const { error, sent } = await runMomentFailure({ parameters: { resource: 'invoice', operation: 'delete', id: byId('1') } });
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('The operation "delete" is not available for the resource "invoice"');
	});
});
