/**
 * resources/customer/: the screen (what the user sees) (map: docs/development.md).
 * resources/customer/: this file is the screen (no runtime code imports it), customer.facts.ts the facts.
 * What the user sees for Resource = Customer: every operation's parameters. Facts about customers
 * (API path, numbers, required fields) are in customer.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	createFields,
	numberedPickerDescription,
	operationSelector,
	recordPickerOf,
	sharedParameters,
	updateFields,
} from '../shared/recordScreen.description';

const customer = { resource: 'customer', noun: 'customer', plural: 'customers' };

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

export const customerDescription: INodeProperties[] = [
	operationSelector(customer, ['create', 'delete', 'get', 'getAll', 'update']),
	recordPickerOf(customer, 'Customer', numberedPickerDescription('customer', '62788973'), ['get', 'update', 'delete']),
	{ ...name, required: true, displayOptions: { show: { resource: ['customer'], operation: ['create'] } } },
	...createFields(customer, [customerNumber]),
	updateFields(customer, [customerNumber, name]),
	...sharedParameters(customer, { writes: true }),
];
