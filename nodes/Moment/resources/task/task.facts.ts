/** resources/task/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/task/: this file is the facts (read through catalog/index.ts), task.description.ts the screen.
 * Tasks: optional sub-divisions of an activity that hours can be registered on.
 * - Observed live: ?projectId= and ?projectExtensionId= work ("probed 2026-03-02"); fields id,
 *   name, taskNumber, taskState (open | closed), projectExtensionId.
 * - Writes are not observed: Get and Get Many only.
 */
export const task: MomentResource = {
	value: 'task',
	displayName: 'Task',
	plural: 'tasks',
	apiPath: 'tasks',
	apiPathVerified: true,
	numberField: 'taskNumber',
	labelFields: ['name'],
	simplifyFields: ['id', 'taskNumber', 'name', 'taskState', 'projectId', 'projectExtensionId'],
	operations: ['get', 'getAll'],
	takesInclude: true,
	closedState: { field: 'taskState', values: ['closed'] },
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [
		{ name: 'projectId', recheck: { field: 'projectId', match: 'equals' } },
		{ name: 'projectExtensionId', recheck: { field: 'projectExtensionId', match: 'equals' } },
		{ name: 'taskState', recheck: { field: 'taskState', match: 'equals' } },
	],
	webhookSources: [],
};
