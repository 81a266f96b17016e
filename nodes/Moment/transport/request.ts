/**
 * transport/: the one function that sends a request (map: docs/development.md).
 * The one function that sends a request to Moment. Everything else calls this (or the list
 * helpers in pagination.ts, which call this).
 *
 * - authenticates through n8n (`httpRequestWithAuthentication` with the `momentApi` credential);
 * - reads and checks the credential once per call (`openConnection`; a list opens it once for all
 *   its pages) and builds the URL from checked parts (url.ts);
 * - follows redirects itself, within the Base URL's origin only (redirects.ts): the API key never
 *   goes anywhere else;
 * - paces requests per API key (rateLimit.ts);
 * - retries 429 / 502 / 503 / 504 / broken connections / truncated bodies (retry.ts);
 * - bounds every wait: one attempt until the answer starts, the whole request (attempts, reading,
 *   waits) by a deadline, the policy's or the caller's (`MomentRequest.deadline`), whichever is
 *   earlier; and the size of an answer (response.ts);
 * - turns failures into NodeApiErrors a user can act on (errors.ts).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import type { FailureContext } from './errors';
import {
	bodyTooLargeError,
	httpStatusError,
	invalidResponseError,
	networkError,
	redirectError,
	retryAfterTooLongError,
	timeLimitError,
} from './errors';
import type { KeyPacer } from './rateLimit';
import { pacerFor } from './rateLimit';
import type { Hop } from './redirects';
import { MAX_REDIRECTS, isRedirect, redirectDecision } from './redirects';
import { MAX_BODY_BYTES, discardBody, parseBodyText, readBody } from './response';
import type { Deadline, FailureKind, RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	classifyStatus,
	isIdempotent,
	isTransientNetworkError,
	maxRetries,
	parseRetryAfter,
	requestDeadline,
	retryClock,
} from './retry';
import type { MomentConnection, MomentCredentials, MomentPath } from './url';
import { buildMomentUrl, readConnection, withQuery } from './url';

export type MomentContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export const CREDENTIAL_TYPE = 'momentApi';

export interface MomentRequest extends Omit<MomentPath, 'entity'> {
	method: IHttpRequestMethods;
	/**
	 * The resource asked about (its facts): its `apiPath` is the URL's entity, its `displayName`
	 * and `plural` name it in messages ("Invoice 12 not found ...", "the invoices").
	 */
	resource: MomentResource;
	qs?: IDataObject;
	body?: IDataObject;
	/** Item the request is made for; carried into every error. */
	itemIndex?: number;
	retryPolicy?: Partial<RetryPolicy>;
	/**
	 * When every attempt of this request must have ended (answered or failed), for callers that
	 * bound several steps together (the trigger: Moment waits for the webhook's answer). The
	 * policy's `totalTimeoutMs` applies when it is earlier.
	 */
	deadline?: Deadline;
}

type Outcome =
	| { kind: 'response'; status: number; headers: IDataObject; body: unknown; brokenOff?: boolean }
	| { kind: 'network'; code?: string; message: string }
	/** The request's deadline passed while this attempt was under way. */
	| { kind: 'timeUp' }
	| { kind: 'tooLarge'; status: number; receivedBytes: number; announcedBytes?: number };

/**
 * Replaces the API key wherever Moment or the network might echo it: as typed, inside a Basic
 * auth header (base64), JSON-escaped, percent-encoded and in lower case. Longest first, so a form that contains
 * another is replaced whole.
 */
export function secretScrubber(credentials: { apiKey?: unknown }): (text: string) => string {
	const key = String(credentials.apiKey ?? '');
	// lower case too: a host name (a redirect's target) comes back in lower case
	const forms = [key, Buffer.from(`apikey:${key}`).toString('base64'), JSON.stringify(key).slice(1, -1), encodeURIComponent(key), key.toLowerCase()];
	const secrets = [...new Set(forms)].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
	return (text) => secrets.reduce((clean, secret) => clean.split(secret).join('[redacted]'), text);
}

/** The checked credential, for every request (and page) of one call. */
export interface OpenConnection extends MomentConnection {
	/** The pacer of the key in this process (rateLimit.ts), shared by every request made with it. */
	pacer: KeyPacer;
	scrub: (text: string) => string;
}

/**
 * Reads the Moment API credential and checks its base URL and company code (once: a list reads
 * every page through the same connection). A bad value is the user's to fix.
 */
