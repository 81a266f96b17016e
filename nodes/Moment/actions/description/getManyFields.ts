/**
 * Get Many parameters (shared by every resource that has Get Many): Return All, Limit, Filters.
 *
 * Moment documents no filter names. Each filter says what it is sent as and that it is unverified,
 * so users (and AI agents) check the results instead of trusting a filter Moment may ignore.
 */
import type { INodeProperties } from 'n8n-workflow';

/** Filter parameter name → Moment query parameter (the same names; listed to keep them in one place). */
export const DATE_FILTERS = [
	{ name: 'createdDateFrom', displayName: 'Created From', what: 'created at or after this time' },
	{ name: 'createdDateTo', displayName: 'Created To', what: 'created at or before this time' },
	{ name: 'lastModifiedDateFrom', displayName: 'Last Modified From', what: 'changed at or after this time' },
	{ name: 'lastModifiedDateTo', displayName: 'Last Modified To', what: 'changed at or before this time' },
] as const;

/** Query parameters the node sets itself; "Other Query Parameters" may not use them. */
export const RESERVED_QUERY_PARAMETERS = ['page', 'size'];

const UNVERIFIED = 'the name comes from another integration and is unverified: if Moment ignores it, the records are not filtered';

function dateFilter(filter: (typeof DATE_FILTERS)[number]): INodeProperties {
	return {
		displayName: filter.displayName,
		name: filter.name,
		type: 'dateTime',
		default: '',
		description: `Only records ${filter.what}. Passed to Moment as the query parameter ${filter.name}; ${UNVERIFIED}.`,
	};
}

export function getManyProperties(resourceValues: string[]): INodeProperties[] {
	const show = { resource: resourceValues, operation: ['getAll'] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			displayOptions: { show },
			default: {},
			description:
				'Narrow the list. Moment does not document its filters, so each one says what it is sent as; check the results.',
			options: [
				...DATE_FILTERS.map(dateFilter),
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
				{
					displayName: 'Search Text',
					name: 'query',
					type: 'string',
					default: '',
					placeholder: 'e.g. Acme',
					description: `Free-text search. Passed to Moment as the query parameter query; ${UNVERIFIED}.`,
				},
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
		},
	];
}
