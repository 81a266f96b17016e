/**
 * resources/projectMembership/: this file is the screen (no runtime code imports it), projectMembership.facts.ts the facts.
 * What the user sees for Resource = Project Membership (who is on a project, in what role): Get
 * Many only. Facts: projectMembership.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyPropertiesWith } from '../shared/getMany.description';
import { recordOptions } from '../shared/options.description';

const resource = ['projectMembership'];

const filters: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 62788980',
		description: 'Only memberships of this project (its Moment ID). Sent to Moment as projectId and checked again on every record.',
	},
	{
		displayName: 'State',
		name: 'projectMembershipState',
		type: 'string',
		default: '',
		placeholder: 'e.g. active',
		description:
			'Only memberships in this state (active is the one value seen). Sent to Moment as projectMembershipState and checked again on every record.',
	},
	{
		displayName: 'User ID',
		name: 'userAccountId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5000001',
		description: 'Only memberships of this user (their Moment ID). Sent to Moment as userAccountId (observed to work) and checked again on every record.',
	},
];

export const projectMembershipDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many project memberships',
				description: 'Retrieve project memberships: who is on a project, in what role; one output item per membership',
			},
		],
		default: 'getAll',
	},
	...updateDisplayOptions({ show: { resource } }, getManyPropertiesWith(filters)),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
