/** resources/project/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/project/: this file is the facts (read through catalog/index.ts), project.description.ts the screen.
 * Projects.
 * - List and includes observed live: GET /projects/include/base returns id, name, projectNumber,
 *   projectState (value seen: "inProgress").
 * - projectNumber is a string ("1"), not a number.
 * - Create/update/delete follow Moment's documented CRUD convention (POST, PATCH, DELETE); name is
 *   assumed to be required on Create.
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
	takesInclude: true,
	requiredOnCreate: [{ field: 'name', displayName: 'Name' }],
	writableFields: ['name', 'projectNumber', 'projectState'],
	listFilters: [],
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
};
