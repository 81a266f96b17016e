/**
 * The record picker (`id`): a resource locator with "From list" (searchable, built from Moment's
 * list) and "By ID". One per resource, shown for the operations that act on one record.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../../catalog';
import { RECORD_ID_PATTERN } from '../../transport';
import { article, lowerName } from './text';

/** Name of the list-search method in methods/listSearch.ts. */
export const SEARCH_RECORDS_METHOD = 'searchRecords';


const SINGLE_RECORD_OPERATIONS: readonly OperationName[] = ['get', 'update', 'delete'];

export function recordLocatorProperty(resource: MomentResource): INodeProperties | undefined {
	const operations = SINGLE_RECORD_OPERATIONS.filter((operation) => resource.operations.includes(operation));
	if (operations.length === 0) return undefined;
	const one = lowerName(resource);
	return {
		displayName: resource.displayName,
		name: 'id',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${one} to use. Give its Moment ID, a whole number such as 106939080 (not the ${resource.numberField} users see), or pick it from the list.`,
		displayOptions: { show: { resource: [resource.value], operation: [...operations] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article(one)} ${one}...`,
				typeOptions: { searchListMethod: SEARCH_RECORDS_METHOD, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 106939080',
				hint: `The Moment ID of the ${one}: digits only`,
				// the transport's own rule; validateRecordId checks again at run time
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RECORD_ID_PATTERN,
							errorMessage: `Not a valid ${one} ID: Moment IDs are positive whole numbers such as 106939080`,
						},
					},
				],
			},
		],
	};
}
