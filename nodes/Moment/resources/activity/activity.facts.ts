/** resources/activity/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/activity/: this file is the facts (read through catalog/index.ts), activity.description.ts the screen.
 * Activities: Moment's `projectExtensions`, the activities (activity types) of a project that
 * hours are registered on.
 * - Observed live: GET /projectExtensions/include/base and ?projectId=; fields id, name,
 *   projectId, projectExtensionState ("closed" seen).
 * - Writes are not observed and activities are project setup: Get and Get Many only.
 * - The projectId filter is observed to work; it is still re-checked on the records.
 */
export const activity: MomentResource = {
	value: 'activity',
	displayName: 'Activity',
	plural: 'activities',
	apiPath: 'projectExtensions',
	apiPathVerified: true,
	labelFields: ['name'],
	simplifyFields: ['id', 'name', 'projectId', 'projectName', 'projectExtensionState'],
	operations: ['get', 'getAll'],
	takesInclude: true,
	closedState: { field: 'projectExtensionState', values: ['closed'] },
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [
		{ name: 'projectId', recheck: { field: 'projectId', match: 'equals' } },
		{ name: 'projectExtensionState', recheck: { field: 'projectExtensionState', match: 'equals' } },
	],
	webhookSources: [],
};
