/**
 * The one function that sends a request to Moment. Everything else calls this (or the list
 * helpers in pagination.ts, which call this).
 *
 * - authenticates through n8n (`httpRequestWithAuthentication` with the `momentApi` credential);
 * - reads and checks the credential once per call (`openConnection`; a list opens it once for all
 *   its pages) and builds the URL from checked parts (url.ts);
 * - paces requests per API key (rateLimit.ts);
 * - retries 429 / 502 / 503 / 504 / broken connections / truncated bodies (retry.ts);
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
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FailureContext } from './errors';
import { httpStatusError, invalidResponseError, networkError, retryAfterTooLongError } from './errors';
import type { KeyPacer } from './rateLimit';
import { pacerFor } from './rateLimit';
import type { FailureKind, RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	classifyStatus,
	isIdempotent,
	isTransientNetworkError,
	maxRetries,
	parseRetryAfter,
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
const REQUEST_TIMEOUT_MS = 60000;

export interface MomentRequest extends MomentPath {
	method: IHttpRequestMethods;
	qs?: IDataObject;
	body?: IDataObject;
	/** Singular display name for messages ("Invoice 12 not found ..."). */
	resourceName?: string;
	/** The catalog's lower-case plural for messages ("invoices"); "records" without it. */
	resourcePlural?: string;
	/** Item the request is made for; carried into every error. */
	itemIndex?: number;
	retryPolicy?: Partial<RetryPolicy>;
}

type Outcome =
	| { kind: 'response'; status: number; headers: IDataObject; body: unknown; brokenOff?: boolean }
	| { kind: 'network'; code?: string; message: string };

async function getMomentCredentials(this: MomentContext, itemIndex?: number): Promise<MomentCredentials> {
	const credentials =
		itemIndex === undefined
			? await this.getCredentials(CREDENTIAL_TYPE)
			: await (this as IExecuteFunctions).getCredentials(CREDENTIAL_TYPE, itemIndex);
	return credentials as unknown as MomentCredentials;
}

/** Replaces the API key, raw or inside a Basic auth header, wherever Moment might echo it. */
function secretScrubber(credentials: MomentCredentials): (text: string) => string {
	const key = String(credentials.apiKey ?? '');
	const secrets = [key, Buffer.from(`apikey:${key}`).toString('base64')].filter((secret) => secret.length >= 4);
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
	const credentials = await getMomentCredentials.call(this, itemIndex);
	try {
		return { ...readConnection(credentials), pacer: pacerFor(credentials), scrub: secretScrubber(credentials) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

/** `key` of the error or of its causes: the outermost one, or with `innermost` the deepest one. */
function findProperty(error: unknown, key: string, innermost = false): unknown {
	let found: unknown;
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const value = (current as Record<string, unknown>)[key];
		if (value !== undefined && value !== null) {
			found = value;
			if (!innermost) break;
		}
		current = (current as Record<string, unknown>).cause;
	}
	return found;
}

/**
 * Reads what happened from an error thrown by n8n's HTTP helper. An error that still carries a
 * 2xx response is a body that broke off mid-way (n8n's client throws "stream has been aborted"
 * with status 200): it is marked so, and never taken for a success with an empty body.
 */
function outcomeOfThrown(error: unknown): Outcome {
	const response = findProperty(error, 'response') as
		| { status?: number; headers?: IDataObject; data?: unknown }
		| undefined;
	if (response && typeof response.status === 'number') {
		const brokenOff = response.status >= 200 && response.status < 300;
		return { kind: 'response', status: response.status, headers: response.headers ?? {}, body: response.data, brokenOff };
	}
	const code = findProperty(error, 'code');
	// n8n replaces the message of its wrapper with generic text; the cause says what happened.
	const message = findProperty(error, 'message', true);
	return {
		kind: 'network',
		code: typeof code === 'string' ? code : undefined,
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
		url = buildMomentUrl(connection, request);
	} catch (error) {
		// a segment that is not a valid ID or a known path word (url.ts): refused before sending
		throw new NodeOperationError(node, (error as Error).message, {
			itemIndex,
			description: 'Nothing was sent to Moment. Every ID that goes into a request URL must be a Moment ID, whatever its source; please report this with where the value came from if Moment sent it.',
		});
	}
	const ctx: FailureContext = {
		method,
		path: new URL(url).pathname,
		companyCode: connection.companyCode,
		resourceName: request.resourceName,
		resourcePlural: request.resourcePlural,
		id: request.id === undefined ? undefined : String(request.id),
		itemIndex,
		scrub: connection.scrub,
	};
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy };
	const idempotent = isIdempotent(method);
	const retries: Record<FailureKind, number> = { rateLimited: 0, transient: 0 };
	const pacer = connection.pacer;
	const options: IHttpRequestOptions = {
		method,
		url: withQuery(url, request.qs),
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	for (let attempt = 1; ; attempt++) {
		const slot = await pacer.waitForSlot(policy.maxRetryAfterMs);
		if (slot.heldForMs !== undefined) throw retryAfterTooLongError(node, slot.heldForMs, policy.maxRetryAfterMs, ctx);
		const outcome = await send.call(this, { ...options });
		const answer = outcome.kind === 'response' ? { status: outcome.status, retryAfterMs: parseRetryAfter(outcome.headers['retry-after']) } : undefined;
		pacer.report(slot, answer);
		ctx.attempts = attempt;
		let failure: FailureKind | undefined;
		let fail: () => Error;
		let retryAfterMs: number | undefined;

		if (outcome.kind === 'network') {
			failure = idempotent && isTransientNetworkError(outcome.code, outcome.message) ? 'transient' : undefined;
			fail = () => networkError(node, outcome.code, outcome.message, ctx);
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
			failure = classifyStatus(status);
			if (failure === 'transient' && !idempotent) failure = undefined;
			fail = () => httpStatusError(node, status, outcome.body, ctx);
			if (failure === 'rateLimited') retryAfterMs = answer?.retryAfterMs;
		}

		ctx.pacedRate = pacer.currentRate();
		if (!failure || retries[failure] >= maxRetries(failure, policy)) throw fail();
		if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
			throw retryAfterTooLongError(node, retryAfterMs, policy.maxRetryAfterMs, ctx);
		}
		const delay = retryAfterMs ?? backoffDelay(retries[failure], policy);
		retries[failure]++;
		await retryClock.sleep(delay);
	}
}
