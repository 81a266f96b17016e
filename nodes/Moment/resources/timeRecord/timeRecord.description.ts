/**
 * resources/timeRecord/: the screen (what the user sees) (map: docs/development.md).
 * resources/timeRecord/: this file is the screen (no runtime code imports it), timeRecord.facts.ts the facts.
 * What the user sees for Resource = Time Record: every operation's parameters. Facts about time
 * records (API path, typed fields, filters re-checked on the records) are in timeRecord.facts.ts;
 * locked dates and the project membership: beforeWrite.ts (this folder).
 *
 * The descriptions are written for people and for AI agents filling them with $fromAI: each says
 * what the field expects and how to find it ("2 hours on project Website today for Kari").
 */
import type { INodeProperties } from 'n8n-workflow';

import { linkedRecordPicker } from '../shared/recordPicker.description';
import { createFields, operationSelector, recordPickerOf, sharedParameters, updateFields } from '../shared/recordScreen.description';

const timeRecord = { resource: 'timeRecord', noun: 'time record', plural: 'time records' };

const project = linkedRecordPicker(
	'Project',
	'projectId',
	'searchProjects',
	'The project the hours are registered on: pick it, or give its Moment ID (a whole number such as 62788980, not the project number). To find it by name, first get many projects and take the id of the one whose name matches.',
);

const activity = linkedRecordPicker(
	'Activity',
	'projectExtensionId',
	'searchActivities',
	'The activity of the project the hours are for (Moment calls activities project extensions); the list shows the chosen project\'s activities, closed ones marked. Or give its Moment ID; to find it, get many activities filtered by the project ID.',
);

const userAccount = linkedRecordPicker(
	'User',
	'userAccountId',
	'searchUsers',
	'The person who worked the hours: pick them, or give their Moment user ID (a whole number). To find it by name or e-mail, first get many users and take the id of the one that matches.',
);

const task = linkedRecordPicker(
	'Task',
	'taskId',
	'searchTasks',
	'Optional task of the activity: the list shows the chosen activity\'s tasks, closed ones marked. Or give its Moment ID.',
);

const date: INodeProperties = {
	displayName: 'Date',
	name: 'timeRecordDate',
	type: 'dateTime',
	default: '',
	description:
		'The day the hours were worked, e.g. 2026-12-01 (YYYY-MM-DD), or an expression such as {{ $today }}. Only the day is used, exactly as given: no time zone moves it to another day. Hours on or before the user\'s time lock date are refused.',
};

const duration: INodeProperties = {
	displayName: 'Duration',
	name: 'minutes',
	type: 'string',
	default: '',
	placeholder: 'e.g. 90, 1:30 or 1.5h',
	description:
		'How long was worked, sent to Moment in whole minutes: minutes (e.g. 120), hours and minutes (2:00, 1h 30m) or hours (2h, 1.5h). At most 24 hours.',
};

const description: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. Workshop with the customer',
	description: 'What was done, as the customer sees it on the invoice',
};

const internalNote: INodeProperties = {
	displayName: 'Internal Note',
	name: 'internalNote',
	type: 'string',
	default: '',
	placeholder: 'e.g. Booked from the ticket system',
	description: 'A note for your company only; the customer does not see it',
};

const projectMembershipId: INodeProperties = {
	displayName: 'Project Membership ID',
	name: 'projectMembershipId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 70012345',
	description:
		"The user's membership of the project the hours are registered under. Leave it out: the node looks up the user's active membership of the project, and the output says so.",
};

function idFilter(displayName: string, name: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. 62788980',
		description: `Only time records of this ${what} (its Moment ID). Sent to Moment as ${name} and checked again on every record, so no other ${what}'s records are returned.`,
	};
}

function dateFilter(displayName: string, name: string, bound: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description: `Only time records dated ${bound} this day (YYYY-MM-DD, or an expression such as {{ $today.minus({ days: 7 }) }}). Moment was seen to return records outside the range it is sent (${name}), so the node checks every record's date itself and reads on until Limit is met.`,
	};
}

const filters = [
	idFilter('Activity ID', 'projectExtensionId', 'activity'),
	dateFilter('Date From', 'fromDate', 'on or after'),
	dateFilter('Date To', 'toDate', 'on or before'),
	idFilter('Project ID', 'projectId', 'project'),
	idFilter('Task ID', 'taskId', 'task'),
	idFilter('User ID', 'userAccountId', 'user'),
];

export const timeRecordDescription: INodeProperties[] = [
	operationSelector(timeRecord, ['create', 'delete', 'get', 'getAll', 'update'], {
		create: 'Register hours as a new time record: what a user worked on an activity of a project on one day',
		delete: 'Permanently delete a time record from Moment (refused on a locked day)',
		getAll: "Retrieve many time records, e.g. one user's hours of last week; one output item per time record, minutes and hours as numbers",
	}),
	recordPickerOf(
		timeRecord,
		'Time Record',
		'The time record to use. Give its Moment ID, a whole number such as 106939080, or pick it from the list.',
		['get', 'update', 'delete'],
	),
	...[project, activity, userAccount, date, duration].map((field) => ({
		...field,
		required: true,
		displayOptions: { show: { resource: ['timeRecord'], operation: ['create'] } },
	})),
	...createFields(timeRecord, [description, internalNote, projectMembershipId, task]),
	updateFields(timeRecord, [activity, date, description, duration, internalNote, project, projectMembershipId, task, userAccount]),
	...sharedParameters(timeRecord, { writes: true, filters, takesInclude: false }),
];