export async function openConnection(this: MomentContext, itemIndex?: number): Promise<OpenConnection> {
	const credentials = (
		itemIndex === undefined
			? await this.getCredentials(CREDENTIAL_TYPE)
			: await (this as IExecuteFunctions).getCredentials(CREDENTIAL_TYPE, itemIndex)
	) as unknown as MomentCredentials;
	try {
		return { ...readConnection(credentials), pacer: pacerFor(credentials), scrub: secretScrubber(credentials) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

/** The error and its causes, outermost first (four at most). */
function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	for (let current = error; chain.length < 4 && current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
		chain.push(current as Record<string, unknown>);
	}
	return chain;
}

/** `key` of the outermost error in `chain` that has it, or with `innermost` of the deepest one. */
function findProperty(chain: Array<Record<string, unknown>>, key: string, innermost = false): unknown {
	const values = chain.map((entry) => entry[key]).filter((value) => value !== undefined && value !== null);
	return innermost ? values[values.length - 1] : values[0];
}

/**
 * n8n's NodeApiError replaces the message of a network failure with a text of its own
 * (n8n-workflow node.error.js COMMON_ERRORS, the same in 1.120 and 2.41). In n8n 1.123 it also
 * loses the original error: n8n-workflow 1.120's ExecutionBaseError declares a `cause` field that
 * resets the Error's cause to undefined, and NodeApiError keeps no `code`; only its `messages`
 * list holds the original text ("timeout of 10000ms exceeded", "socket hang up"). These texts
 * lead back to the code.
 */
const N8N_NETWORK_TEXTS: Array<[string, string]> = [
	['The service refused the connection', 'ECONNREFUSED'],
	['The connection to the server was closed unexpectedly', 'ECONNRESET'],
	['The connection cannot be established, this usually occurs due to an incorrect host', 'ENOTFOUND'],
	['The connection timed out', 'ETIMEDOUT'],
	['The connection was aborted', 'ECONNABORTED'],
	['The host is unreachable', 'EHOSTUNREACH'],
	['The DNS server returned an error', 'EAI_AGAIN'],
	['The server closed the connection unexpectedly', 'ECONNRESET'],
];

/** Every text an error and its causes carry: their messages and n8n's `messages` lists. */
function errorTexts(chain: Array<Record<string, unknown>>): string[] {
	return chain.flatMap(({ message, messages }) => [...(Array.isArray(messages) ? messages : []), message]).filter((text): text is string => typeof text === 'string');
}

/** The network error code a failure's texts name, when no `code` survived (n8n 1.123). */
function codeFromTexts(texts: string[]): string | undefined {
	for (const text of texts) {
		const named = /\b(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ERR_SOCKET_CONNECTION_TIMEOUT|UND_ERR_SOCKET|ERR_CANCELED)\b/.exec(text);
		if (named) return named[1];
		if (/timeout of \d+ms exceeded/i.test(text)) return 'ECONNABORTED';
		if (/socket hang up/i.test(text)) return 'ECONNRESET';
	}
	for (const text of texts) {
		const known = N8N_NETWORK_TEXTS.find(([start]) => text.startsWith(start));
		if (known) return known[1];
	}
	return undefined;
}

/**
 * Reads what happened from an error thrown by n8n's HTTP helper. An error that still carries a
 * 2xx response is a body that broke off mid-way (n8n's client throws "stream has been aborted"
 * with status 200 when it buffers): it is marked so, and never taken for a success with an empty
 * body.
 */
function outcomeOfThrown(error: unknown): Outcome {
	const chain = causeChain(error);
	const response = findProperty(chain, 'response') as
		| { status?: number; headers?: IDataObject; data?: unknown }
		| undefined;
	if (response && typeof response.status === 'number') {
		discardBody(response.data);
		const brokenOff = response.status >= 200 && response.status < 300;
		return { kind: 'response', status: response.status, headers: response.headers ?? {}, body: response.data, brokenOff };
	}
	const texts = errorTexts(chain);
	const found = findProperty(chain, 'code');
	const code = typeof found === 'string' ? found : codeFromTexts(texts);
	// n8n replaces the message of its wrapper with generic text; the cause (or, in n8n 1.123, the
	// first of its `messages`) says what happened.
	const innermost = findProperty(chain, 'message', true);
	const generic = typeof innermost === 'string' && N8N_NETWORK_TEXTS.some(([start]) => innermost.startsWith(start));
	const original = texts.find((text) => !N8N_NETWORK_TEXTS.some(([start]) => text.startsWith(start)));
	const message = generic && original ? original : innermost;
	return {
		kind: 'network',
		code,
		message: typeof message === 'string' ? message : 'unknown network failure',
	};
}

async function send(this: MomentContext, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
		return {
			kind: 'response',
			status: response.statusCode,
			headers: (response.headers ?? {}) as IDataObject,
			body: response.body,
		};
	} catch (error) {
		return outcomeOfThrown(error);
	}
}

/**
 * Sends `hop` once and reads the answer: the start of the answer within `attemptTimeoutMs`
 * (axios's timeout), everything within `remainingMs` (the request's deadline), the body up to
 * MAX_BODY_BYTES. A redirect comes back without its body.
 */
async function sendOnce(this: MomentContext, hop: Hop, attemptTimeoutMs: number, remainingMs: number): Promise<Outcome> {
	const timeUp = AbortSignal.timeout(Math.max(1, Math.ceil(remainingMs)));
	const deadlinePassed = new Promise<'timeUp'>((resolve) => timeUp.addEventListener('abort', () => resolve('timeUp'), { once: true }));
	const sending = send.call(this, {
		method: hop.method,
		url: hop.url,
		body: hop.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// redirects are decided here (redirects.ts), never followed by n8n's client
		disableFollowRedirect: true,
		// read here, with a size bound (response.ts)
		encoding: 'stream',
		timeout: Math.max(1, Math.ceil(Math.min(attemptTimeoutMs, remainingMs))),
		// honoured where n8n does not put the execution's own cancel signal in its place
		abortSignal: timeUp,
	});
	const first = await Promise.race([sending, deadlinePassed]);
	if (first === 'timeUp' || timeUp.aborted) {
		// an answer that starts after the deadline is not read
		void sending.then((late) => late.kind === 'response' && discardBody(late.body));
		if (first !== 'timeUp' && first.kind === 'response') discardBody(first.body);
		return { kind: 'timeUp' };
	}
	if (first.kind !== 'response') return first;
	if (isRedirect(first.status)) {
		discardBody(first.body);
		return { ...first, body: undefined };
	}
	if (first.brokenOff) return first;
	const read = await readBody(first.body, first.headers, timeUp, MAX_BODY_BYTES);
	// where n8n passed the signal on, axios breaks the stream off when it fires
	if (read.kind !== 'complete' && read.kind !== 'tooLarge' && timeUp.aborted) return { kind: 'timeUp' };
	switch (read.kind) {
		case 'complete':
			return { ...first, body: read.body };
		case 'tooLarge':
			return { kind: 'tooLarge', status: first.status, receivedBytes: read.receivedBytes, announcedBytes: read.announcedBytes };
		case 'brokenOff':
			return { ...first, body: undefined, brokenOff: true };
		default:
			return { kind: 'timeUp' };
	}
}

/** A 2xx body is usable if it is JSON (object/array), or empty for a write or a delete. */
function readableBody(method: IHttpRequestMethods, body: unknown): { ok: true; value: unknown } | { ok: false; detail: string } {
	if (body === undefined || body === null || body === '') {
		return method === 'GET' ? { ok: false, detail: 'The response body was empty.' } : { ok: true, value: {} };
	}
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return { ok: true, value: body };
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, detail: `The response was not valid JSON (${text.length} characters; it may have been cut off).` };
	}
}

