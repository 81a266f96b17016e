/**
 * resources/activity/: the screen (what the user sees) (map: docs/development.md).
 * resources/activity/: this file is the screen (no runtime code imports it), activity.facts.ts the facts.
 * What the user sees for Resource = Activity (Moment's projectExtensions, the activities of a
 * project that hours are registered on): Get and Get Many only. Facts: activity.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, recordPickerOf, sharedParameters } from '../shared/recordScreen.description';

const activity = { resource: 'activity', noun: 'activity', plural: 'activities' };

const filters: INodeProperties[] = [
	{
		displayName: 'Activity State',
		name: 'projectExtensionState',
		type: 'string',
		default: '',
		placeholder: 'e.g. closed',
		description:
			'Only activities in this state (closed is the one value seen). Sent to Moment as projectExtensionState and checked again on every record.',
	},
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 62788980',
		description:
			'Only the activities of this project (its Moment ID). Sent to Moment as projectId (observed to work) and checked again on every record.',
	},
];

export const activityDescription: INodeProperties[] = [
	operationSelector(activity, ['get', 'getAll'], {
		get: 'Retrieve one activity of a project by its Moment ID',
		getAll: 'Retrieve many activities, e.g. those of one project; one output item per activity',
	}),
	recordPickerOf(activity, 'Activity', 'The activity to use. Give its Moment ID, a whole number, or pick it from the list (closed ones are marked).', ['get']),
	...sharedParameters(activity, { filters }),
];
