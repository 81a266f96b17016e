/**
 * The body of a webhook call, read from the request n8n hands the node, whatever its content type.
 * This is the boundary where the request becomes input for the payload reader (payload.ts).
 *
 * What n8n has done with the body when the node runs (n8n 2.41.3 and 1.123.81, packages/cli:
 * webhooks/webhook-helpers.ts parseRequestBody, middlewares/body-parser.ts rawBodyReader and
 * parseBody; the content type is parsed by parseIncomingMessage into `req.contentType`, the type
 * in lower case, and `req.encoding`, the charset, default utf-8):
 * - multipart/form-data: parsed into form fields; the bytes are gone (`rawBody` unset);
 * - a start node of typeVersion 1, or a content type n8n calls parsable (starting with
 *   application/json, text/plain or application/x-www-form-urlencoded, or ending in /xml or +xml):
 *   the bytes are read into `req.rawBody` (gunzipped / inflated for Content-Encoding gzip /
 *   deflate, at most N8N_PAYLOAD_SIZE_MAX MB, 16 by default) and, for exactly application/json,
 *   text/plain, x-www-form-urlencoded and XML, parsed into `req.body`. A body n8n fails to parse
 *   (broken JSON sent as application/json, JSON sent as XML, a charset Node cannot decode) is
 *   answered 422 by n8n before the node runs;
 * - typeVersion above 1 (1.1 and 2 here) with any other content type, or none: nothing is read.
 *   `req.rawBody` and `req.body` are unset and the bytes are still in the request stream.
 *   `req.readRawBody()` (set on every request by rawBodyReader) reads them the way n8n would.
 *
 * So: the bytes n8n kept; else the bytes read now with n8n's own readRawBody (its size limit, its
 * decompression; it reads once, later calls return at once); else, when a future n8n has no
 * readRawBody, the request stream read here, bounded; else what n8n parsed. n8n's parse of
 * application/json is handed on with the bytes, so a large body is not parsed twice.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

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
export async function readRequestBody(this: IWebhookFunctions): Promise<RequestBody> {
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
