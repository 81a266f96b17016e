/**
 * The Moment Trigger's optional secret token (docs/development.md). Moment signs nothing and its
 * integration form has only a URL, so the user appends `?token=<secret>` to the URL pasted into
 * Moment and the trigger compares it here. Version 2 keeps the secret in a Moment Webhook API
 * credential (encrypted by n8n, never in the workflow); versions 1 and 1.1 had it as the node
 * parameter "Secret", still read for them.
 *
 * Fails closed: once the user chose a secret (Authentication "Secret Token in URL", or a filled-in
 * Secret parameter), a secret that is empty, only spaces, unreadable or unfit for a URL
 * (secretProblem) refuses every call with 401. This is checked at every call, not only when the
 * workflow is published: n8n re-activates published workflows at start-up and after a leadership
 * change without refusing them, and a credential can be edited after publishing.
 *
 * The comparison is constant-time: both sides are hashed to SHA-256 (equal length whatever the
 * input) and compared with crypto.timingSafeEqual, so timing reveals neither the secret nor its
 * length. The token itself is never returned, logged or put into an item.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INode,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { TokenSource } from './settings';
import { WEBHOOK_CREDENTIAL } from './settings';

/** Query parameter that carries the secret: `https://.../webhook?token=<secret>`. */
export const TOKEN_QUERY_PARAMETER = 'token';

const MIN_SECRET_LENGTH = 20;
const MAX_SECRET_LENGTH = 256;

/** Characters a URL carries unchanged in a query value (RFC 3986 "unreserved"). */
const URL_SAFE = /^[A-Za-z0-9._~-]*$/;

const NAMED_CHARACTERS: Record<string, string> = {
	' ': 'a space',
	'%': '"%"',
	'&': '"&"',
	'#': '"#"',
	'+': '"+"',
	'?': '"?"',
	'=': '"="',
	'/': '"/"',
};

export type TokenFailure = 'missing' | 'wrong' | 'unusable';
export type TokenCheck = { ok: true } | { ok: false; reason: TokenFailure };

function tokenDigest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks the `token` query value against the configured secret. A secret that is not fit to be one
 * (empty included) lets nothing in: `unusable`. A token given twice (`?token=a&token=b`) or in any
 * non-text form counts as wrong.
 */
export function checkToken(secret: string, provided: unknown): TokenCheck {
	if (secretProblem(secret) !== undefined) return { ok: false, reason: 'unusable' };
	if (provided === undefined || provided === '') return { ok: false, reason: 'missing' };
	if (typeof provided !== 'string') return { ok: false, reason: 'wrong' };
	return timingSafeEqual(tokenDigest(provided), tokenDigest(secret)) ? { ok: true } : { ok: false, reason: 'wrong' };
}

const LENGTH_ADVICE = `use at least ${MIN_SECRET_LENGTH} letters and digits (a password manager can make one)`;

/**
 * What is wrong with a secret for a URL pasted into Moment, without ever quoting it: too short to
 * resist guessing, too long, or holding a character a URL would change. Undefined when it is fine.
 */
export function secretProblem(secret: string): string | undefined {
	if (secret.length < MIN_SECRET_LENGTH) {
		return `is ${secret.length === 0 ? 'empty' : `only ${secret.length} character${secret.length === 1 ? '' : 's'} long`}; ${LENGTH_ADVICE}`;
	}
	if (secret.length > MAX_SECRET_LENGTH) return `is ${secret.length} characters long; use at most ${MAX_SECRET_LENGTH}`;
	if (!URL_SAFE.test(secret)) {
		const bad = [...secret].find((character) => !URL_SAFE.test(character)) ?? '';
		const named = NAMED_CHARACTERS[bad] ?? 'a character';
		return `contains ${named} that a URL would change; use only letters, digits, "-", "_", "." and "~"`;
	}
	return undefined;
}

/**
 * The secret calls must carry, read afresh at every call:
 * - none: the user chose no secret, nothing is checked;
 * - usable: the secret (spaces around it removed);
 * - unusable: every call is refused. `problem` says what is wrong and what to change, never quoting
 *   the secret (for n8n's log and the publish refusal; the caller's 401 says less, see
 *   tokenFailureMessage). `where` is the setting that holds it.
 */
