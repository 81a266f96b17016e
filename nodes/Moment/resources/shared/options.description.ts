/**
 * Shared screen part (resources/shared/; map: docs/development.md, "Where each concern lives").
 * What every resource's screen ends with: the Simplify switch of Get and Get Many, and the
 * Options collection of each operation (Include, Parallel Requests). A screen adds them with
 * `...updateDisplayOptions({ show: { resource } }, recordOptions)`, or `recordOptionsWithoutInclude`
 * for a resource whose catalog entry says `takesInclude: false`.
 *
 * Reads run 5 items at a time by default, writes (Create, Update, Delete) one at a time: a failed
 * write must never leave records written out of sight (actions/router.ts, writeReport.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { FROM_VERSION_1_1, ONLY_VERSION_1 } from './nodeVersions.description';

const include: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'string',
	default: '',
	placeholder: 'e.g. base+email',
	description:
		'Fields or parts for Moment to return, joined with + (sent as /include/base+email). Inner fields come back flattened: customer.name as customerName.',
};

const parallelReads: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 5,
	description:
		"How many input items are read from Moment at the same time (taken from the first item). Requests are paced to at most 28 per second per API key whatever the value, so Moment's limit of 30 is kept. Output order always equals input order.",
};

const parallelWrites: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 1,
	description:
		"How many input items are written to Moment at the same time (taken from the first item). With 1, items are written one after the other, and after a failure no further item is started. With more, the items already being written when one fails still finish; the node's error then lists every item already applied in Moment, with its ID, so none is written twice by running again. Requests are paced to at most 28 per second per API key; output order always equals input order.",
};

/** Version 1 had Simplify here (off by default), for Create and Update too. */
const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [include, parallelReads],
};

const reads = ['get', 'getAll'];
const writes = ['create', 'update'];

/** Get and Get Many: at most 10 fields per record (the resource's main fields first) when on. */
const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	displayOptions: { show: { operation: reads, ...FROM_VERSION_1_1 } },
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const recordOptions: INodeProperties[] = [
	simplify,
	{ ...options, displayOptions: { show: { operation: reads, ...FROM_VERSION_1_1 } } },
	{ ...options, displayOptions: { show: { operation: reads, ...ONLY_VERSION_1 } }, options: [include, parallelReads, simplifyOption] },
	{ ...options, displayOptions: { show: { operation: writes, ...FROM_VERSION_1_1 } }, options: [include, parallelWrites] },
	{ ...options, displayOptions: { show: { operation: writes, ...ONLY_VERSION_1 } }, options: [include, parallelWrites, simplifyOption] },
	{ ...options, displayOptions: { show: { operation: ['delete'] } }, options: [parallelWrites] },
];

export const recordOptionsWithoutInclude: INodeProperties[] = [
	simplify,
	{ ...options, displayOptions: { show: { operation: reads } }, options: [parallelReads] },
	{ ...options, displayOptions: { show: { operation: [...writes, 'delete'] } }, options: [parallelWrites] },
];
