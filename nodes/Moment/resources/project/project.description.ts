/**
 * resources/project/: this file is the screen (no runtime code imports it), project.facts.ts the facts.
 * What the user sees for Resource = Project: every operation's parameters. Facts about projects
 * (API path, numbers, required fields) are in project.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { createFieldsInEveryVersion, writeFieldsJson } from '../shared/nodeVersions.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['project'];

const name: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Website redesign',
	description: 'Name of the project',
};

const projectNumber: INodeProperties = {
	displayName: 'Project Number',
	name: 'projectNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1042',
	description: 'Project number; Moment assigns one when left empty',
};

const projectState: INodeProperties = {
	displayName: 'Project State',
	name: 'projectState',
	type: 'string',
	default: '',
	placeholder: 'e.g. inProgress',
	description: 'State of the project as Moment names it',
};

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Optional fields of the new project',
	options: [projectNumber, projectState],
};

export const projectDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a project', description: 'Create a new project in Moment' },
			{ name: 'Delete', value: 'delete', action: 'Delete a project', description: 'Permanently delete a project from Moment' },
			{ name: 'Get', value: 'get', action: 'Get a project', description: 'Retrieve one project by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many projects',
				description: 'Retrieve many projects, optionally filtered; one output item per project',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a project',
				description: 'Change fields of an existing project; fields left out stay as they are',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Project',
		description:
			'The project to use. Give its Moment ID, a whole number such as 62788980 (not the project number users see), or pick it from the list.',
		displayOptions: { show: { resource, operation: ['get', 'update', 'delete'] } },
	},
	{ ...name, required: true, displayOptions: { show: { resource, operation: ['create'] } } },
	...updateDisplayOptions({ show: { resource, operation: ['create'] } }, createFieldsInEveryVersion(additionalFields)),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource, operation: ['update'] } },
		description: 'Fields of the project to change; fields not added stay as they are',
		options: [name, projectNumber, projectState],
	},
	...updateDisplayOptions({ show: { resource } }, writeFieldsJson),
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
