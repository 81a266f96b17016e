/**
 * transport/: what a failed request's error says (map: docs/development.md).
 * Turns a failed Moment response into a NodeApiError whose message says what happened and how to
 * fix it. Only sanitized data goes into the error: status, method, the path (which holds no
 * secret) and a short excerpt of Moment's own message. The request options, which carry the
 * Authorization header, never do.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_REDIRECTS } from './redirects';
import type { Deadline } from './retry';

export interface FailureContext {
	method: string;
	/** URL path, e.g. /api/1.0/companies/acme/invoices/1 */
	path: string;
	companyCode: string;
	/** Singular display name, e.g. "Invoice"; absent for generic requests. */
	resourceName?: string;
	/** The catalog's lower-case plural, e.g. "invoices". */
	resourcePlural?: string;
	id?: string;
	itemIndex?: number;
	/** How many attempts were made, when more than one. */
	attempts?: number;
	/** Requests per second this n8n process allowed itself with the key when the request failed. */
	pacedRate?: number;
	/** Removes secrets (the API key) from text that came from Moment or the network. */
	scrub: (text: string) => string;
	/** How long the last attempt could wait for Moment's answer to start (ms). */
	attemptTimeoutMs?: number;
}

const MAX_EXCERPT = 300;

/**
 * `text` for a message: secrets removed first (`scrub`, over the whole text), then whitespace
 * collapsed, then cut to `max` characters. Scrubbing before cutting matters: a key that straddles
 * the cut would otherwise survive in part, where the scrubber no longer recognizes it.
 */
