/**
 * resources/claim/: this file is the screen (no runtime code imports it), claim.facts.ts the facts.
 * What the user sees for Resource = Claim: every operation's parameters. Moment documents no claim
 * field, so Create and Update take the fields as JSON only. Facts about claims (the assumed API
 * path) are in claim.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { writeFieldsJson } from '../shared/nodeVersions.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['claim'];

export const claimDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a claim', description: 'Create a new claim in Moment' },
			{ name: 'Delete', value: 'delete', action: 'Delete a claim', description: 'Permanently delete a claim from Moment' },
			{ name: 'Get', value: 'get', action: 'Get a claim', description: 'Retrieve one claim by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many claims',
				description: 'Retrieve many claims, optionally filtered; one output item per claim',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a claim',
				description: 'Change fields of an existing claim; fields left out stay as they are',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Claim',
		description:
			'The claim to use. Give its Moment ID, a whole number such as 106939080 (not the claim number users see), or pick it from the list.',
		displayOptions: { show: { resource, operation: ['get', 'update', 'delete'] } },
	},
	...updateDisplayOptions({ show: { resource } }, writeFieldsJson),
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
