/**
 * resources/project/: the screen (what the user sees) (map: docs/development.md).
 * resources/project/: this file is the screen (no runtime code imports it), project.facts.ts the facts.
 * What the user sees for Resource = Project: every operation's parameters. Facts about projects
 * (API path, numbers, required fields) are in project.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	createFields,
	numberedPickerDescription,
	operationSelector,
	recordPickerOf,
	sharedParameters,
	updateFields,
} from '../shared/recordScreen.description';

const project = { resource: 'project', noun: 'project', plural: 'projects' };

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

export const projectDescription: INodeProperties[] = [
	operationSelector(project, ['create', 'delete', 'get', 'getAll', 'update']),
	recordPickerOf(project, 'Project', numberedPickerDescription('project', '62788980'), ['get', 'update', 'delete']),
	{ ...name, required: true, displayOptions: { show: { resource: ['project'], operation: ['create'] } } },
	...createFields(project, [projectNumber, projectState]),
	updateFields(project, [name, projectNumber, projectState]),
	...sharedParameters(project, { writes: true }),
];
