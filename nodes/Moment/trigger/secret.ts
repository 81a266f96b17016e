/**
 * The optional shared secret. Moment signs nothing and its integration form has only a URL, so the
 * user appends `?token=<secret>` to the URL pasted into Moment and the trigger compares it here.
 *
 * The comparison is constant-time: both sides are hashed to SHA-256 (equal length whatever the
 * input) and compared with crypto.timingSafeEqual, so timing reveals neither the secret nor its
 * length. The token itself is never returned, logged or put into an item.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { INode } from 'n8n-workflow';

/** Query parameter that carries the secret: `https://.../webhook?token=<secret>`. */
export const TOKEN_QUERY_PARAMETER = 'token';

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

/** What the 401 answer says: how to fix it, never the expected value. */
export function tokenFailureMessage(reason: 'missing' | 'wrong'): string {
	return reason === 'missing'
		? `This Moment Trigger has a Secret: add ?${TOKEN_QUERY_PARAMETER}=<the Secret> to the URL set in the Moment integration.`
		: `The ${TOKEN_QUERY_PARAMETER} in the URL does not match this Moment Trigger's Secret: copy the Secret again into the URL set in the Moment integration.`;
}

/**
 * The node as errors should carry it. n8n puts `error.node` (with its parameters) into the saved
 * execution and into the data an Error Workflow receives, which may be forwarded to chat or mail:
 * the Secret is replaced there.
 */
export function nodeWithoutSecret(node: INode): INode {
	const secret = node.parameters?.secret;
	if (secret === undefined || secret === '') return node;
	return { ...node, parameters: { ...node.parameters, secret: '[redacted]' } };
}