export function scrubbedExcerpt(text: string, scrub: (text: string) => string, max = MAX_EXCERPT): string {
	const clean = scrub(scrub(text).replace(/\s+/g, ' ').trim());
	return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

/** Moment's own error text, if the body has one: scrubbed, then shortened. Never echoes request data. */
function momentMessage(body: unknown, scrub: (text: string) => string): string | undefined {
	let text: unknown;
	if (typeof body === 'string') text = body;
	else if (body && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		text = record.message ?? record.error_description ?? record.error ?? record.detail ?? record.title;
		if (text && typeof text === 'object') text = JSON.stringify(text);
	}
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const clean = scrubbedExcerpt(text, scrub);
	return clean === '' ? undefined : clean;
}

/** "20 s", "1.5 s", "180 s"; with `unit` "MB", megabytes: "64 MB", "70.5 MB". */
function amount(value: number, unit = 's'): string {
	const n = unit === 's' ? value / 1000 : value / (1024 * 1024);
	return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}

/** " after 3 attempts", or nothing for one attempt. */
function afterAttempts(ctx: FailureContext): string {
	return ctx.attempts && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
}

function isRead(ctx: FailureContext): boolean {
	return ctx.method === 'GET' || ctx.method === 'HEAD';
}

/** The warning for a write that may have reached Moment; nothing for a read. */
function maybeApplied(ctx: FailureContext, before = ''): string {
	return isRead(ctx) ? '' : ` Moment may have applied the change${before}: check in Moment before running again.`;
}

function subject(ctx: FailureContext): string {
	return ctx.resourceName && ctx.id ? `${ctx.resourceName} ${ctx.id}` : (ctx.resourcePlural ?? ctx.path);
}

/** The error of a failed request: method, path and item index always, `status` as its HTTP code. */
function failure(node: INode, ctx: FailureContext, message: string, description: string, response: JsonObject = {}, status?: number): NodeApiError {
	return new NodeApiError(
		node,
		{ ...(status === undefined ? {} : { statusCode: status }), method: ctx.method, path: ctx.path, ...response },
		{ message, description, httpCode: status === undefined ? undefined : String(status), itemIndex: ctx.itemIndex },
	);
}

const CHECK_BASE_URL = 'Check the Base URL in the Moment API credential';

/** Message and description for an HTTP error status. */
function explain(status: number, ctx: FailureContext): [string, string] {
	const company = `company "${ctx.companyCode}"`;
	switch (status) {
		case 400:
			return [
				`Moment rejected the request for ${subject(ctx)} as invalid (400)`,
				'Check the fields and filters sent: field names are case-sensitive and dates must be in the format Moment expects.',
			];
		case 401:
			return [
				'Moment rejected the API key (401): it is wrong, revoked or expired',
				'Open the Moment API credential and paste the key again. Keys expire (at most 2 years, Test keys after 14 days) and must be created for this environment (Prod or Sandbox) under Company > API keys.',
			];
		case 403:
			return [
				`The Moment API user lacks rights to ${ctx.method === 'GET' ? 'read' : 'change'} ${subject(ctx)} in ${company} (403)`,
				'The key acts as the user picked when it was created. Give that user access to this company and module in Moment, or create a key for a user who has it.',
			];
		case 404:
			return ctx.resourceName && ctx.id
				? [
						`${ctx.resourceName} ${ctx.id} not found in ${company}`,
						'Check the ID, and that the record was not deleted. IDs are per company: the Company Code in the credential must be the one the record belongs to.',
					]
				: [
						`Moment found nothing at ${ctx.path} (404)`,
						`Check the Company Code in the Moment API credential (the word after app.moment.team/ in your browser), and that your Moment plan includes ${ctx.resourcePlural ?? 'this module'}.`,
					];
		case 409:
		case 422:
			return [`Moment could not save ${subject(ctx)} (${status})`, 'Moment refused the change as it stands; its reason is shown below when it gave one.'];
		case 429:
			return [
				`Moment kept answering "too many requests" (429) after ${ctx.attempts ?? 1} attempts`,
				`Moment allows 30 requests per second per API key, shared by everything that uses the key${
					ctx.pacedRate === undefined
						? ''
						: `; this n8n process had already slowed down to ${ctx.pacedRate >= 10 ? Math.round(ctx.pacedRate) : ctx.pacedRate.toFixed(1)} requests per second with it`
				}. Spread the work over time, run fewer executions at once, or use a separate API key for this workflow.`,
			];
		default:
			return [
				`Moment answered ${status} for ${subject(ctx)}${afterAttempts(ctx)}`,
				status >= 500 ? "This is a failure on Moment's side. Try again later; if it persists, contact Milient support with the time of the request." : 'Moment did not accept the request.',
			];
	}
}

/** Moment answered 429 with a Retry-After longer than the node is willing to wait. */
export function retryAfterTooLongError(node: INode, retryAfterMs: number, maxWaitMs: number, ctx: FailureContext): NodeApiError {
	const seconds = Math.ceil(retryAfterMs / 1000);
	return failure(
		node,
		ctx,
		`Moment asked to wait ${seconds} s before the next request (429), longer than the node waits (${Math.round(maxWaitMs / 1000)} s)`,
		'The API key has used up its request budget for now. Run the workflow again later, spread the work over time, or use a separate key for this workflow.',
		{ retryAfterSeconds: seconds },
		429,
	);
}

export function httpStatusError(node: INode, status: number, body: unknown, ctx: FailureContext): NodeApiError {
	const [message, description] = explain(status, ctx);
	const fromMoment = momentMessage(body, ctx.scrub);
	return fromMoment
		? failure(node, ctx, message, `${description} Moment said: ${fromMoment}`, { momentMessage: fromMoment }, status)
		: failure(node, ctx, message, description, {}, status);
}

/** Plain words for a network failure code. The code itself stays out of the message: n8n swaps a
 * message that contains a common code (ECONNRESET, ...) for its own generic text. */
function networkProblem(code = '', attemptTimeoutMs?: number): string {
	if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/.test(code)) return 'the connection was closed unexpectedly';
	if (/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT|ERR_SOCKET_CONNECTION_TIMEOUT)$/.test(code)) {
		return attemptTimeoutMs === undefined ? 'the request timed out' : `no answer within ${amount(attemptTimeoutMs)}, the limit for one attempt`;
	}
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	return /^(ENOTFOUND|EAI_AGAIN)$/.test(code) ? 'the host name could not be resolved' : 'the connection failed';
}

export function networkError(node: INode, code: string | undefined, detail: string, ctx: FailureContext): NodeApiError {
	const advice = /^(ENOTFOUND|ECONNREFUSED|EAI_AGAIN)$/.test(code ?? '')
		? `${CHECK_BASE_URL} (default https://app.moment.team) and that n8n can reach it.`
		: 'Try again; if it keeps happening, check the network between n8n and Moment.';
	return failure(
		node,
		ctx,
		`Could not reach Moment for ${subject(ctx)}${afterAttempts(ctx)}: ${networkProblem(code, ctx.attemptTimeoutMs)}`,
		`${code ? `(${code}) ` : ''}${scrubbedExcerpt(detail, ctx.scrub).replace(/[.\s]+$/, '')}. ${advice}${maybeApplied(ctx, ' before the connection broke')}`,
		{ networkCode: code ?? 'unknown' },
	);
}

