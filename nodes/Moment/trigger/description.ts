/**
 * The Moment Trigger's parameters, written out as n8n reads them (docs/development.md; a test
 * checks the Event Source options against the catalog's webhook sources). Runtime code never
 * imports this file.
 *
 * Version 2 keeps the secret in a Moment Webhook API credential (Authentication) and the optional
 * settings in Options; versions 1 and 1.1 keep their Secret, Only Events and Include parameters, so
 * workflows saved with them behave as before.
 */
import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event Source',
		name: 'eventSource',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'invoice',
		options: [
			{ name: 'Claim', value: 'claim', description: 'Moment webhook type "Claims" (payload assumed)' },
			{ name: 'Customer', value: 'customer', description: 'Moment webhook type "Customers" (payload assumed)' },
			{ name: 'Invoice', value: 'invoice', description: 'Moment webhook type "Invoices" (payload documented)' },
			{ name: 'Offer Change', value: 'offer', description: 'Moment webhook type "Offers: Changes" (payload assumed)' },
			{
				name: 'Offer Decision (Accepted/Declined)',
				value: 'offerDecision',
				description: 'Moment webhook type "Offers: Decisions (Accepted/Declined)" (payload assumed)',
			},
			{ name: 'Project', value: 'project', description: 'Moment webhook type "Projects" (payload assumed)' },
		],
		description: 'Which Moment webhook integration posts to this trigger. Create one Moment integration, and one trigger, per type.',
	},
	{
		// Plain text: n8n 2.41 shows a notice's text with HTML tags stripped (no bold, no line breaks).
		displayName:
			'Moment cannot register webhooks through its API, so connect it by hand. ' +
			'Step 1: copy the Production URL from "Webhook URLs" above. ' +
			'Step 2: in Moment, open Setup > Settings > Integrations > + New integration, pick the webhook type of the Event Source (Claims, Customers, Invoices, Offers: Changes, Offers: Decisions (Accepted/Declined) or Projects) and paste the URL; ' +
			'if this trigger checks a secret token, add ?token= and the secret to its end. ' +
			'Step 3: publish (activate) this workflow. ' +
			'The Test URL only listens while you click "Listen for test event": use it in Moment only for a quick test.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'none',
		options: [
			{ name: 'None', value: 'none', description: 'Anyone who knows the URL can start the workflow' },
			{
				name: 'Secret Token in URL',
				value: 'secretToken',
				description: 'The URL in Moment must end with ?token= and the secret of a Moment Webhook API credential; other calls get 401',
			},
		],
		description:
			"Moment does not sign its webhooks: a secret token in the URL is what tells its calls apart from anyone else's. n8n keeps the secret encrypted in the credential, never in the workflow.",
		displayOptions: { show: { '@version': [2] } },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"Optional. When set, the URL in Moment must end with ?token=&lt;this secret&gt;; calls without it are refused (401) and start nothing. Moment does not sign its webhooks, so this is what tells its calls apart from anyone else's. Use letters and digits only, at least 20 of them.",
		displayOptions: { show: { '@version': [1, 1.1] } },
	},
	{
		displayName: 'Only Events',
		name: 'events',
		type: 'string',
		default: '',
		placeholder: 'e.g. CREATE_NEW',
		description:
			'Optional. Comma-separated "event" values to run for; other events are acknowledged and ignored. Leave empty to run for every event. Moment documents only CREATE_NEW (Invoices). To learn the others, run once without a filter and look at the "event" field.',
		displayOptions: { show: { '@version': [1, 1.1] } },
	},
	{
		displayName: 'Fetch Full Record',
		name: 'fetchFullRecord',
		type: 'boolean',
		default: false,
		description:
			"Whether to read the whole record from Moment with the Moment API credential and add it to the item as \"record\". Moment's webhooks carry little more than the ID.",
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'string',
		default: '',
		placeholder: 'e.g. base',
		description: "Optional. Moment fields or parts to request with the full record, joined with +, e.g. base+email. Leave empty for Moment's default fields.",
		displayOptions: { show: { '@version': [1, 1.1], fetchFullRecord: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': [2] } },
		options: [
			{
				displayName: 'Include',
				name: 'include',
				type: 'string',
				default: '',
				placeholder: 'e.g. base',
				description: "Moment fields or parts to request with the full record, joined with +, e.g. base+email. Leave empty for Moment's default fields.",
				displayOptions: { show: { '/fetchFullRecord': [true] } },
			},
			{
				displayName: 'Only Events',
				name: 'events',
				type: 'string',
				default: '',
				placeholder: 'e.g. CREATE_NEW',
				description:
					'Comma-separated "event" values to run for; other events are acknowledged and ignored. Leave empty to run for every event. Moment documents only CREATE_NEW (Invoices). To learn the others, run once without a filter and look at the "event" field.',
			},
		],
	},
];

/** The source's name under the node. */
export const triggerSubtitle =
	'={{ {"claim":"Claim","customer":"Customer","invoice":"Invoice","offer":"Offer Change","offerDecision":"Offer Decision (Accepted/Declined)","project":"Project"}[$parameter["eventSource"]] }}';