/** Sends one request to Moment (reading the credential first); see the top of this file. */
export async function momentApiRequest<T = unknown>(this: MomentContext, request: MomentRequest): Promise<T> {
	const connection = await openConnection.call(this, request.itemIndex);
	return (await sendMomentRequest.call(this, connection, request)) as T;
}

/** What one attempt ended with, redirects within the origin followed. */
type Exchange =
	| Outcome
	/** Moment's Retry-After holds the key longer than this request may wait. */
	| { kind: 'held'; heldForMs: number }
	| { kind: 'failed'; error: Error };

/**
 * One attempt: sends `start`, and follows redirects within the Base URL's origin (each hop takes
 * its own pacing slot, like any request to Moment). Ends at the first answer that is not such a
 * redirect, or with the error of a redirect that is not followed.
 */
async function exchange(
	this: MomentContext,
	node: INode,
	connection: OpenConnection,
	start: Hop,
	policy: RetryPolicy,
	deadline: Deadline,
	ctx: FailureContext,
): Promise<Exchange> {
	const pacer = connection.pacer;
	let hop = start;
	for (let redirects = 0; ; redirects++) {
		const remaining = deadline.at - retryClock.now();
		if (remaining <= 0) return { kind: 'timeUp' };
		const slot = await pacer.waitForSlot(Math.min(policy.maxRetryAfterMs, remaining));
		if (slot.heldForMs !== undefined) return { kind: 'held', heldForMs: slot.heldForMs };
		const timeLeft = deadline.at - retryClock.now();
		const outcome = timeLeft <= 0 ? ({ kind: 'timeUp' } as const) : await sendOnce.call(this, hop, policy.attemptTimeoutMs, timeLeft);
		const status = outcome.kind === 'response' || outcome.kind === 'tooLarge' ? outcome.status : undefined;
		const headers = outcome.kind === 'response' ? outcome.headers : {};
		pacer.report(slot, status === undefined ? undefined : { status, retryAfterMs: parseRetryAfter(headers['retry-after']) });
		if (outcome.kind !== 'response' || !isRedirect(outcome.status)) return outcome;

		const decision = redirectDecision(connection.baseUrl, hop, outcome.status, outcome.headers.location);
		const baseOrigin = new URL(connection.baseUrl).origin;
		if ('refuse' in decision) return { kind: 'failed', error: redirectError(node, outcome.status, decision, baseOrigin, ctx) };
		if (redirects >= MAX_REDIRECTS) return { kind: 'failed', error: redirectError(node, outcome.status, { refuse: 'tooMany' }, baseOrigin, ctx) };
		hop = decision.follow;
	}
}

