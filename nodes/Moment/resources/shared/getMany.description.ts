/**
 * Shared screen part (resources/shared/; map: docs/development.md, "Where each concern lives").
 * Get Many's parameters, the same for every resource: Return All, Limit and the Filters list.
 * A resource with filters of its own (catalog `listFilters`) adds them to `getManyFilters.options`
 * in its screen.
 *
 * Moment documents no filter names. Each filter says what it is sent as and that it is unverified,
 * so users (and AI agents) check the results instead of trusting a filter Moment may ignore. The
 * runtime side is actions/listQuery.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

const getAll = { operation: ['getAll'] };

/** A filter sent to Moment under its own name, which no documentation confirms. */
function unverifiedFilter(displayName: string, name: string, type: 'dateTime' | 'string', only: string, placeholder?: string): INodeProperties {
	return {
		displayName,
		name,
		type,
		default: '',
		...(placeholder ? { placeholder } : {}),
		description: `${only}. Passed to Moment as the query parameter ${name}; the name comes from another integration and is unverified: if Moment ignores it, the records are not filtered.`,
	};
}

const getManyFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions: { show: getAll },
	description:
		'Narrow the list. Moment does not document its filters, so each one says what it is sent as; check the results.',
	options: [
		unverifiedFilter('Created From', 'createdDateFrom', 'dateTime', 'Only records created at or after this time'),
		unverifiedFilter('Created To', 'createdDateTo', 'dateTime', 'Only records created at or before this time'),
		unverifiedFilter('Last Modified From', 'lastModifiedDateFrom', 'dateTime', 'Only records changed at or after this time'),
		unverifiedFilter('Last Modified To', 'lastModifiedDateTo', 'dateTime', 'Only records changed at or before this time'),
		{
			displayName: 'Other Query Parameters',
			name: 'otherQueryParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Query Parameter',
			default: {},
			description:
				'Query parameters sent to Moment as they are, for filters not listed here (e.g. projectState = inProgress). Moment seems to ignore names it does not know, so check the results.',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. projectState',
							description: 'Name of the query parameter, exactly as Moment spells it',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. inProgress',
							description: 'Value of the query parameter',
						},
					],
				},
			],
		},
		unverifiedFilter('Search Text', 'query', 'string', 'Free-text search', 'e.g. Acme'),
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: 'e.g. name,asc',
			description:
				"Sort order as field,direction (asc or desc). Passed to Moment as the query parameter sort; unverified: if Moment ignores it, records come in Moment's own order.",
		},
	],
};

/**
 * Get Many's parameters with a resource's own filters (catalog `listFilters`, same names) added to
 * the shared ones, in alphabetical order like every options list of the node.
 */
export function getManyPropertiesWith(ownFilters: INodeProperties[]): INodeProperties[] {
	const options = [...(getManyFilters.options as INodeProperties[]), ...ownFilters].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return getManyProperties.map((property) => (property.name === 'filters' ? { ...property, options } : property));
}

export const getManyProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show: getAll },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...getAll, returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	getManyFilters,
];
