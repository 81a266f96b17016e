import type { INodeProperties, INodePropertyModeValidation, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { buildNodeProperties } from '../../nodes/Moment/actions/description';
import { RESOURCES } from '../../nodes/Moment/catalog';
import type { MomentResource } from '../../nodes/Moment/catalog';

const timeRecord: MomentResource = {
	value: 'timeRecord',
	displayName: 'Time Record',
	plural: 'time records',
	apiPath: 'timeRecords',
	apiPathVerified: true,
	numberField: 'id',
	labelFields: ['description'],
	simplifyFields: ['id', 'minutes'],
	operations: ['get', 'getAll', 'create'],
	writableFields: [
		{ name: 'minutes', displayName: 'Minutes', type: 'string', default: '', description: 'Minutes worked', requiredOnCreate: true },
		{ name: 'description', displayName: 'Description', type: 'string', default: '', description: 'Text for the customer' },
	],
	webhookSources: [],
	description: 'Hours registered on a project',
};

/** Properties shown for a resource and operation (top-level displayOptions only). */
function shown(properties: INodeProperties[], resource: string, operation: string): INodeProperties[] {
	return properties.filter((property) => {
		const show = property.displayOptions?.show;
		if (!show) return true;
		const resources = show.resource as string[] | undefined;
		const operations = show.operation as string[] | undefined;
		return (!resources || resources.includes(resource)) && (!operations || operations.includes(operation));
	});
}

/** The parameters n8n itself stores for a resource and operation (with their defaults). */
function parametersN8nKeeps(properties: INodeProperties[], resource: string, operation: string) {
	return NodeHelpers.getNodeParameters(properties, { resource, operation }, true, false, null, null) ?? {};
}

function optionsOf(property: INodeProperties | undefined) {
	return (property?.options ?? []) as INodePropertyOptions[];
}

describe('node description', () => {
	const description = new Moment().description;

	it('is the Moment action node, usable as an AI tool, with the momentApi credential', () => {
		expect(description).toMatchObject({
			name: 'moment',
			usableAsTool: true,
			credentials: [{ name: 'momentApi', required: true }],
			inputs: ['main'],
			outputs: ['main'],
		});
	});

	it('offers every catalog resource, and per resource exactly its operations', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(optionsOf(resource).map((option) => option.value).sort()).toEqual(RESOURCES.map((r) => r.value).sort());
		for (const entry of RESOURCES) {
			const operation = description.properties.find(
				(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[])[0] === entry.value,
			);
			expect(optionsOf(operation).map((option) => option.value).sort()).toEqual([...entry.operations].sort());
		}
	});

	it('offers invoices read-only, with n8n wording for actions', () => {
		const invoiceOperation = description.properties.find(
			(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[])[0] === 'invoice',
		);
		expect(optionsOf(invoiceOperation).map(({ name, value, action }) => ({ name, value, action }))).toEqual([
			{ name: 'Get', value: 'get', action: 'Get an invoice' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoices' },
		]);
	});

	it('has a record picker with a list (searchRecords) and a digits-only By ID mode', () => {
		const locator = shown(description.properties, 'offer', 'update').find((property) => property.name === 'id');
		const [list, byId] = locator?.modes ?? [];
		expect(list.typeOptions).toEqual({ searchListMethod: 'searchRecords', searchable: true });
		expect(Object.keys(new Moment().methods.listSearch)).toContain('searchRecords');
		const regex = new RegExp((byId.validation?.[0] as INodePropertyModeValidation & { properties: { regex: string } }).properties.regex);
		expect(['106939080', '1'].map((value) => regex.test(value))).toEqual([true, true]);
		expect(['../1', 'abc', '', '1 2', '12345678901234567890'].map((value) => regex.test(value))).toEqual([false, false, false, false, false]);
	});
});

describe('buildNodeProperties (from the catalog)', () => {
	const properties = buildNodeProperties([...RESOURCES, timeRecord]);

	it('adds a new catalog entry as a resource with its operations and no others', () => {
		const resource = properties.find((property) => property.name === 'resource');
		expect(optionsOf(resource).find((option) => option.value === 'timeRecord')).toEqual({
			name: 'Time Record',
			value: 'timeRecord',
			description: 'Hours registered on a project',
		});
		const operation = shown(properties, 'timeRecord', 'get').find((property) => property.name === 'operation');
		expect(optionsOf(operation).map((option) => option.action)).toEqual([
			'Create a time record',
			'Get a time record',
			'Get many time records',
		]);
	});

	it('gives the new entry its record picker, Get Many fields and Create fields', () => {
		expect(parametersN8nKeeps(properties, 'timeRecord', 'get')).toEqual({
			resource: 'timeRecord',
			operation: 'get',
			id: { __rl: true, mode: 'list', value: '' },
			options: {},
		});
		expect(parametersN8nKeeps(properties, 'timeRecord', 'getAll')).toEqual({
			resource: 'timeRecord',
			operation: 'getAll',
			returnAll: false,
			limit: 50,
			filters: {},
			options: {},
		});
		expect(parametersN8nKeeps(properties, 'timeRecord', 'create')).toEqual({
			resource: 'timeRecord',
			operation: 'create',
			minutes: '',
			fields: {},
			additionalFieldsJson: '{}',
			options: {},
		});
		const create = shown(properties, 'timeRecord', 'create');
		expect(create.find((property) => property.name === 'minutes')?.required).toBe(true);
		expect(optionsOf(create.find((property) => property.name === 'fields')).map((option) => option.name)).toEqual(['description']);
		// No update or delete for it: nothing is shown there.
		expect(parametersN8nKeeps(properties, 'timeRecord', 'delete')).toEqual({ resource: 'timeRecord', operation: 'delete' });
	});

	it('refuses a catalog field whose name clashes with a node parameter', () => {
		const clash: MomentResource = {
			...timeRecord,
			writableFields: [{ name: 'limit', displayName: 'Limit', type: 'string', default: '', description: 'x', requiredOnCreate: true }],
		};
		expect(() => buildNodeProperties([clash])).toThrow('Internal: catalog field "limit" of timeRecord clashes with a node parameter');
	});

	it('never shows two parameters with the same name for one resource and operation', () => {
		for (const resource of [...RESOURCES, timeRecord]) {
			for (const operation of resource.operations) {
				const names = shown(properties, resource.value, operation).map((property) => property.name);
				expect(new Set(names).size).toBe(names.length);
			}
		}
	});
});
