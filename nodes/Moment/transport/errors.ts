/**
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
export function momentMessage(body: unknown, scrub: (text: string) => string): string | undefined {
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

/** "20 s", "1.5 s", "180 s". */
export function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** "64 MB", "70.5 MB". */
function megabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

const MAYBE_APPLIED = ' Moment may have applied the change: check in Moment before running again.';

function formatRate(rate: number): string {
	return rate >= 10 ? String(Math.round(rate)) : rate.toFixed(1);
}

function subject(ctx: FailureContext): string {
	if (ctx.resourceName && ctx.id) return `${ctx.resourceName} ${ctx.id}`;
	if (ctx.resourcePlural) return ctx.resourcePlural;
	if (ctx.resourceName) return `${ctx.resourceName.toLowerCase()} records`;
	return ctx.path;
}

function explain(status: number, ctx: FailureContext): { message: string; description: string } {
	const company = `company "${ctx.companyCode}"`;
	switch (status) {
		case 400:
			return {
				message: `Moment rejected the request for ${subject(ctx)} as invalid (400)`,
				description:
					'Check the fields and filters sent: field names are case-sensitive and dates must be in the format Moment expects.',
			};
		case 401:
			return {
				message: 'Moment rejected the API key (401): it is wrong, revoked or expired',
				description:
					'Open the Moment API credential and paste the key again. Keys expire (at most 2 years, Test keys after 14 days) and must be created for this environment (Prod or Sandbox) under Company > API keys.',
			};
		case 403:
			return {
				message: `The Moment API user lacks rights to ${ctx.method === 'GET' ? 'read' : 'change'} ${subject(ctx)} in ${company} (403)`,
				description:
					'The key acts as the user picked when it was created. Give that user access to this company and module in Moment, or create a key for a user who has it.',
			};
		case 404:
			if (ctx.resourceName && ctx.id) {
				return {
					message: `${ctx.resourceName} ${ctx.id} not found in ${company}`,
					description: `Check the ID, and that the record was not deleted. IDs are per company: the Company Code in the credential must be the one the record belongs to.`,
				};
			}
			return {
				message: `Moment found nothing at ${ctx.path} (404)`,
				description: `Check the Company Code in the Moment API credential (the word after app.moment.team/ in your browser), and that your Moment plan includes ${ctx.resourcePlural ?? 'this module'}.`,
			};
		case 409:
		case 422:
			return {
				message: `Moment could not save ${subject(ctx)} (${status})`,
				description: 'Moment refused the change as it stands; its reason is shown below when it gave one.',
			};
		case 429:
			return {
				message: `Moment kept answering "too many requests" (429) after ${ctx.attempts ?? 1} attempts`,
				description: `Moment allows 30 requests per second per API key, shared by every workflow, n8n worker and other integration that uses the key${
					ctx.pacedRate === undefined ? '' : `; this n8n process had already slowed down to ${formatRate(ctx.pacedRate)} requests per second with it`
				}. Spread the work over time, run fewer executions at once (worker concurrency), or use a separate API key for this workflow.`,
			};
		default:
			return {
				message: `Moment answered ${status} for ${subject(ctx)}${ctx.attempts && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : ''}`,
				description:
					status >= 500
						? 'This is a failure on Moment\'s side. Try again later; if it persists, contact Milient support with the time of the request.'
						: 'Moment did not accept the request.',
			};
	}
}

/** Moment answered 429 with a Retry-After longer than the node is willing to wait. */
export function retryAfterTooLongError(node: INode, retryAfterMs: number, maxWaitMs: number, ctx: FailureContext): NodeApiError {
	const seconds = Math.ceil(retryAfterMs / 1000);
	return new NodeApiError(
		node,
		{ statusCode: 429, method: ctx.method, path: ctx.path, retryAfterSeconds: seconds },
		{
			message: `Moment asked to wait ${seconds} s before the next request (429), longer than the node waits (${Math.round(maxWaitMs / 1000)} s)`,
			description:
				'The API key has used up its request budget for now. Run the workflow again later, spread the work over time, or use a separate key for this workflow.',
			httpCode: '429',
			itemIndex: ctx.itemIndex,
		},
	);
}

export function httpStatusError(node: INode, status: number, body: unknown, ctx: FailureContext): NodeApiError {
	const { message, description } = explain(status, ctx);
	const fromMoment = momentMessage(body, ctx.scrub);
	const response: JsonObject = { statusCode: status, method: ctx.method, path: ctx.path };
	if (fromMoment) response.momentMessage = fromMoment;
	return new NodeApiError(node, response, {
		message,
		description: fromMoment ? `${description} Moment said: ${fromMoment}` : description,
		httpCode: String(status),
		itemIndex: ctx.itemIndex,
	});
}

/** Plain words for a network failure code. The code itself stays out of the message: n8n swaps a
 * message that contains a common code (ECONNRESET, ...) for its own generic text. */
function networkProblem(code: string | undefined, attemptTimeoutMs?: number): string {
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
			return 'the connection was closed unexpectedly';
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return attemptTimeoutMs === undefined
				? 'the request timed out'
				: `no answer within ${seconds(attemptTimeoutMs)}, the limit for one attempt`;
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be resolved';
		default:
			return 'the connection failed';
	}
}