/** Sends one request through a connection already open (pagination.ts reads all pages with one). */
export async function sendMomentRequest<T = unknown>(
	this: MomentContext,
	connection: OpenConnection,
	request: MomentRequest,
): Promise<T> {
	const node = this.getNode();
	const { method, itemIndex } = request;
	let url: string;
	try {
		url = buildMomentUrl(connection, { entity: request.resource.apiPath, id: request.id, idFrom: request.idFrom, include: request.include });
	} catch (error) {
		// a segment that is not a valid ID or a known path word (url.ts): refused before sending
		throw new NodeOperationError(node, (error as Error).message, {
			itemIndex,
			description: 'Nothing was sent to Moment. If Moment sent this value, please report it with where it came from.',
		});
	}
	const ctx: FailureContext = {
		method,
		path: new URL(url).pathname,
		companyCode: connection.companyCode,
		resourceName: request.resource.displayName,
		resourcePlural: request.resource.plural,
		id: request.id === undefined ? undefined : String(request.id),
		itemIndex,
		scrub: connection.scrub,
	};
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy };
	ctx.attemptTimeoutMs = policy.attemptTimeoutMs;
	const deadline = requestDeadline(retryClock.now(), policy, request.deadline);
	const idempotent = isIdempotent(method);
	const retries: Record<FailureKind, number> = { rateLimited: 0, transient: 0 };
	const start: Hop = { method, url: withQuery(url, request.qs), body: request.body };
	let last: Error | undefined;

	for (let attempt = 1; ; attempt++) {
		const outcome = await exchange.call(this, node, connection, start, policy, deadline, ctx);
		ctx.attempts = attempt;
		ctx.pacedRate = connection.pacer.currentRate();
		let failure: FailureKind | undefined;
		let fail: () => Error;
		let retryAfterMs: number | undefined;

		if (outcome.kind === 'timeUp') throw timeLimitError(node, deadline, ctx, last);
		if (outcome.kind === 'failed') throw outcome.error;
		if (outcome.kind === 'held') {
			if (outcome.heldForMs > policy.maxRetryAfterMs) throw retryAfterTooLongError(node, outcome.heldForMs, policy.maxRetryAfterMs, ctx);
			ctx.attempts = attempt - 1;
			throw timeLimitError(node, deadline, ctx, last ?? new Error(`Moment's Retry-After holds the API key for ${Math.ceil(outcome.heldForMs / 1000)} s more`));
		}
		if (outcome.kind === 'tooLarge') throw bodyTooLargeError(node, outcome.status, outcome, MAX_BODY_BYTES, ctx);

		if (outcome.kind === 'network') {
			failure = idempotent && isTransientNetworkError(outcome.code, outcome.message) ? 'transient' : undefined;
			fail = () => networkError(node, outcome.code, outcome.message, ctx);
			// an attempt cut short by the deadline is the deadline's failure, not the attempt's
			if (retryClock.now() >= deadline.at) throw timeLimitError(node, deadline, ctx, fail());
		} else if (outcome.status >= 200 && outcome.status < 300) {
			const read = outcome.brokenOff
				? ({ ok: false, detail: 'The response broke off before it was complete.' } as const)
				: readableBody(method, outcome.body);
			if (read.ok) return read.value as T;
			failure = idempotent ? 'transient' : undefined;
			fail = () =>
				invalidResponseError(
					node,
					idempotent ? read.detail : `${read.detail} Moment may have saved the change: check in Moment before running again.`,
					ctx,
				);
		} else {
			const status = outcome.status;
			const body = parseBodyText(outcome.body);
			failure = classifyStatus(status);
			if (failure === 'transient' && !idempotent) failure = undefined;
			fail = () => httpStatusError(node, status, body, ctx);
			if (failure === 'rateLimited') retryAfterMs = parseRetryAfter(outcome.headers['retry-after']);
		}

		if (!failure || retries[failure] >= maxRetries(failure, policy)) throw fail();
		if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
			throw retryAfterTooLongError(node, retryAfterMs, policy.maxRetryAfterMs, ctx);
		}
		const delay = retryAfterMs ?? backoffDelay(retries[failure], policy);
		last = fail();
		// a retry that could not start before the deadline is not waited for
		if (retryClock.now() + delay >= deadline.at) throw timeLimitError(node, deadline, ctx, last);
		retries[failure]++;
		await retryClock.sleep(delay);
	}
}
