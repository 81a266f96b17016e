/**
 * Shared screen part (resources/shared/; map: docs/development.md, "Where each concern lives").
 * The blocks every record resource's screen repeats in the same words, built from the resource's
 * noun: the Operation selector (Create, Delete, Get, Get Many, Update), the record picker of Get,
 * Update and Delete, Create's "Additional Fields" and Update's "Update Fields" collections, and the
 * shared parameters a screen ends with (the JSON field, Get Many, Options). A screen gives only
 * what is its own: its fields, filters, and the texts that differ from the common ones.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties, getManyPropertiesWith } from './getMany.description';
import { createFieldsInEveryVersion, writeFieldsJson } from './nodeVersions.description';
import { recordOptions, recordOptionsWithoutInclude } from './options.description';
import { recordPicker } from './recordPicker.description';

export type RecordOperation = 'create' | 'delete' | 'get' | 'getAll' | 'update';

/** How a screen names its records: `customer`, `a customer`, `customers`. */
export interface RecordNoun {
	resource: string;
	noun: string;
	plural: string;
}

/** `an activity`, `an offer`, `a user`: the resources' nouns take `an` before a, e, i, o. */
const aNoun = ({ noun }: RecordNoun) => `${/^[aeio]/.test(noun) ? 'an' : 'a'} ${noun}`;

const NAMES: Record<RecordOperation, string> = { create: 'Create', delete: 'Delete', get: 'Get', getAll: 'Get Many', update: 'Update' };

/** The option of one operation; `description` replaces the common one. */
function operationOption(what: RecordNoun, operation: RecordOperation, description?: string): INodePropertyOptions {
	const { noun, plural } = what;
	const texts: Record<RecordOperation, [string, string]> = {
		create: [`Create ${aNoun(what)}`, `Create a new ${noun} in Moment`],
		delete: [`Delete ${aNoun(what)}`, `Permanently delete ${aNoun(what)} from Moment`],
		get: [`Get ${aNoun(what)}`, `Retrieve one ${noun} by its Moment ID`],
		getAll: [`Get many ${plural}`, `Retrieve many ${plural}, optionally filtered; one output item per ${noun}`],
		update: [`Update ${aNoun(what)}`, `Change fields of an existing ${noun}; fields left out stay as they are`],
	};
	const [action, common] = texts[operation];
	return { name: NAMES[operation], value: operation, action, description: description ?? common };
}

/** The Operation selector of a resource, its operations in the order given (alphabetical on screen). */
export function operationSelector(
	what: RecordNoun,
	operations: RecordOperation[],
	descriptions: Partial<Record<RecordOperation, string>> = {},
): INodeProperties {
	const opensOn = operations.includes('get') ? 'get' : operations[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [what.resource] } },
		options: operations.map((operation) => operationOption(what, operation, descriptions[operation])),
		default: opensOn,
	};
}

/** The common picker description of a record that also has a number users see. */
export function numberedPickerDescription(noun: string, example: string): string {
	return `The ${noun} to use. Give its Moment ID, a whole number such as ${example} (not the ${noun} number users see), or pick it from the list.`;
}

/** The record picker of the resource's operations that name one record. */
export function recordPickerOf(what: RecordNoun, displayName: string, description: string, operation: RecordOperation[]): INodeProperties {
	return { ...recordPicker, displayName, description, displayOptions: { show: { resource: [what.resource], operation } } };
}

/** Create's optional fields ("Additional Fields"; "Fields" in version 1). */
export function createFields(what: RecordNoun, options: INodeProperties[]): INodeProperties[] {
	const additionalFields: INodeProperties = {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: `Optional fields of the new ${what.noun}`,
		options,
	};
	return updateDisplayOptions({ show: { resource: [what.resource], operation: ['create'] } }, createFieldsInEveryVersion(additionalFields));
}

/** Update's fields to change. */
export function updateFields(what: RecordNoun, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [what.resource], operation: ['update'] } },
		description: `Fields of the ${what.noun} to change; fields not added stay as they are`,
		options,
	};
}

/**
 * What a screen ends with: the JSON field of Create and Update (`writes`), Get Many with the
 * resource's own filters, Simplify and Options (without Include when `takesInclude` is false).
 */
export function sharedParameters(
	what: RecordNoun,
	{ writes = false, filters, takesInclude = true }: { writes?: boolean; filters?: INodeProperties[]; takesInclude?: boolean } = {},
): INodeProperties[] {
	const show = { show: { resource: [what.resource] } };
	return [
		...(writes ? updateDisplayOptions(show, writeFieldsJson) : []),
		...updateDisplayOptions(show, filters ? getManyPropertiesWith(filters) : getManyProperties),
		...updateDisplayOptions(show, takesInclude ? recordOptions : recordOptionsWithoutInclude),
	];
}
