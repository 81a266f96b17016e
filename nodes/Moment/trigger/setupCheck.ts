/**
 * Set-up problems that would make every delivery fail or be refused, found before Moment sends
 * anything: an unknown Event Source, an Include Moment cannot be sent, a secret token that is
 * missing, too short or breaks a URL. The webhook lifecycle's create step runs this when the
 * workflow is published or listens for a test event, and n8n refuses the activation with the
 * message. Each message says what to change; none quotes the secret.
 */
import type { IHookFunctions } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../catalog';
import { parseInclude } from '../transport';
import { expectedSecret, secretProblem } from './secret';
import type { TriggerSettings } from './settings';
import { WEBHOOK_CREDENTIAL } from './settings';

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
	const { token } = settings;
	if (token.kind === 'none') return undefined;
	const credentialName = this.getNode().credentials?.[WEBHOOK_CREDENTIAL]?.name;
	if (token.kind === 'credential' && !credentialName) {
		return 'its Authentication is "Secret Token in URL" but no Moment Webhook API credential is selected: select or create one, or set Authentication to None.';
	}
	let secret: string;
	try {
		secret = await expectedSecret.call(this, token);
	} catch (error) {
		return `its Moment Webhook API credential "${credentialName}" could not be read (${(error as Error).message}): select it again, or create a new one.`;
	}
	const problem = secretProblem(secret);
	if (problem === undefined) return undefined;
	return token.kind === 'credential'
		? `the secret in its Moment Webhook API credential "${credentialName}" ${problem}. Change it in the credential and in the URL set in Moment.`
		: `its Secret ${problem}. Change it in the node and in the URL set in Moment.`;
}

/** Every problem of this trigger's set-up, each a sentence that says what to change. */
export async function setUpProblems(this: IHookFunctions, settings: TriggerSettings): Promise<string[]> {
	const problems = [sourceProblem(settings), includeProblem(settings), await tokenProblem.call(this, settings)];
	return problems.filter((problem): problem is string => problem !== undefined);
}
