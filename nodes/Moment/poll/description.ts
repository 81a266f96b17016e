/**
 * poll/: the Moment Poll Trigger's screen (map: docs/development.md).
 * The Moment Poll Trigger's parameters, as n8n shows them (n8n adds "Poll Times" itself for a
 * polling node). Literal text, so reviewers and n8n's linters read what users see; the resource
 * options are checked against the catalog's listable resources by the tests. Runtime code reads
 * the values through settings.ts and never imports this file.
 */
import type { INodeProperties } from 'n8n-workflow';

export const pollTriggerSubtitle =
	'={{ ({ activity: "Activities", claim: "Claims", customer: "Customers", invoice: "Invoices", offer: "Offers", project: "Projects", projectMembership: "Project Memberships", task: "Tasks", timeRecord: "Time Records", user: "Users" })[$parameter["resource"]] + ($parameter["event"] === "new" ? ": new" : ": new or changed") + ($parameter["includeDeleted"] ? ", deleted" : "") }}';

export const pollTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Checks Moment at every Poll Time and starts the workflow with one item per new or changed record, each exactly once: a poll that cannot read the whole list fails and the next one sees the same changes again. No public URL is needed. For speed, combine it with the Moment Trigger and a Moment node on Event > Pass Each Once (see the README).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'invoice',
		options: [
			{ name: 'Activity', value: 'activity', description: "Activities of projects (Moment's project extensions)" },
			{ name: 'Claim', value: 'claim', description: 'Travel and expense claims (API path "claims" assumed)' },
			{ name: 'Customer', value: 'customer', description: 'Customers' },
			{ name: 'Invoice', value: 'invoice', description: 'Finalized invoices' },
			{ name: 'Offer', value: 'offer', description: 'Sales offers (quotes)' },
			{ name: 'Project', value: 'project', description: 'Projects' },
			{ name: 'Project Membership', value: 'projectMembership', description: 'Who is on which project, in what role' },
			{ name: 'Task', value: 'task', description: 'Tasks of activities' },
			{ name: 'Time Record', value: 'timeRecord', description: 'Hours registered by users (every time record is read at each poll)' },
			{ name: 'User', value: 'user', description: 'User accounts' },
		],
		description: 'Which Moment records to watch. The trigger reads the whole list at every poll (500 records per request).',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'newOrChanged',
		options: [
			{
				name: 'New Records',
				value: 'new',
				description: 'Records the trigger has not seen before',
			},
			{
				name: 'New or Changed Records',
				value: 'newOrChanged',
				description: 'Records the trigger has not seen before, and records whose change stamp (or content) differs from the last poll',
			},
		],
	},
	{
		displayName: 'Include Deleted Records',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description:
			'Whether to also emit records the trigger saw before that are gone from a complete read of the list (event "deleted"), after Moment answered 404 for each of them. Not available with "Ask Moment for Changed Records Only".',
	},
	{
		displayName: 'On First Poll',
		name: 'start',
		type: 'options',
		noDataExpression: true,
		default: 'nothing',
		options: [
			{
				name: 'Emit Nothing, Remember What Exists',
				value: 'nothing',
				description: 'Only changes made after the first poll are emitted',
			},
			{
				name: 'Emit Every Existing Record',
				value: 'all',
				description: 'The first poll emits every record (matching the filters) as new',
			},
			{
				name: 'Emit Records Changed Since a Date',
				value: 'since',
				description: 'The first poll emits the records created (New Records) or last changed (New or Changed Records) at or after the date; needs records that carry such a date',
			},
		],
		description:
			'What the first poll after publishing does. It runs again when the Resource, the Change Detection or the credential\'s company changes, since the remembered records then no longer apply.',
	},
	{
		displayName: 'Since',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { start: ['since'] } },
		description: 'The first poll emits the records created or changed at or after this time (in the workflow\'s time zone)',
	},
	{
		displayName: 'Fetch Full Record',
		name: 'fetchFullRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each emitted record with its own request (a Get by ID) and put that in "record" instead of the list\'s copy. Turn it on when the list gives less than the record, and in a workflow that also has a Moment Trigger with Fetch Full Record, so both compute the same change key.',
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'string',
		default: '',
		placeholder: 'e.g. base+email',
		displayOptions: { show: { fetchFullRecord: [true] } },
		description: 'Optional. Moment fields or parts to request for each fetched record, joined with +. Leave empty for Moment\'s default fields.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Which records to emit. The trigger checks them on each record itself; Moment is not asked to filter, so the trigger still reads every record and can tell what is new, changed or deleted.',
		options: [
			{
				displayName: 'Created From',
				name: 'createdFrom',
				type: 'dateTime',
				default: '',
				description:
					'Only records created at or after this time (createdDate or a similar field). Records that carry no creation date are emitted anyway, since the trigger cannot tell.',
			},
			{
				displayName: 'Field Values',
				name: 'fieldValues',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Field Value',
				default: {},
				description: 'Only records whose fields have these values (all of them). Compared as text, exactly.',
				options: [
					{
						displayName: 'Field Value',
						name: 'fieldValue',
						values: [
							{
								displayName: 'Field',
								name: 'field',
								type: 'string',
								default: '',
								placeholder: 'e.g. exportState',
								description: 'Field name as Moment spells it; use a dot for a nested field, e.g. customer.customerNumber',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. toTransfer',
								description: 'The value the field must have',
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ask Moment for Changed Records Only',
				name: 'changedSinceFilter',
				type: 'boolean',
				default: false,
				description:
					'Whether to send lastModifiedDateFrom (the last change seen, minus a day) so Moment lists only recently changed records, fewer requests for a large list. Unverified: the trigger still compares every record it gets with its stamps. The first poll reads the whole list. Deleted records cannot be told from such a read.',
			},
			{
				displayName: 'Change Detection',
				name: 'changeDetection',
				type: 'options',
				default: 'auto',
				options: [
					{
						name: 'Automatic',
						value: 'auto',
						description: 'The first change stamp every record carries (version, lastModifiedDate, modifiedDate, lastModified, updatedAt, updatedDate), else a hash of each record',
					},
					{
						name: 'Field I Name',
						value: 'field',
						description: 'A field of your choice that changes whenever the record changes',
					},
					{
						name: 'Record Hash',
						value: 'hash',
						description: 'A hash of each record as listed: any change to any field counts',
					},
				],
				description: 'How the trigger tells that a record changed. Changing it makes the next poll a first poll again.',
			},
			{
				displayName: 'Change Stamp Field',
				name: 'changeStampField',
				type: 'string',
				default: '',
				placeholder: 'e.g. version',
				displayOptions: { show: { changeDetection: ['field'] } },
				description: 'Name of the field that changes whenever the record changes, as Moment spells it',
			},
		],
	},
];