export type SecretReading =
	| { kind: 'none' }
	| { kind: 'usable'; secret: string }
	| { kind: 'unusable'; where: 'parameter' | 'credential'; problem: string };

export async function readSecret(this: IHookFunctions | IWebhookFunctions, token: TokenSource): Promise<SecretReading> {
	if (token.kind === 'none') return { kind: 'none' };
	if (token.kind === 'parameter') {
		let problem = secretProblem(token.secret);
		if (token.blank) problem = `holds only spaces; ${LENGTH_ADVICE}`;
		else if (token.secret === '' && token.expression) problem = `is an expression that gave an empty value; ${LENGTH_ADVICE}`;
		if (problem === undefined) return { kind: 'usable', secret: token.secret };
		return {
			kind: 'unusable',
			where: 'parameter',
			problem: `its Secret ${problem}. Change it in the node and in the URL set in Moment.`,
		};
	}
	const credentialName = this.getNode().credentials?.[WEBHOOK_CREDENTIAL]?.name;
	if (!credentialName) {
		return {
			kind: 'unusable',
			where: 'credential',
			problem: 'its Authentication is "Secret Token in URL" but no Moment Webhook API credential is selected: select or create one, or set Authentication to None.',
		};
	}
	let secret: string;
	try {
		const credentials = await this.getCredentials(WEBHOOK_CREDENTIAL);
		secret = typeof credentials?.secret === 'string' ? credentials.secret.trim() : '';
	} catch (error) {
		return {
			kind: 'unusable',
			where: 'credential',
			problem: `its Moment Webhook API credential "${credentialName}" could not be read (${String((error as Error).message).slice(0, 200)}): select it again, or create a new one.`,
		};
	}
	const problem = secretProblem(secret);
	if (problem === undefined) return { kind: 'usable', secret };
	return {
		kind: 'unusable',
		where: 'credential',
		problem: `the secret in its Moment Webhook API credential "${credentialName}" ${problem}. Change it in the credential and in the URL set in Moment.`,
	};
}

const RULE = `${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} letters, digits, "-", "_", "." or "~"`;

/**
 * What the 401 answer says: how to fix it, never the expected value. For an unusable secret it
 * names the setting and the rule, not what is wrong with the secret (its length, for one, is
 * nobody's business): n8n's log says that.
 */
export function tokenFailureMessage(reason: TokenFailure, where: 'parameter' | 'credential' = 'credential'): string {
	if (reason === 'missing') return `This Moment Trigger checks a secret token: add ?${TOKEN_QUERY_PARAMETER}=<the secret> to the URL set in the Moment integration.`;
	if (reason === 'wrong') return `The ${TOKEN_QUERY_PARAMETER} in the URL does not match this Moment Trigger's secret: copy the secret again into the URL set in the Moment integration.`;
	const setting = where === 'credential' ? 'the secret of its Moment Webhook API credential' : 'its Secret parameter';
	return (
		`This Moment Trigger refuses every call because ${setting} is missing or not fit to be a secret. ` +
		`In n8n, set a secret of ${RULE} there (n8n's log says what is wrong with the current one), ` +
		`then add ?${TOKEN_QUERY_PARAMETER}=<the secret> to the URL set in the Moment integration.`
	);
}

/**
 * The credential's Test button (the trigger names this function as its `testedBy`): the secret is
 * never sent anywhere, so the test checks what can be checked, that it is fit for the URL.
 */
export async function testWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = secretProblem(String(credential.data?.secret ?? '').trim());
	if (problem !== undefined) return { status: 'Error', message: `The secret ${problem}.` };
	return {
		status: 'OK',
		message: `The secret is fit for the URL: add ?${TOKEN_QUERY_PARAMETER}= and the secret to the end of the URL in the Moment integration.`,
	};
}

/**
 * The node as errors should carry it. n8n puts `error.node` (with its parameters) into the saved
 * execution and into the data an Error Workflow receives, which may be forwarded to chat or mail:
 * version 1's Secret parameter is replaced there. (Version 2 holds no secret in its parameters.)
 */
export function nodeWithoutSecret(node: INode): INode {
	const secret = node.parameters?.secret;
	if (secret === undefined || secret === '') return node;
	return { ...node, parameters: { ...node.parameters, secret: '[redacted]' } };
}
