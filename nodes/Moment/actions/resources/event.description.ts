/**
 * What the user sees for Resource = Event: Pass Each Once, a repeat filter for items of the Moment
 * Trigger and the Moment Poll Trigger (no Moment API call; no credential: Moment.node.ts hides it
 * for this resource, and keeps the resource out of the AI tool's list). The runtime is
 * events/passEachOnce.ts; which key it uses, events/eventKey.ts. User docs: docs/pass-each-once.md.
 */
import type { INodeProperties } from 'n8n-workflow';

const resource = ['event'];
const show = { resource, operation: ['passEachOnce'] };

export const eventDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Pass Each Once',
				value: 'passEachOnce',
				action: 'Pass each event once',
				description:
					'Let each event of the Moment Trigger or Moment Poll Trigger through once and hold back repeats, remembering the last events in n8n\'s database',
			},
		],
		default: 'passEachOnce',
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					"The item's changeKey (Moment Poll Trigger, and Moment Trigger with Fetch Full Record), else the deliveryKey of a finalized invoice",
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'A value of your own, from an expression',
			},
		],
		default: 'automatic',
		description: 'What tells two items apart: items with the same key are the same event',
	},
	{
		displayName: 'Custom Key',
		name: 'customKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.eventId }}',
		description: 'Items with the same value count as the same event; text or a number',
		displayOptions: { show: { ...show, key: ['custom'] } },
	},
	{
		displayName: 'Remember the Last',
		name: 'rememberLast',
		type: 'number',
		default: 10000,
		typeOptions: { minValue: 1, maxValue: 100000, numberPrecision: 0 },
		hint: 'Events. When a new one passes, the oldest is forgotten: the history never fills up.',
		description:
			'How many of the latest events to remember. Repeats come within minutes, the poll trigger one Poll Time after the webhook, or after n8n was down: remember more events than the workflow sees in that time.',
		displayOptions: { show },
	},
	{
		displayName: 'Repeats',
		name: 'repeats',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Drop',
				value: 'drop',
				description: 'Repeats leave the workflow; the execution says how many',
			},
			{
				name: 'Send to Second Output',
				value: 'output',
				description: 'A second output, Repeats, carries the items held back',
			},
		],
		default: 'output',
		description: 'What happens to an item whose key passed before',
	},
];
