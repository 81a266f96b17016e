/**
 * resources/momentApi/: the screen of Moment API > Check Compatibility (map: docs/development.md).
 * resources/momentApi/: this file is the screen (no runtime code imports it); the operation is checkCompatibility.ts.
 * What the user sees for Resource = Moment API: Check Compatibility, which reads from Moment and
 * reports, one item per assumption, whether what this package assumes about Moment's API holds for
 * the user's Moment (checkCompatibility.ts and the files beside it). It has no parameters: it only reads, and runs once.
 */
import type { INodeProperties } from 'n8n-workflow';

const resource = ['momentApi'];

export const momentApiDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Check Compatibility',
				value: 'checkCompatibility',
				action: 'Check compatibility',
				description: "Test this package's assumptions about Moment's API against your Moment, by reading only",
			},
		],
		default: 'checkCompatibility',
	},
	{
		displayName:
			"Reads only (about 90 requests, paced), once per execution. One item per assumption: holds, differs or cannot tell, what depends on it, what to do; then a summary to paste into an issue. No API key or record content in the output.",
		name: 'checkCompatibilityNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource, operation: ['checkCompatibility'] } },
	},
];
