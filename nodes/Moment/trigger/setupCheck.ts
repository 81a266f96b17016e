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
import { readSecret } from './secret';
import type { TriggerSettings } from './settings';

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

export async function setUpProblems(this: IHookFunctions, settings: TriggerSettings): Promise<SetUpProblems> {
	const token = await tokenProblem.call(this, settings);
	const problems = [sourceProblem(settings), includeProblem(settings), token];
	return { problems: problems.filter((problem): problem is string => problem !== undefined), refusesEveryCall: token !== undefined };
}
