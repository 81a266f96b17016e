/**
 * What happens when Moment POSTs to the Moment Trigger (docs/development.md):
 * 1. secret check (`?token=`) → 401, nothing runs; also every call while the secret the user chose
 *    is unusable (empty, only spaces, unreadable, unfit: secret.ts);
 * 2. the body, read whatever its content type (readRequestBody, below) → 413 / 415 / 400 when it
 *    cannot be read; payload check (payload.ts) → 400 for a body that is not a JSON object (or a
 *    broken documented payload), 200 `{ignored}` for another webhook type beyond doubt or a
 *    filtered-out event; nothing runs. Any other JSON object runs, flagged `recognized: false` when
 *    its id was not found;
 * 3. optional full-record fetch → on failure an error naming the event (item.ts);
 * 4. one item per delivery (item.ts).
 * The 400 / 401 answers and the payloads ignored as another webhook type's are also logged as
 * warnings (a Moment integration pointed at the wrong trigger would otherwise vanish without a
 * trace), events left out by the user's event filter at debug level, since no execution shows them
 * in n8n; LogThrottle (below) keeps a flood of them from flooding the log.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildItemJson, fetchDeliveredRecord } from './item';
import type { TriggerSource } from './payload';
import { parseDelivery } from './payload';
import { TOKEN_QUERY_PARAMETER, checkToken, nodeWithoutSecret, readSecret, tokenFailureMessage } from './secret';
import type { TriggerSettings } from './settings';
import { readTriggerSettings } from './settings';

// ---- The request's body
//
// The body of a webhook call, read from the request n8n hands the node, whatever its content type.
// This is the boundary where the request becomes input for the payload reader (payload.ts).
//
// What n8n has done with the body when the node runs (n8n 2.41.3 and 1.123.81, packages/cli:
// webhooks/webhook-helpers.ts parseRequestBody, middlewares/body-parser.ts rawBodyReader and
// parseBody; the content type is parsed by parseIncomingMessage into `req.contentType`, the type
// in lower case, and `req.encoding`, the charset, default utf-8):
// - multipart/form-data: parsed into form fields; the bytes are gone (`rawBody` unset);
// - a start node of typeVersion 1, or a content type n8n calls parsable (starting with
//   application/json, text/plain or application/x-www-form-urlencoded, or ending in /xml or +xml):
//   the bytes are read into `req.rawBody` (gunzipped / inflated for Content-Encoding gzip /
//   deflate, at most N8N_PAYLOAD_SIZE_MAX MB, 16 by default) and, for exactly application/json,
//   text/plain, x-www-form-urlencoded and XML, parsed into `req.body`. A body n8n fails to parse
//   (broken JSON sent as application/json, JSON sent as XML, a charset Node cannot decode) is
//   answered 422 by n8n before the node runs;
// - typeVersion above 1 (1.1 and 2 here) with any other content type, or none: nothing is read.
//   `req.rawBody` and `req.body` are unset and the bytes are still in the request stream.
//   `req.readRawBody()` (set on every request by rawBodyReader) reads them the way n8n would.
//
// So: the bytes n8n kept; else the bytes read now with n8n's own readRawBody (its size limit, its
// decompression; it reads once, later calls return at once); else, when a future n8n has no
// readRawBody, the request stream read here, bounded; else what n8n parsed. n8n's parse of
// application/json is handed on with the bytes, so a large body is not parsed twice.

/** Bytes read from the stream when n8n offers no readRawBody: n8n's default N8N_PAYLOAD_SIZE_MAX. */
export const STREAM_READ_LIMIT = 16 * 1024 * 1024;

/**
 * Bytes of a body too large to read that are still taken off the connection (and dropped) before
 * the 413 is sent, so that a sender that writes its whole body before reading the answer gets it:
 * on Node 20 (n8n 1.123) a connection the sender asked to close is closed as soon as the answer is
 * sent, and the sender, still writing, sees a broken pipe instead of the 413. Beyond this the
 * connection is closed without more ado.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

/** The parts of n8n's request (an express request) this file reads. */
export interface N8nRequest {
	headers?: Record<string, unknown>;
	contentType?: string;
	encoding?: string;
	rawBody?: unknown;
	body?: unknown;
	readRawBody?: () => Promise<void>;
	readable?: boolean;
	readableEnded?: boolean;
	destroyed?: boolean;
	_body?: boolean;
	[Symbol.asyncIterator]?: () => AsyncIterator<unknown>;
}

