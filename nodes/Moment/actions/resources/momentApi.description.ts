/**
 * What the user sees for Resource = Moment API: Check Compatibility, which reads from Moment and
 * reports, one item per assumption, whether what this package assumes about Moment's API holds for
 * the user's Moment (actions/compatibility/). It has no parameters: it only reads, and runs once.
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
				description:
					'Test every assumption this package makes about Moment\'s API against your Moment, by reading only; one output item per assumption and a summary',
			},
		],
		default: 'checkCompatibility',
	},
	{
		displayName:
			'Reads only, never writes: about 90 requests, paced like any other, usually under a minute. It runs once, whatever the number of input items. Each item says whether an assumption holds, differs or cannot be told, what depends on it, and what to do; the last item is a summary to paste into an issue. No item holds your API key or your records\' content.',
		name: 'checkCompatibilityNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource, operation: ['checkCompatibility'] } },
	},
];
