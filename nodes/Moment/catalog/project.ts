import type { MomentResource } from './types';

/**
 * Projects.
 * - List and includes observed live: GET /projects/include/base returns id, name, projectNumber,
 *   projectState (value seen: "inProgress").
 * - projectNumber is a string ("1"), not a number.
 * - Create/update/delete follow Moment's documented CRUD convention (POST, PATCH, DELETE).
 */
export const project: MomentResource = {
	value: 'project',
	displayName: 'Project',
	plural: 'projects',
	apiPath: 'projects',
	apiPathVerified: true,
	numberField: 'projectNumber',
	labelFields: ['name'],
	simplifyFields: [
		'id',
		'projectNumber',
		'name',
		'projectState',
		'customer',
		'customerId',
		'customerName',
		'startDate',
		'endDate',
		'projectManagerId',
	],
	operations: ['get', 'getAll', 'create', 'update', 'delete'],
	writableFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Name of the project',
			placeholder: 'e.g. Website redesign',
			requiredOnCreate: true,
		},
		{
			displayName: 'Project Number',
			name: 'projectNumber',
			type: 'string',
			default: '',
			description: 'Project number; Moment assigns one when left empty',
			placeholder: 'e.g. 1042',
		},
		{
			displayName: 'Project State',
			name: 'projectState',
			type: 'string',
			default: '',
			description: 'State of the project as Moment names it',
			placeholder: 'e.g. inProgress',
		},
	],
	webhookSources: [
		{
			value: 'project',
			displayName: 'Project',
			momentWebhookType: 'Projects',
			payloadKey: 'project',
			knownEvents: [],
			payloadDocumented: false,
		},
	],
	description: 'A project that hours, expenses and invoices are registered on',
};
