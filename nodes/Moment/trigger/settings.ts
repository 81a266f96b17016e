/**
 * The Moment Trigger's set-up, read from its parameters in one shape for every node version
 * (docs/development.md):
 * - 1 and 1.1: Secret, Only Events, Fetch Full Record and Include as top-level parameters;
 * - 2: Authentication (none, or a Moment Webhook API credential holding the secret), Fetch Full
 *   Record, and an Options collection with Only Events and Include.
 * Fetch Full Record stays a top-level switch in version 2: n8n looks a credential's display rule
 * up by the credential's name, one rule for all versions of a node, and the Moment API credential
 * must show exactly when version 1's `fetchFullRecord` or version 2's is on (README, "Fetch Full
 * Record").
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { findWebhookSource } from '../catalog';
import type { TriggerSource } from './payload';
import { normalizeEventFilter } from './payload';

export const DEFAULT_SOURCE = 'invoice';

/** The credential type that holds the secret token (version 2). */
export const WEBHOOK_CREDENTIAL = 'momentWebhookApi';

/**
 * Where the expected `?token=` comes from. `none` only when the user chose no secret: Authentication
 * None (version 2), or an empty Secret parameter (versions 1 and 1.1). A Secret parameter that was
 * filled in counts as chosen even when it holds only spaces or is an expression that gives nothing:
 * such a secret is unusable, and the trigger then refuses every call (secret.ts).
 */
export type TokenSource =
	| { kind: 'none' }
	| { kind: 'parameter'; secret: string; expression: boolean; blank: boolean }
	| { kind: 'credential' };

export interface TriggerSettings {
	/** The Event Source parameter as set. */
	sourceValue: string;
	/** The catalog's webhook source for it; undefined when the value is not one. */
	source: TriggerSource | undefined;
	events: string[];
	fetchFullRecord: boolean;
	/** The Include parameter as set (validated by the transport's parseInclude). */
	include: unknown;
	token: TokenSource;
}

export type SettingsContext = Pick<IHookFunctions, 'getNode' | 'getNodeParameter'> | Pick<IWebhookFunctions, 'getNode' | 'getNodeParameter'>;

export function readTriggerSettings(ctx: SettingsContext): TriggerSettings {
	const sourceValue = String(ctx.getNodeParameter('eventSource', DEFAULT_SOURCE));
	const fetchFullRecord = ctx.getNodeParameter('fetchFullRecord', false) === true;
	const common = { sourceValue, source: findWebhookSource(sourceValue), fetchFullRecord };
	const node = ctx.getNode();
	if (node.typeVersion < 2) {
		// The Secret as saved (before expressions are resolved): empty or absent is "no secret".
		const saved = node.parameters?.secret;
		const chosen = typeof saved === 'string' ? saved !== '' : saved !== undefined && saved !== null;
		const value = String(ctx.getNodeParameter('secret', '') ?? '');
		const token: TokenSource = chosen
			? { kind: 'parameter', secret: value.trim(), expression: typeof saved === 'string' && saved.startsWith('='), blank: value !== '' && value.trim() === '' }
			: { kind: 'none' };
		return {
			...common,
			events: normalizeEventFilter(ctx.getNodeParameter('events', '')),
			include: ctx.getNodeParameter('include', ''),
			token,
		};
	}
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	return {
		...common,
		events: normalizeEventFilter(options.events ?? ''),
		include: options.include ?? '',
		token: ctx.getNodeParameter('authentication', 'none') === 'secretToken' ? { kind: 'credential' } : { kind: 'none' },
	};
}
