/**
 * Webhook lifecycle for a hook that only a person can register. Moment's API has no endpoint to
 * create, list or delete webhook integrations; the user pastes the URL in Moment's UI (Setup >
 * Settings > Integrations). So:
 * - checkExists: false. Nothing this node could have registered exists in Moment, and what the user
 *   set up there cannot be seen; n8n then calls create.
 * - create: nothing to register. n8n is now listening; logs which URL and Moment webhook type to use.
 * - delete: nothing to remove. Logs that the integration in Moment still points at this URL (its
 *   calls now get 404 from n8n) and where to remove it.
 * None of them talks to Moment, so none can fail or swallow an error.
 */
import type { IHookFunctions } from 'n8n-workflow';

import { findWebhookSource } from '../catalog';
import { DEFAULT_SOURCE } from './description';

function momentWebhookType(this: IHookFunctions): string {
	const value = String(this.getNodeParameter('eventSource', DEFAULT_SOURCE));
	return findWebhookSource(value)?.momentWebhookType ?? value;
}

export const momentWebhookLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return false;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		this.logger.debug(
			`Moment Trigger "${this.getNode().name}" is listening at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}. Moment cannot be set up through its API: a Moment "${momentWebhookType.call(this)}" integration must post to this URL (Setup > Settings > Integrations).`,
		);
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		this.logger.debug(
			`Moment Trigger "${this.getNode().name}" stopped listening at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}. If the Moment "${momentWebhookType.call(this)}" integration still posts there, remove it in Moment under Setup > Settings > Integrations.`,
		);
		return true;
	},
};
