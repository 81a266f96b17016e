/**
 * resources/projectMembership/: the screen (what the user sees) (map: docs/development.md).
 * resources/projectMembership/: this file is the screen (no runtime code imports it), projectMembership.facts.ts the facts.
 * What the user sees for Resource = Project Membership (who is on a project, in what role): Get
 * Many only. Facts: projectMembership.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, sharedParameters } from '../shared/recordScreen.description';

const projectMembership = { resource: 'projectMembership', noun: 'membership', plural: 'project memberships' };

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
	operationSelector(projectMembership, ['getAll'], {
		getAll: 'Retrieve project memberships: who is on a project, in what role; one output item per membership',
	}),
	...sharedParameters(projectMembership, { filters }),
];
