/**
 * The Moment Trigger's webhook lifecycle, and the set-up check it runs (docs/development.md).
 *
 * Moment's API has no endpoint to create, list or delete webhook integrations; the user pastes
 * the URL in Moment's UI (Setup > Settings > Integrations). So:
 * - checkExists: false. Nothing this node could have registered exists in Moment, and what the user
 *   set up there cannot be seen; n8n then calls create.
 * - create: nothing to register, but the set-up is checked (setUpProblems). When a person
 *   publishes the workflow or listens for a test event, a problem is thrown and n8n refuses the
 *   activation with its message. When n8n itself re-activates published workflows (start-up,
 *   leadership change) a problem is logged as an error instead, so an upgrade never stops a
 *   workflow that is listening (one whose secret token is unusable refuses every call with 401:
 *   webhook.ts checks the secret at every call). Then logs which URL and Moment webhook type to use.
 * - delete: nothing to remove. Logs that the integration in Moment still points at this URL (its
 *   calls now get 404 from n8n) and where to remove it.
 * None of them talks to Moment.
 *
 * The set-up check finds the problems that would make every delivery fail or be refused, before
 * Moment sends anything: an unknown Event Source, an Include Moment cannot be sent, a secret token
 * that is missing, too short or breaks a URL. Each message says what to change; none quotes the
 * secret.
 */
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../catalog';
import { parseInclude } from '../transport';
import { nodeWithoutSecret, readSecret } from './secret';
import type { TriggerSettings } from './settings';
import { readTriggerSettings } from './settings';

// ---- The set-up check

function sourceProblem(settings: TriggerSettings): string | undefined {
	if (settings.source) return undefined;
	const names = WEBHOOK_SOURCES.map((source) => source.displayName).join(', ');
	return `its Event Source "${settings.sourceValue.slice(0, 40)}" is not a Moment webhook type it knows: open the trigger and pick one from the list (${names}).`;
}

function includeProblem(settings: TriggerSettings): string | undefined {
	if (!settings.fetchFullRecord) return undefined;
	try {
		parseInclude(settings.include);
		return undefined;
	} catch (error) {
		return `its Include cannot be sent to Moment: ${(error as Error).message}`;
	}
}

async function tokenProblem(this: IHookFunctions, settings: TriggerSettings): Promise<string | undefined> {
	const reading = await readSecret.call(this, settings.token);
	return reading.kind === 'unusable' ? reading.problem : undefined;
}

export interface SetUpProblems {
	/** Every problem of this trigger's set-up, each a sentence that says what to change. */
	problems: string[];
	/** Whether the secret token is unusable, so that every call is refused with 401 (secret.ts). */
	refusesEveryCall: boolean;
}

async function setUpProblems(this: IHookFunctions, settings: TriggerSettings): Promise<SetUpProblems> {
	const token = await tokenProblem.call(this, settings);
	const problems = [sourceProblem(settings), includeProblem(settings), token];
	return { problems: problems.filter((problem): problem is string => problem !== undefined), refusesEveryCall: token !== undefined };
}

// ---- The lifecycle

/** Activations that n8n starts on its own, with nobody to show a refusal to. */
const UNATTENDED_ACTIVATIONS = ['init', 'leadershipChange'];

function momentWebhookType(this: IHookFunctions): string {
	const settings = readTriggerSettings(this);
	return settings.source?.momentWebhookType ?? settings.sourceValue;
}

export const momentWebhookLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return false;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		const name = this.getNode().name;
		const { problems, refusesEveryCall } = await setUpProblems.call(this, readTriggerSettings(this));
		if (problems.length > 0) {
			const message = `Moment Trigger "${name}" cannot listen for Moment's webhooks: ${problems.join(' Also, ')}`;
			if (!UNATTENDED_ACTIVATIONS.includes(this.getActivationMode())) {
				throw new NodeOperationError(nodeWithoutSecret(this.getNode()), message, { level: 'warning' });
			}
			const refusal = refusesEveryCall ? ' Until its secret token is fixed, it refuses every call (401).' : '';
			this.logger.error(`${message} It listens anyway because n8n re-activated it on its own; publishing it again will be refused until this is fixed.${refusal}`);
		}
		this.logger.debug(
			`Moment Trigger "${name}" is listening at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}: in Moment, a "${momentWebhookType.call(this)}" integration must post here (Setup > Settings > Integrations).`,
		);
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		this.logger.debug(
			`Moment Trigger "${this.getNode().name}" stopped listening at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}: remove Moment's "${momentWebhookType.call(this)}" integration if it still posts there (Setup > Settings > Integrations).`,
		);
		return true;
	},
};
