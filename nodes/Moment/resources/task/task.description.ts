/**
 * resources/task/: the screen (what the user sees) (map: docs/development.md).
 * resources/task/: this file is the screen (no runtime code imports it), task.facts.ts the facts.
 * What the user sees for Resource = Task (tasks of an activity that hours can be registered on):
 * Get and Get Many only. Facts: task.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, recordPickerOf, sharedParameters } from '../shared/recordScreen.description';

const task = { resource: 'task', noun: 'task', plural: 'tasks' };

const filters: INodeProperties[] = [
	{
		displayName: 'Activity ID',
		name: 'projectExtensionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 62790011',
		description:
			'Only the tasks of this activity (its Moment ID). Sent to Moment as projectExtensionId (observed to work) and checked again on every record.',
	},
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 62788980',
		description:
			'Only the tasks of this project (its Moment ID). Sent to Moment as projectId (observed to work) and checked again on every record.',
	},
	{
		displayName: 'Task State',
		name: 'taskState',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'Open', value: 'open' },
		],
		default: '',
		description: 'Only open or only closed tasks. Sent to Moment as taskState and checked again on every record.',
	},
];

export const taskDescription: INodeProperties[] = [
	operationSelector(task, ['get', 'getAll'], {
		getAll: 'Retrieve many tasks, e.g. those of one activity; one output item per task',
	}),
	recordPickerOf(task, 'Task', 'The task to use. Give its Moment ID, a whole number, or pick it from the list (closed ones are marked).', ['get']),
	...sharedParameters(task, { filters }),
];
