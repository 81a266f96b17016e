/**
 * resources/customer/: this file is the screen (no runtime code imports it), customer.facts.ts the facts.
 * What the user sees for Resource = Customer: every operation's parameters. Facts about customers
 * (API path, numbers, required fields) are in customer.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { createFieldsInEveryVersion, writeFieldsJson } from '../shared/nodeVersions.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['customer'];

const customerNumber: INodeProperties = {
	displayName: 'Customer Number',
	name: 'customerNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 10001',
	description: 'Customer number; Moment assigns one when left empty',
};

const name: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Acme AS',
	description: 'Name of the customer',
};

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Optional fields of the new customer',
	options: [customerNumber],
};

export const customerDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a customer', description: 'Create a new customer in Moment' },
			{ name: 'Delete', value: 'delete', action: 'Delete a customer', description: 'Permanently delete a customer from Moment' },
			{ name: 'Get', value: 'get', action: 'Get a customer', description: 'Retrieve one customer by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				description: 'Retrieve many customers, optionally filtered; one output item per customer',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer',
				description: 'Change fields of an existing customer; fields left out stay as they are',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Customer',
		description:
			'The customer to use. Give its Moment ID, a whole number such as 62788973 (not the customer number users see), or pick it from the list.',
		displayOptions: { show: { resource, operation: ['get', 'update', 'delete'] } },
	},
	{ ...name, required: true, displayOptions: { show: { resource, operation: ['create'] } } },
	...updateDisplayOptions({ show: { resource, operation: ['create'] } }, createFieldsInEveryVersion(additionalFields)),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource, operation: ['update'] } },
		description: 'Fields of the customer to change; fields not added stay as they are',
		options: [customerNumber, name],
	},
	...updateDisplayOptions({ show: { resource } }, writeFieldsJson),
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
