/**
 * Shared screen part (resources/shared/; map: docs/development.md, "Where each concern lives").
 * The record picker of Get, Update and Delete (parameter `id`): "From List" searches Moment's list
 * (methods/listSearch.ts, `searchRecords`), "By ID" takes a Moment ID checked by the one ID rule
 * (catalog/recordId.ts). Each resource's screen gives it its own label and description.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RECORD_ID_PATTERN } from '../../catalog';

export const recordPicker: INodeProperties = {
	displayName: 'Record',
	name: 'id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The record to use: pick it from the list, or give its Moment ID, a whole number such as 106939080',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search by number or name...',
			typeOptions: { searchListMethod: 'searchRecords', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 106939080',
			hint: 'The Moment ID of the record: digits only',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: RECORD_ID_PATTERN,
						errorMessage: 'Not a valid Moment ID: Moment IDs are positive whole numbers such as 106939080',
					},
				},
			],
		},
	],
};

/**
 * A picker for a record of another resource, sent in the body (a time record's Project, Activity,
 * User, Task): `name` is the API field, `searchListMethod` one of methods/listSearch.ts. Not
 * required (it may sit in a collection); a screen marks the required ones.
 */
export function linkedRecordPicker(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	const modes = recordPicker.modes!.map((mode) =>
		mode.name === 'list' ? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod } } : mode,
	);
	return { ...recordPicker, displayName, name, description, modes, required: false };
}