export type RequestBody =
	| {
			kind: 'read';
			/** The bytes sent (after n8n's decompression), or text when n8n kept only that; undefined when only a parsed body was there. */
			raw?: Uint8Array | string;
			/** n8n's parse of `bytes` (application/json), or n8n's parsed body when there are no bytes. */
			parsed?: { value: unknown };
			/** The content type (lower case, no parameters), undefined when none was sent. */
			contentType?: string;
			/** The charset of the Content-Type, when one was given. */
			charset?: string;
	  }
	| { kind: 'unreadable'; status: 400 | 413 | 415; message: string };

interface ContentType {
	type?: string;
	charset?: string;
}

/** The content type as n8n parsed it (parseIncomingMessage), or parsed here the same way. */
function contentTypeOf(req: N8nRequest): ContentType {
	const header = req.headers?.['content-type'];
	let charset: string | undefined;
	if (typeof header === 'string') {
		for (const parameter of header.split(';').slice(1)) {
			const at = parameter.indexOf('=');
			if (at > 0 && parameter.slice(0, at).trim().toLowerCase() === 'charset') {
				charset = parameter.slice(at + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
			}
		}
	}
	if (typeof req.contentType === 'string') return { type: req.contentType, charset };
	if (typeof header !== 'string' || header === '') return { charset };
	return { type: header.split(';')[0].toLowerCase(), charset };
}

function isBytes(value: unknown): value is Uint8Array {
	return value instanceof Uint8Array;
}

function typeName(contentType: ContentType): string {
	return contentType.type === undefined ? 'no Content-Type' : `Content-Type "${contentType.type.slice(0, 80)}"`;
}

function isStream(req: N8nRequest): boolean {
	return typeof req[Symbol.asyncIterator] === 'function' && req.readable === true && req.readableEnded !== true && req.destroyed !== true;
}

/**
 * The request stream read here, kept up to `keep` bytes and dropped beyond, until it ends or
 * `total` bytes were read (leaving the loop early destroys the stream: nothing more is read).
 * Undefined when it cannot be read (not a stream, or already read or closed: nothing waits for
 * bytes that will not come); 'too large' when more than `keep` bytes came.
 */
async function readStream(req: N8nRequest, keep: number, total: number): Promise<Buffer | 'too large' | undefined> {
	if (!isStream(req)) return undefined;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<unknown>) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
		size += bytes.length;
		if (size <= keep) chunks.push(bytes);
		else chunks.length = 0;
		if (size > total) break;
	}
	return size > keep ? 'too large' : Buffer.concat(chunks);
}

function tooLarge(contentType: ContentType, limit: string): RequestBody {
	return {
		kind: 'unreadable',
		status: 413,
		message: `The request body (${typeName(contentType)}) is larger than n8n accepts (${limit}). Moment's deliveries are a few hundred bytes: check what posts to this URL, or raise N8N_PAYLOAD_SIZE_MAX.`,
	};
}

