/**
 * resources/event/: the screen of Event > Pass Each Once (map: docs/development.md).
 * resources/event/: this file is the screen (no runtime code imports it); the operation is passEachOnce.ts.
 * What the user sees for Resource = Event: Pass Each Once, a repeat filter for items of the Moment
 * Trigger and the Moment Poll Trigger (no Moment API call; no credential: Moment.node.ts hides it
 * for this resource). The AI tool variant (`@tool`) neither lists Event (the option-level rule on
 * Moment.node.ts's Resource list, which the editor applies in n8n 2.41.3 and 1.123.81: test/ui
 * scenario "tool") nor gets an operation here, and passEachOnce.ts refuses to run in it: it
 * filters a workflow's trigger items, which means nothing to an agent.
 * The runtime, with which key it uses, is passEachOnce.ts (beside this file). User docs:
 * docs/pass-each-once.md.
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
		displayOptions: { show: { resource, '@tool': [false] } },
		options: [
			{
				name: 'Pass Each Once',
				value: 'passEachOnce',
				action: 'Pass each event once',
				description: 'Let each Moment Trigger or Moment Poll Trigger event through once and hold back repeats',
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
				description: "The item's changeKey, else the deliveryKey of a finalized invoice",
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'A value of your own, from an expression',
			},
		],
		default: 'automatic',
	},
	{
		displayName: 'Custom Key',
		name: 'customKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.eventId }}',
		description: 'Text or a number; items with the same value are the same event',
		displayOptions: { show: { ...show, key: ['custom'] } },
	},
	{
		displayName: 'Remember the Last',
		name: 'rememberLast',
		type: 'number',
		default: 10000,
		typeOptions: { minValue: 1, maxValue: 100000, numberPrecision: 0 },
		hint: 'Events. When a new one passes, the oldest is forgotten: it never fills up.',
		description: 'More than the workflow sees in a Poll Time, or while n8n may be down',
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
				description: 'Repeats leave the workflow',
			},
			{
				name: 'Send to Second Output',
				value: 'output',
				description: 'A second output, Repeats, carries them',
			},
		],
		default: 'output',
	},
];