export function invalidResponseError(node: INode, detail: string, ctx: FailureContext): NodeApiError {
	const attempts = ctx.attempts && ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
	return failure(node, ctx, `Moment sent a response for ${subject(ctx)} that could not be read${attempts}`, `${detail} Nothing was returned; run the node again.`);
}

/**
 * The request's deadline passed: every attempt, wait and read of it together took too long.
 * `last` is the failure of the last attempt, when there was one.
 */
export function timeLimitError(node: INode, deadline: Deadline, ctx: FailureContext, last?: Error): NodeApiError {
	const attempts = ctx.attempts && ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
	const lastDescription = (last as NodeApiError | undefined)?.description;
	const lastText = last ? scrubbedExcerpt(`${last.message}${lastDescription ? `: ${lastDescription}` : ''}`, ctx.scrub).replace(/[.\s]+$/, '') : '';
	return failure(
		node,
		ctx,
		`No answer from Moment for ${subject(ctx)} within ${amount(deadline.ms)}, ${deadline.name}${attempts}`,
		`It covers all attempts and waits (Retry-After included)${
			ctx.attemptTimeoutMs === undefined ? '' : `; one attempt may take ${amount(ctx.attemptTimeoutMs)} at most until Moment's answer starts`
		}. Nothing was returned.${lastText ? ` Last attempt: ${lastText}.` : ''} Try again later; if it keeps happening, check the network between n8n and Moment.${maybeApplied(ctx)}`,
		{ timeLimitSeconds: Math.round(deadline.ms / 1000) },
	);
}

/**
 * Moment's address answered with a redirect the node does not follow. `target` is the scheme and
 * host (never a path or query) for `otherOrigin`.
 */
export function redirectError(
	node: INode,
	status: number,
	decision: { refuse: 'otherOrigin'; target: string } | { refuse: 'noLocation' | 'methodChange' | 'tooMany' },
	baseOrigin: string,
	ctx: FailureContext,
): NodeApiError {
	const check = `${CHECK_BASE_URL} (${baseOrigin})`;
	if (decision.refuse === 'otherOrigin') {
		// the host comes from Moment's answer: scrubbed and cut like any text from Moment
		const target = scrubbedExcerpt(decision.target, ctx.scrub, 200);
		return failure(
			node,
			ctx,
			`Moment's address redirected the request for ${subject(ctx)} to another host, ${target}: nothing was sent there`,
			`The API key goes only to the Base URL of the Moment API credential (${baseOrigin}), so the node did not follow the redirect (${status}): neither the key nor any data went to ${target}. If ${target} is Moment's address and you trust it, set the Base URL in the Moment API credential to ${target}.${isRead(ctx) ? '' : ' The change was not sent.'}`,
			{ redirectedTo: target },
			status,
		);
	}
	const [message, description] =
		decision.refuse === 'methodChange'
			? [
					`Moment's address answered the ${ctx.method} for ${subject(ctx)} with a redirect (${status}) the node does not follow`,
					`A ${status} would turn the ${ctx.method} into a GET, and the change would not be sent. ${check}: it should be the address Moment answers at without redirecting.`,
				]
			: decision.refuse === 'tooMany'
				? [`Moment's address redirected the request for ${subject(ctx)} more than ${MAX_REDIRECTS} times`, `The node stopped following. ${check}.`]
				: [`Moment's address answered ${status} for ${subject(ctx)} without a usable Location to go to`, `${check}.`];
	return failure(node, ctx, message, description, {}, status);
}

/** Moment's answer was larger than the node reads. */
export function bodyTooLargeError(
	node: INode,
	status: number,
	size: { receivedBytes: number; announcedBytes?: number },
	maxBytes: number,
	ctx: FailureContext,
): NodeApiError {
	const what =
		size.announcedBytes !== undefined && size.announcedBytes > maxBytes
			? `Moment announced ${amount(size.announcedBytes, 'MB')} (Content-Length)`
			: `More than ${amount(maxBytes, 'MB')} arrived`;
	return failure(
		node,
		ctx,
		`Moment's answer for ${subject(ctx)} is larger than ${amount(maxBytes, 'MB')}, the most the node reads`,
		`${what} (status ${status}); the node stopped reading and returned nothing, so no partial data is passed on. Ask for less at a time: a Limit or filters, fewer Include parts.${maybeApplied(ctx)}`,
		{ maxBytes },
		status,
	);
}
