/**
 * The trigger's parameters, built from the catalog's webhook sources: one Event Source option and
 * one set-up notice (naming the Moment webhook type to pick) per source.
 */
import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../catalog';
import { TOKEN_QUERY_PARAMETER } from './secret';

export const DEFAULT_SOURCE = 'invoice';

function setupNotice(source: (typeof WEBHOOK_SOURCES)[number]): INodeProperties {
	return {
		// Plain text: n8n 2.41 shows a notice's text with HTML tags stripped (no bold, no line breaks).
		displayName:
			`Moment cannot register webhooks through its API, so connect it by hand. ` +
			`Step 1: copy the Production URL from "Webhook URLs" above. ` +
			`Step 2: in Moment, open Setup > Settings > Integrations > + New integration, pick the webhook type "${source.momentWebhookType}" and paste the URL ` +
			`(if you set a Secret below, add ?${TOKEN_QUERY_PARAMETER}= and the Secret to its end). ` +
			`Step 3: publish (activate) this workflow. ` +
			`The Test URL only listens while you click "Listen for test event": use it in Moment only for a quick test.`,
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { eventSource: [source.value] } },
	};
}

function knownEventsText(): string {
	const known = WEBHOOK_SOURCES.filter((source) => source.knownEvents.length > 0).map(
		(source) => `${source.knownEvents.join(', ')} (${source.momentWebhookType})`,
	);
	return known.length > 0
		? `Moment documents only ${known.join('; ')}.`
		: 'Moment does not document its event names.';
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event Source',
		name: 'eventSource',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: DEFAULT_SOURCE,
		options: WEBHOOK_SOURCES.map((source) => ({
			name: source.displayName,
			value: source.value,
			description: `Moment webhook type "${source.momentWebhookType}"${source.payloadDocumented ? '' : ' (payload assumed like invoices\')'}`,
		})),
		description: 'Which Moment webhook integration posts to this trigger. Create one Moment integration, and one trigger, per type.',
	},
	...WEBHOOK_SOURCES.map(setupNotice),
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: `Optional. When set, the URL in Moment must end with ?${TOKEN_QUERY_PARAMETER}=&lt;this secret&gt;; calls without it are refused (401) and start nothing. Moment does not sign its webhooks, so this is what tells its calls apart from anyone else's. Use letters and digits only, at least 20 of them.`,
	},
	{
		displayName: 'Only Events',
		name: 'events',
		type: 'string',
		default: '',
		placeholder: 'e.g. CREATE_NEW',
		description: `Optional. Comma-separated "event" values to run for; other events are acknowledged and ignored. Leave empty to run for every event. ${knownEventsText()} To learn the others, run once without a filter and look at the "event" field.`,
	},
	{
		displayName: 'Fetch Full Record',
		name: 'fetchFullRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the whole record from Moment with the Moment API credential and add it to the item as "record". Moment\'s webhooks carry little more than the ID.',
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'string',
		default: '',
		placeholder: 'e.g. base',
		description: 'Optional. Moment fields or parts to request, joined with +, e.g. base+email. Leave empty for Moment\'s default fields.',
		displayOptions: { show: { fetchFullRecord: [true] } },
	},
];

/** `={{ {"invoice":"Invoice", ...}[$parameter["eventSource"]] }}`: the source's name under the node. */
export const triggerSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(WEBHOOK_SOURCES.map((source) => [source.value, source.displayName])),
)}[$parameter["eventSource"]] }}`;
