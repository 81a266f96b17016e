/** The Moment Trigger node: its screen is trigger/description.ts, a delivery trigger/webhook.ts, publishing trigger/lifecycle.ts (map: docs/development.md). */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties, triggerSubtitle } from './trigger/description';
import { momentWebhookLifecycle } from './trigger/lifecycle';
import { testWebhookSecret } from './trigger/secret';
import { handleMomentWebhook } from './trigger/webhook';

/** Moment Trigger: the URL Moment's webhook integrations POST to; its parts are in ./trigger/ (docs/development.md). */
export class MomentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moment Trigger',
		name: 'momentTrigger',
		icon: { light: 'file:../../icons/moment.svg', dark: 'file:../../icons/moment.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1. It exists because n8n (2.x, live-webhooks / parseRequestBody)
		// evaluates an extra expression for every webhook request whose start node has typeVersion 1,
		// which costs an expression isolate per request: with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
		// version 1.1 takes ~80 events/s where version 1 takes ~22 (docs/benchmarks.md).
		// 2: the secret in a Moment Webhook API credential (Authentication) instead of the Secret
		// parameter, and Only Events / Include under Options. 1 and 1.1 keep their parameters.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: triggerSubtitle,
		description:
			'Starts the workflow when Moment sends a webhook: an invoice is finalized, a customer, project, offer or claim changes, or an offer is accepted or declined',
		defaults: { name: 'Moment Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'momentApi',
				required: true,
				// "/": the same value, named by its root path. n8n 1.123's editor hides a parameter that a
				// credential's rule names plainly (it takes it for an Authentication field), and Fetch
				// Full Record vanished from the form.
				displayOptions: { show: { '/fetchFullRecord': [true] } },
			},
			{
				name: 'momentWebhookApi',
				required: true,
				// Nothing to send anywhere: the test checks that the secret is fit for the URL.
				testedBy: 'momentWebhookSecret',
				displayOptions: { show: { authentication: ['secretToken'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty: n8n then answers with the webhookResponse that webhook() returns,
				// {"received": true, ...}, instead of the literal text "firstEntryJson".
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			async momentWebhookSecret(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return await testWebhookSecret.call(this, credential);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await momentWebhookLifecycle.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await momentWebhookLifecycle.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await momentWebhookLifecycle.delete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleMomentWebhook.call(this);
	}
}
