/**
 * The optional secret token. Moment signs nothing and its integration form has only a URL, so the
 * user appends `?token=<secret>` to the URL pasted into Moment and the trigger compares it here.
 * Version 2 keeps the secret in a Moment Webhook API credential (encrypted by n8n, never in the
 * workflow); versions 1 and 1.1 had it as the node parameter "Secret", still read for them.
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

export const MIN_SECRET_LENGTH = 20;
export const MAX_SECRET_LENGTH = 256;

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

export type TokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'wrong' };

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks the `token` query value against the configured secret. No secret configured (empty) means
 * no check. A token given twice (`?token=a&token=b`) or in any non-text form counts as wrong.
 */
export function checkToken(secret: string, provided: unknown): TokenCheck {
	if (secret === '') return { ok: true };
	if (provided === undefined || provided === '') return { ok: false, reason: 'missing' };
	if (typeof provided !== 'string') return { ok: false, reason: 'wrong' };
	return timingSafeEqual(digest(provided), digest(secret)) ? { ok: true } : { ok: false, reason: 'wrong' };
}

/**
 * What is wrong with a secret for a URL pasted into Moment, without ever quoting it: too short to
 * resist guessing, too long, or holding a character a URL would change. Undefined when it is fine.
 */
export function secretProblem(secret: string): string | undefined {
	if (secret.length < MIN_SECRET_LENGTH) {
		return `is ${secret.length === 0 ? 'empty' : `only ${secret.length} character${secret.length === 1 ? '' : 's'} long`}; use at least ${MIN_SECRET_LENGTH} letters and digits (a password manager can make one)`;
	}
	if (secret.length > MAX_SECRET_LENGTH) return `is ${secret.length} characters long; use at most ${MAX_SECRET_LENGTH}`;
	if (!URL_SAFE.test(secret)) {
		const bad = [...secret].find((character) => !URL_SAFE.test(character)) ?? '';
		const named = NAMED_CHARACTERS[bad] ?? 'a character';
		return `contains ${named} that a URL would change; use only letters, digits, "-", "_", "." and "~"`;
	}
	return undefined;
}

/** The secret calls must carry: '' when the trigger checks none. */
export async function expectedSecret(this: IHookFunctions | IWebhookFunctions, token: TokenSource): Promise<string> {
	if (token.kind === 'none') return '';
	if (token.kind === 'parameter') return token.secret;
	const credentials = await this.getCredentials(WEBHOOK_CREDENTIAL);
	return String(credentials?.secret ?? '').trim();
}

/** What the 401 answer says: how to fix it, never the expected value. */
export function tokenFailureMessage(reason: 'missing' | 'wrong'): string {
	return reason === 'missing'
		? `This Moment Trigger checks a secret token: add ?${TOKEN_QUERY_PARAMETER}=<the secret> to the URL set in the Moment integration.`
		: `The ${TOKEN_QUERY_PARAMETER} in the URL does not match this Moment Trigger's secret: copy the secret again into the URL set in the Moment integration.`;
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
