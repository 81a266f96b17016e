/**
 * The "Options" collection: Include and Simplify for operations that return records, and
 * Parallel Requests for all of them.
 */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_PARALLEL_REQUESTS, PARALLEL_REQUESTS_DEFAULT } from '../router';

const DEFAULT_PARALLEL_REQUESTS = PARALLEL_REQUESTS_DEFAULT.read;

/** At most this many fields are kept by Simplify. */
export const SIMPLIFY_MAX_FIELDS = 10;

const parallelRequests: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		"How many input items are sent to Moment at the same time (taken from the first item). Requests are paced to at most 28 per second per API key whatever the value, so Moment's limit of 30 is kept. Output order always equals input order; set 1 if records must reach Moment in input order.",
};

const include: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'string',
	default: '',
	placeholder: 'e.g. base+email',
	description:
		"Fields or parts for Moment to return, joined with + (sent as /include/base+email). Inner fields come back flattened: customer.name as customerName. Not every Moment entity accepts includes.",
};

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export function optionsProperties(
	recordShow: { resource: string[]; operation: string[] },
	deleteResources: string[],
): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: recordShow },
			options: [include, parallelRequests, simplify],
		},
	];
	if (deleteResources.length > 0) {
		properties.push({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { resource: deleteResources, operation: ['delete'] } },
			options: [parallelRequests],
		});
	}
	return properties;
}
