/**
 * resources/user/: this file is the screen (no runtime code imports it), user.facts.ts the facts.
 * What the user sees for Resource = User (Moment's userAccounts, the people who register hours):
 * Get and Get Many only. The e-mail only comes with Moment's base+email include, which the node
 * sends unless Include says otherwise. Facts: user.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['user'];

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user',
				description: 'Retrieve one user by their Moment ID, with e-mail and time lock date',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users',
				description: 'Retrieve many users, e.g. to find a user\'s ID by name or e-mail; one output item per user',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'User',
		description: 'The user to use. Give their Moment ID, a whole number, or pick them from the list.',
		displayOptions: { show: { resource, operation: ['get'] } },
	},
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
