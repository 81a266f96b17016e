/** resources/timeRecord/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/timeRecord/: this file is the facts (read through catalog/index.ts), timeRecord.description.ts the screen.
 * Time records: hours a user registered on an activity of a project, on one day.
 * - Observed live (perandre/worklog): fields id, projectId, projectName, projectExtensionId,
 *   projectExtensionName, userAccountId, timeRecordDate (YYYY-MM-DD), minutes, description (shown
 *   to the customer), internalNote, taskId, taskName, taskNumber, taskState; a plain GET returns
 *   the names without any Include.
 * - `/include/base` was refused on timeRecords: no Include.
 * - The only write ever observed is POST /timeRecords with projectId, projectExtensionId,
 *   timeRecordDate, minutes, description, internalNote, userAccountId, taskId (null accepted) and
 *   projectMembershipId. Update (PATCH) and Delete follow the documented CRUD convention (assumed).
 * - The list filters userAccountId, fromDate and toDate were used, but Moment returned records
 *   outside fromDate/toDate: every filter is re-checked on the records.
 * - Hours on or before the user's timeLockDate are locked (beforeWrite.ts).
 */
export const timeRecord: MomentResource = {
	value: 'timeRecord',
	displayName: 'Time Record',
	plural: 'time records',
	apiPath: 'timeRecords',
	apiPathVerified: true,
	labelFields: ['description', 'projectExtensionName', 'projectName'],
	simplifyFields: [
		'id',
		'timeRecordDate',
		'minutes',
		'hours',
		'userAccountId',
		'projectId',
		'projectName',
		'projectExtensionName',
		'taskName',
		'description',
	],
	operations: ['get', 'getAll', 'create', 'update', 'delete'],
	takesInclude: false,
	requiredOnCreate: [
		{ field: 'projectId', displayName: 'Project' },
		{ field: 'projectExtensionId', displayName: 'Activity' },
		{ field: 'userAccountId', displayName: 'User' },
		{ field: 'timeRecordDate', displayName: 'Date' },
		{ field: 'minutes', displayName: 'Duration' },
	],
	writableFields: [
		'projectId',
		'projectExtensionId',
		'userAccountId',
		'timeRecordDate',
		'minutes',
		'description',
		'internalNote',
		'taskId',
		'projectMembershipId',
	],
	writeFieldTypes: {
		projectId: { type: 'recordId', displayName: 'Project' },
		projectExtensionId: { type: 'recordId', displayName: 'Activity' },
		userAccountId: { type: 'recordId', displayName: 'User' },
		taskId: { type: 'recordId', displayName: 'Task' },
		projectMembershipId: { type: 'recordId', displayName: 'Project Membership ID' },
		timeRecordDate: { type: 'calendarDate', displayName: 'Date' },
		minutes: { type: 'minutes', displayName: 'Duration' },
	},
	minutesField: 'minutes',
	listFilters: [
		{ name: 'userAccountId', recheck: { field: 'userAccountId', match: 'equals' } },
		{ name: 'projectId', recheck: { field: 'projectId', match: 'equals' } },
		{ name: 'projectExtensionId', recheck: { field: 'projectExtensionId', match: 'equals' } },
		{ name: 'taskId', recheck: { field: 'taskId', match: 'equals' } },
		{ name: 'fromDate', valueType: 'calendarDate', recheck: { field: 'timeRecordDate', match: 'onOrAfter' } },
		{ name: 'toDate', valueType: 'calendarDate', recheck: { field: 'timeRecordDate', match: 'onOrBefore' } },
	],
	webhookSources: [],
};
