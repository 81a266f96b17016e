/**
 * Create's and Update's JSON field, the same for every resource: any field of the record the
 * screen does not offer typed, with Moment's own field names. The typed fields (the resource's
 * screen) win when a field is given in both. The runtime side is actions/writeBody.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { FROM_VERSION_1_1, ONLY_VERSION_1 } from './nodeVersions';

const writes = ['create', 'update'];

const otherFieldsJson: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFieldsJson',
	type: 'json',
	default: '{}',
	displayOptions: { show: { operation: writes, ...FROM_VERSION_1_1 } },
	description:
		'Fields not offered above, as a JSON object with Moment\'s field names (case-sensitive), e.g. {"description": "Q3"}. A field given above too takes the value above.',
};

export const writeFieldsJson: INodeProperties[] = [
	otherFieldsJson,
	{
		...otherFieldsJson,
		displayName: 'Additional Fields (JSON)',
		name: 'additionalFieldsJson',
		displayOptions: { show: { operation: writes, ...ONLY_VERSION_1 } },
	},
];
