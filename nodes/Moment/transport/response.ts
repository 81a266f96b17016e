/**
 * transport/: reading an answer, bounded in size and time (map: docs/development.md).
 * Reading Moment's answer with a bound on its size and on the time it takes.
 *
 * request.ts asks n8n's HTTP helper for the body as a stream (`encoding: 'stream'`): n8n sets
 * axios's `maxContentLength` to no limit (Infinity in n8n 2.41's @n8n/backend-network, -1 in n8n
 * 1.123's n8n-core) and offers no option to change it, so a buffered body could be as large as
 * whatever answered. Here the stream is read up to `MAX_BODY_BYTES` (after decompression, which
 * axios does on the stream) and stopped at once beyond it, or as soon as Moment's Content-Length
 * announces more; and it is stopped when the request's deadline passes (axios's own timeout
 * covers the time until the answer starts, not the reading of a stream).
 */

/** The largest answer the node reads: 64 MB (a page of 500 records is well under 1 MB). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The parts of a Node.js readable stream used here (no import of 'stream' in a node package). */
export interface BodyStream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
	pipe: unknown;
}

function isBodyStream(value: unknown): value is BodyStream {
	const candidate = value as Partial<BodyStream> | null;
	return (
		typeof candidate === 'object' &&
		candidate !== null &&
		typeof candidate.on === 'function' &&
		typeof candidate.destroy === 'function' &&
		typeof candidate.pipe === 'function'
	);
}

/**
 * Stops reading a body nobody needs (a redirect, an answer that came after the deadline): an
 * empty one ends and frees its socket, any other is destroyed at its first chunk (not before, see
 * `readBody`: destroying n8n 2.41's wrapper before it has flowed leaves the response unread).
 */
export function discardBody(body: unknown): void {
	if (!isBodyStream(body)) return;
	body.on('error', () => undefined);
	body.on('data', () => body.destroy());
}

export type BodyRead =
	/** `body`: the text of a stream, or what the helper handed back when it was not a stream. */
	| { kind: 'complete'; body: unknown }
	| { kind: 'tooLarge'; receivedBytes: number; announcedBytes?: number }
	/** The connection ended before the body did. */
	| { kind: 'brokenOff' }
	| { kind: 'timeUp' };

function announcedLength(headers: Record<string, unknown>): number | undefined {
	const value = headers['content-length'];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : typeof text === 'number' ? text : undefined;
}

function byteLength(body: unknown): number {
	if (typeof body === 'string') return Buffer.byteLength(body);
	if (Buffer.isBuffer(body)) return body.length;
	return 0;
}

function text(bytes: Buffer): string {
	const decoded = bytes.toString('utf8');
	// what axios does with a buffered body, so JSON.parse reads it
	return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

/**
 * Reads `body` (a stream, normally) to its end, at most `maxBytes`, until `signal` aborts. Leaves
 * the stream finished or destroyed, so its socket is not kept open.
 *
 * A stream is destroyed only once it has delivered data: in n8n 2.41 (axios 1.18 and later with
 * n8n's unlimited maxContentLength) the body is a wrapper around the response, made by
 * `Readable.from` of a generator that reads the response; destroying the wrapper before the
 * generator has started ends the generator without ever touching the response, which would then
 * hold its socket open unread. Once data has flowed, destroying the wrapper ends the generator
 * inside its loop, and that destroys the response. (Where n8n passes the node's abort signal on,
 * as for triggers and pickers, axios also destroys the response when the deadline passes.)
 */
export async function readBody(
	body: unknown,
	headers: Record<string, unknown>,
	signal: AbortSignal,
	maxBytes = MAX_BODY_BYTES,
): Promise<BodyRead> {
	const announced = announcedLength(headers);
	if (!isBodyStream(body)) {
		const size = byteLength(body);
		return size > maxBytes ? { kind: 'tooLarge', receivedBytes: size } : { kind: 'complete', body };
	}
	return await new Promise<BodyRead>((resolve) => {
		const chunks: Buffer[] = [];
		let received = 0;
		let done = false;
		let flowed = false;
		let destroyed = false;
		const destroy = () => {
			if (!destroyed && flowed) {
				destroyed = true;
				body.destroy();
			}
		};
		const finish = (result: BodyRead) => {
			if (done) return;
			done = true;
			signal.removeEventListener('abort', onAbort);
			resolve(result);
			if (result.kind !== 'complete') destroy();
		};
		const onAbort = () => finish({ kind: 'timeUp' });
		body.on('data', (chunk: unknown) => {
			flowed = true;
			if (done) {
				destroy();
				return;
			}
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			received += bytes.length;
			if (received > maxBytes) {
				finish({ kind: 'tooLarge', receivedBytes: received, announcedBytes: announced });
				return;
			}
			chunks.push(bytes);
		});
		body.on('end', () => finish({ kind: 'complete', body: text(Buffer.concat(chunks)) }));
		body.on('error', () => finish({ kind: 'brokenOff' }));
		// 'close' without 'end': the connection went away mid-body
		body.on('close', () => finish({ kind: 'brokenOff' }));
		if (announced !== undefined && announced > maxBytes) {
			// refused before reading; the stream is stopped at its first chunk (see above)
			finish({ kind: 'tooLarge', receivedBytes: 0, announcedBytes: announced });
			return;
		}
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
}

/** A body's text as JSON when it is JSON, else the text itself (error bodies may be either). */
export function parseBodyText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return body;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return body;
	}
}
