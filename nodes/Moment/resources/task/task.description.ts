/**
 * resources/task/: this file is the screen (no runtime code imports it), task.facts.ts the facts.
 * What the user sees for Resource = Task (tasks of an activity that hours can be registered on):
 * Get and Get Many only. Facts: task.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyPropertiesWith } from '../shared/getMany.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['task'];

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
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a task', description: 'Retrieve one task by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tasks',
				description: 'Retrieve many tasks, e.g. those of one activity; one output item per task',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Task',
		description: 'The task to use. Give its Moment ID, a whole number, or pick it from the list (closed ones are marked).',
		displayOptions: { show: { resource, operation: ['get'] } },
	},
	...updateDisplayOptions({ show: { resource } }, getManyPropertiesWith(filters)),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