export function networkError(node: INode, code: string | undefined, detail: string, ctx: FailureContext): NodeApiError {
	const attempts = ctx.attempts && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
	const cause = code ? `(${code}) ` : '';
	return new NodeApiError(
		node,
		{ networkCode: code ?? 'unknown', method: ctx.method, path: ctx.path },
		{
			message: `Could not reach Moment for ${subject(ctx)}${attempts}: ${networkProblem(code, ctx.attemptTimeoutMs)}`,
			description: `${cause}${scrubbedExcerpt(detail, ctx.scrub).replace(/[.\s]+$/, '')}. ${
				code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'EAI_AGAIN'
					? 'Check the Base URL in the Moment API credential (default https://app.moment.team) and that n8n can reach it.'
					: 'Try again; if it keeps happening, check the network between n8n and Moment.'
			}${ctx.method !== 'GET' ? ' Moment may have applied the change before the connection broke: check in Moment before running again.' : ''}`,
			itemIndex: ctx.itemIndex,
		},
	);
}

export function invalidResponseError(node: INode, detail: string, ctx: FailureContext): NodeApiError {
	const attempts = ctx.attempts && ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
	return new NodeApiError(
		node,
		{ method: ctx.method, path: ctx.path },
		{
			message: `Moment sent a response for ${subject(ctx)} that could not be read${attempts}`,
			description: `${detail} Nothing was returned, so no data is lost silently; run the node again.`,
			itemIndex: ctx.itemIndex,
		},
	);
}

/**
 * The request's deadline passed: every attempt, wait and read of it together took too long.
 * `last` is the failure of the last attempt, when there was one.
 */
export function timeLimitError(node: INode, deadline: Deadline, ctx: FailureContext, last?: Error): NodeApiError {
	const attempts = ctx.attempts && ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
	const lastText = last ? scrubbedExcerpt(`${last.message}${(last as NodeApiError).description ? `: ${(last as NodeApiError).description}` : ''}`, ctx.scrub) : '';
	return new NodeApiError(
		node,
		{ method: ctx.method, path: ctx.path, timeLimitSeconds: Math.round(deadline.ms / 1000) },
		{
			message: `No answer from Moment for ${subject(ctx)} within ${seconds(deadline.ms)}, ${deadline.name}${attempts}`,
			description: `The limit covers every attempt of the request, the reading of Moment's answers and the waits between attempts, Retry-After included${
				ctx.attemptTimeoutMs === undefined ? '' : `; one attempt may take ${seconds(ctx.attemptTimeoutMs)} at most until Moment's answer starts`
			}. Nothing was returned.${lastText ? ` Last attempt: ${lastText.replace(/[.\s]+$/, '')}.` : ''} Moment is slow or cannot be reached now: try again later, and if it keeps happening, check the network between n8n and Moment.${
				ctx.method !== 'GET' && ctx.method !== 'HEAD' ? MAYBE_APPLIED : ''
			}`,
			itemIndex: ctx.itemIndex,
		},
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
	const response: JsonObject = { statusCode: status, method: ctx.method, path: ctx.path };
	let message: string;
	let description: string;
	switch (decision.refuse) {
		case 'otherOrigin': {
			// the host comes from Moment's answer: scrubbed and cut like any text from Moment
			const target = scrubbedExcerpt(decision.target, ctx.scrub, 200);
			response.redirectedTo = target;
			message = `Moment's address redirected the request for ${subject(ctx)} to another host, ${target}: nothing was sent there`;
			description = `The API key is sent to the Base URL of the Moment API credential (${baseOrigin}) and nowhere else, so the node did not follow the redirect (${status}): neither the key nor any data went to ${target}. If ${target} is Moment's address and you trust it, set the Base URL in the Moment API credential to ${target}.`;
			break;
		}
		case 'methodChange':
			message = `Moment's address answered the ${ctx.method} for ${subject(ctx)} with a redirect (${status}) the node does not follow`;
			description = `A ${status} would turn the ${ctx.method} into a GET, and the change would not be sent. Check the Base URL in the Moment API credential (${baseOrigin}): it should be the address Moment answers at without redirecting.`;
			break;
		case 'tooMany':
			message = `Moment's address redirected the request for ${subject(ctx)} more than ${MAX_REDIRECTS} times`;
			description = `The node stopped following. Check the Base URL in the Moment API credential (${baseOrigin}).`;
			break;
		default:
			message = `Moment's address answered ${status} for ${subject(ctx)} without a usable Location to go to`;
			description = `Check the Base URL in the Moment API credential (${baseOrigin}).`;
	}
	if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && decision.refuse === 'otherOrigin') description += ' The change was not sent.';
	return new NodeApiError(node, response, { message, description, httpCode: String(status), itemIndex: ctx.itemIndex });
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
			? `Moment announced ${megabytes(size.announcedBytes)} (Content-Length)`
			: `More than ${megabytes(maxBytes)} arrived`;
	return new NodeApiError(
		node,
		{ statusCode: status, method: ctx.method, path: ctx.path, maxBytes },
		{
			message: `Moment's answer for ${subject(ctx)} is larger than ${megabytes(maxBytes)}, the most the node reads`,
			description: `${what} (status ${status}); the node stopped reading and returned nothing, so no partial data is passed on. Ask for less at a time: a Limit or filters, fewer Include parts.${
				ctx.method !== 'GET' && ctx.method !== 'HEAD' ? MAYBE_APPLIED : ''
			}`,
			httpCode: String(status),
			itemIndex: ctx.itemIndex,
		},
	);
}
