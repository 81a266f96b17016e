/**
 * resources/offer/: this file is the screen (no runtime code imports it), offer.facts.ts the facts.
 * What the user sees for Resource = Offer: every operation's parameters. Facts about offers (API
 * path, numbers, webhook types) are in offer.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { createFieldsInEveryVersion, writeFieldsJson } from '../shared/nodeVersions.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['offer'];

const currencyCode: INodeProperties = {
	displayName: 'Currency Code',
	name: 'currencyCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. NOK',
	description: 'ISO 4217 currency code of the offer',
};

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Optional fields of the new offer',
	options: [currencyCode],
};

export const offerDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an offer', description: 'Create a new offer in Moment' },
			{ name: 'Delete', value: 'delete', action: 'Delete an offer', description: 'Permanently delete an offer from Moment' },
			{ name: 'Get', value: 'get', action: 'Get an offer', description: 'Retrieve one offer by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many offers',
				description: 'Retrieve many offers, optionally filtered; one output item per offer',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an offer',
				description: 'Change fields of an existing offer; fields left out stay as they are',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Offer',
		description:
			'The offer to use. Give its Moment ID, a whole number such as 106939080 (not the offer number users see), or pick it from the list.',
		displayOptions: { show: { resource, operation: ['get', 'update', 'delete'] } },
	},
	...updateDisplayOptions({ show: { resource, operation: ['create'] } }, createFieldsInEveryVersion(additionalFields)),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource, operation: ['update'] } },
		description: 'Fields of the offer to change; fields not added stay as they are',
		options: [currencyCode],
	},
	...updateDisplayOptions({ show: { resource } }, writeFieldsJson),
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