/** What Moment sent, as the payload reader takes it, or why it cannot be read (the answer to send). */
async function readRequestBody(this: IWebhookFunctions): Promise<RequestBody> {
	const req = this.getRequestObject() as unknown as N8nRequest;
	const contentType = contentTypeOf(req);
	const read = (raw: Uint8Array | string | undefined, parsed?: { value: unknown }): RequestBody => ({ kind: 'read', raw, parsed, contentType: contentType.type, charset: contentType.charset });

	if (contentType.type === 'multipart/form-data' && !isBytes(req.rawBody)) {
		return {
			kind: 'unreadable',
			status: 415,
			message: `The request came as multipart/form-data, which n8n splits into form fields before the Moment Trigger sees it, so the JSON cannot be read. Moment sends a JSON object: send the body as application/json (or without a Content-Type).`,
		};
	}
	if (!isBytes(req.rawBody) && typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch (error) {
			const { status, type, message } = error as { status?: unknown; type?: unknown; message?: unknown };
			if (status === 413 || type === 'entity.too.large') {
				// raw-body leaves the rest unread (paused): take it off the connection, bounded, so the
				// 413 arrives. Not when n8n piped the request into a decompressor: that pipe holds it.
				if (req.headers?.['content-encoding'] === undefined) await readStream(req, 0, DRAIN_LIMIT);
				return tooLarge(contentType, 'N8N_PAYLOAD_SIZE_MAX, 16 MB by default');
			}
			return {
				kind: 'unreadable',
				status: 400,
				message: `The request body (${typeName(contentType)}) could not be read: ${String(message ?? error).slice(0, 200)}. Send the delivery again.`,
			};
		}
	}
	if (!isBytes(req.rawBody) && req.readRawBody === undefined) {
		const streamed = await readStream(req, STREAM_READ_LIMIT, DRAIN_LIMIT);
		if (streamed === 'too large') return tooLarge(contentType, `${STREAM_READ_LIMIT / 1024 / 1024} MB`);
		if (streamed !== undefined) {
			// kept as n8n keeps the bytes it read, so nothing reads the stream twice
			req.rawBody = streamed;
			req._body = true;
		}
	}

	const bytes = isBytes(req.rawBody) ? req.rawBody : undefined;
	const body = this.getBodyData() as unknown;
	if (bytes === undefined) {
		if (typeof body === 'string') return read(body);
		return read(undefined, body === undefined ? undefined : { value: body });
	}
	// n8n parsed exactly these bytes as JSON (body-parser.ts parseBody): hand its value on, so that a
	// large body is not parsed a second time. Other parsed bodies (text, a form, XML) are left: the
	// bytes are read as JSON instead.
	if (contentType.type === 'application/json' && bytes.length > 0 && body !== undefined) return read(bytes, { value: body });
	return read(bytes);
}

// ---- The log throttle
//
// Refused and ignored calls start no execution, so n8n's log is the only place they show. A flood
// of them (a misconfigured integration, someone probing the URL) must not flood the log: per
// trigger node and kind of line (401, 400, ignored, filtered), at most LINES_PER_WINDOW lines per
// minute are written; the first line of a later minute says how many were left out. Timestamps and
// counters only (no timers): the count is reported with the next line written, whenever that is.
// Per n8n process.

export const LINES_PER_WINDOW = 3;
export const WINDOW_MS = 60_000;
/** Trigger nodes remembered at once; the one whose minute started longest ago is forgotten first. */
const MAX_KEYS = 1000;

interface Window {
	startedAt: number;
	written: number;
	suppressed: number;
}

/** `suppressedBefore` lines were left out in the window that started at `suppressedFrom` (ms). */
export type Admission = { write: false } | { write: true; suppressedBefore: number; suppressedFrom?: number };

export class LogThrottle {
	private readonly windows = new Map<string, Window>();

	constructor(
		private readonly linesPerWindow = LINES_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly maxKeys = MAX_KEYS,
	) {}

	/** Whether a line for `key` may be written at `now` (ms), and how many were left out before it. */
	admit(key: string, now: number): Admission {
		let window = this.windows.get(key);
		if (window === undefined || now - window.startedAt >= this.windowMs || now < window.startedAt) {
			const previous = window;
			window = { startedAt: now, written: 1, suppressed: 0 };
			this.remember(key, window);
			if (previous === undefined || previous.suppressed === 0) return { write: true, suppressedBefore: 0 };
			return { write: true, suppressedBefore: previous.suppressed, suppressedFrom: previous.startedAt };
		}
		if (window.written < this.linesPerWindow) {
			window.written++;
			return { write: true, suppressedBefore: 0 };
		}
		window.suppressed++;
		return { write: false };
	}

	private remember(key: string, window: Window): void {
		this.windows.delete(key);
		this.windows.set(key, window);
		if (this.windows.size > this.maxKeys) {
			const oldest = this.windows.keys().next().value;
			if (oldest !== undefined) this.windows.delete(oldest);
		}
	}
}

/** `message` with the count of lines left out before it, if any. */
export function withSuppressedCount(message: string, admission: Admission): string {
	if (!admission.write || admission.suppressedBefore === 0) return message;
	const n = admission.suppressedBefore;
	const from = admission.suppressedFrom === undefined ? '' : ` in the minute from ${new Date(admission.suppressedFrom).toISOString()}`;
	return `${message} (${n} more like it${from} were not logged)`;
}

// ---- The call

const logThrottle = new LogThrottle();

function answer(this: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	this.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

type CallKind = '401' | '400' | 'ignored' | 'filtered';

/** Writes a log line about a call that started nothing, at most a few per minute per trigger node and kind. */
function logCall(this: IWebhookFunctions, kind: CallKind, message: string): void {
	const key = `${this.getWorkflow().id ?? ''}/${this.getNode().id}/${kind}`;
	const admission = logThrottle.admit(key, Date.now());
	if (admission.write) this.logger[kind === 'filtered' ? 'debug' : 'warn'](withSuppressedCount(message, admission));
}

/** The 401 answer when the call may not start the workflow; undefined when it may. */
async function refuseCaller(this: IWebhookFunctions, settings: TriggerSettings): Promise<IWebhookResponseData | undefined> {
	const nodeName = this.getNode().name;
	const reading = await readSecret.call(this, settings.token);
	if (reading.kind === 'none') return undefined;
	if (reading.kind === 'unusable') {
		logCall.call(this, '401', `Moment Trigger "${nodeName}" refused a call (401) because its secret token is unusable: ${reading.problem}`);
		return answer.call(this, 401, { error: 'unauthorized', message: tokenFailureMessage('unusable', reading.where) });
	}
	const token = checkToken(reading.secret, (this.getQueryData() as IDataObject)[TOKEN_QUERY_PARAMETER]);
	if (token.ok) return undefined;
	logCall.call(this, '401', `Moment Trigger "${nodeName}" refused a call (401): ${token.reason} token`);
	return answer.call(this, 401, { error: 'unauthorized', message: tokenFailureMessage(token.reason) });
}

function triggerSource(this: IWebhookFunctions, settings: TriggerSettings): TriggerSource {
	if (!settings.source) {
		throw new NodeOperationError(nodeWithoutSecret(this.getNode()), `Unknown Event Source "${settings.sourceValue.slice(0, 40)}"`, {
			description: 'Open the Moment Trigger and pick an Event Source from the list.',
		});
	}
	return settings.source;
}

export async function handleMomentWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readTriggerSettings(this);
	const refusal = await refuseCaller.call(this, settings);
	if (refusal !== undefined) return refusal;
	const source = triggerSource.call(this, settings);
	const nodeName = this.getNode().name;

	const body = await readRequestBody.call(this);
	if (body.kind === 'unreadable') {
		logCall.call(this, '400', `Moment Trigger "${nodeName}" could not read a delivery (${body.status}): ${body.message}`);
		return answer.call(this, body.status, { error: body.status === 413 ? 'payload too large' : body.status === 415 ? 'unsupported media type' : 'bad request', message: body.message });
	}
	const result = parseDelivery(body.raw, { source, events: settings.events, parsed: body.parsed, charset: body.charset });
	if (result.kind === 'rejected') {
		logCall.call(this, '400', `Moment Trigger "${nodeName}" rejected a delivery (400): ${result.reason}`);
		return answer.call(this, 400, { error: 'bad request', message: result.reason });
	}
	if (result.kind === 'ignored') {
		logCall.call(this, result.cause === 'otherSource' ? 'ignored' : 'filtered', `Moment Trigger "${nodeName}" ignored a delivery: ${result.reason}`);
		return answer.call(this, 200, { ignored: true, reason: result.reason });
	}

	const receivedAt = new Date();
	let json = buildItemJson(result, receivedAt);
	if (settings.fetchFullRecord) {
		const record = await fetchDeliveredRecord.call(this, result, source, settings.include, json);
		json = buildItemJson(result, receivedAt, { resource: source.resource, record });
	}

	return {
		workflowData: [this.helpers.returnJsonArray([json])],
		webhookResponse: { received: true, source: result.source, event: result.event, id: result.id, recognized: result.recognized },
	};
}
