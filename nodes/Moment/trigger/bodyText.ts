/**
 * A delivery's body, from what n8n handed over to a JSON value, and its hash: part of the payload
 * reader (payload.ts; docs/development.md), pure, each step one plainly linear pass, so that a
 * delivery of any size costs the reader about as much as reading it (docs/benchmarks.md,
 * benchmark 5): the bytes as text in their charset, how deeply the JSON nests (scanned before it is
 * parsed), the parse (at most once, not at all when n8n parsed it), and the body's hash.
 *
 * The hash is the body's part of the delivery key (item.ts): the first 16 hex digits (64 bits) of
 * a SHA-256
 * - of a body of up to CANONICAL_MAX_BYTES (64 KiB; Moment's are a few hundred bytes) written as
 *   JSON with the keys of every object sorted, so the same JSON content gives the same key
 *   whatever its spacing or key order;
 * - of a larger body's bytes as sent. Sorting the keys of a body of megabytes would cost more than
 *   n8n spends reading it; the same delivery sent again has the same bytes and so the same key.
 */
import { createHash } from 'crypto';

import { canonicalJson } from '../changeKey';
import { excerpt } from '../values';

/**
 * Deepest nesting accepted. Moment's documented payload is 3 levels deep; a body nested thousands
 * of levels could not be stored by n8n (its execution data is serialized recursively).
 */
export const MAX_NESTING_DEPTH = 64;

/** How the body came: n8n's parse of it (application/json), the Content-Type's charset. */
export interface BodyForm {
	/**
	 * The JSON value of `body` (its bytes or text) as n8n already parsed it (application/json), so it
	 * is not parsed again; or, with no `body`, the only form the body came in.
	 */
	parsed?: { value: unknown };
	/** The Content-Type's charset, for bytes: read in it when known, else as UTF-8. */
	charset?: string;
}

/** Charsets whose bytes below 0x80 are always ASCII: `"`, `\`, `{`, `[`, `]`, `}` can be found in the bytes. */
const ASCII_SAFE = /^(utf-?8|us-ascii|ascii|iso-8859-\d+|latin1|l1|windows-125\d|cp125\d)$/;

/** Whether `charset` (as given in the Content-Type, any case) is read as UTF-8 or another ASCII-safe charset. */
function isAsciiSafe(charset: string | undefined): boolean {
	return charset === undefined || ASCII_SAFE.test(charset.toLowerCase());
}

/**
 * The bytes as text: in the Content-Type's charset when the platform knows it (TextDecoder's
 * labels: utf-16le, iso-8859-1, windows-1252, ...), else UTF-8, the encoding JSON is exchanged in
 * (RFC 8259), so a wrong or unknown label never makes a delivery unreadable. A byte order mark is
 * left to the caller.
 */
function textOf(bytes: Uint8Array, charset: string | undefined): string {
	const label = charset?.toLowerCase();
	if (label !== undefined && !/^utf-?8$/.test(label)) {
		let decoder: TextDecoder | undefined;
		try {
			decoder = new TextDecoder(label, { ignoreBOM: true });
		} catch {
			decoder = undefined;
		}
		if (decoder !== undefined) return decoder.decode(bytes);
	}
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Where the string that opens at `start` (a `"`) ends: the index of its closing quote, or -1 when it
 * does not end. Jumps from quote to quote (indexOf), counting the backslashes before each: a quote
 * after an odd number of them is escaped. Every character is looked at a bounded number of times.
 */
function stringEnd(json: string | Buffer, start: number): number {
	let at = start + 1;
	for (;;) {
		const quote = typeof json === 'string' ? json.indexOf('"', at) : json.indexOf(QUOTE, at);
		if (quote < 0) return -1;
		let backslashes = 0;
		for (let i = quote - 1; i > start && (typeof json === 'string' ? json.charCodeAt(i) : json[i]) === BACKSLASH; i--) backslashes++;
		if (backslashes % 2 === 0) return quote;
		at = quote + 1;
	}
}

/**
 * Whether the JSON text (or its bytes, in an ASCII-safe charset) nests objects and arrays deeper
 * than `limit`: brackets are counted outside strings, in one pass, stopping as soon as the limit is
 * passed. For valid JSON this is exactly the nesting of the parsed value; for text that is not JSON
 * the answer does not matter (it is refused either way).
 */
function nestsDeeperThan(json: string | Uint8Array, limit: number): boolean {
	const source = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
	const length = source.length;
	let depth = 0;
	for (let i = 0; i < length; i++) {
		const code = typeof source === 'string' ? source.charCodeAt(i) : source[i];
		if (code === QUOTE) {
			const end = stringEnd(source, i);
			if (end < 0) return false;
			i = end;
		} else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
			if (++depth > limit) return true;
		} else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
			depth--;
		}
	}
	return false;
}

/** Whether a parsed value nests deeper than `limit` levels (iterative: no recursion), for values given without their text. */
function valueNestsDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth > limit) return true;
		for (const child of Object.values(current)) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
		}
	}
	return false;
}

const EMPTY = 'The request body is empty. Moment sends a JSON object.';

/** A body decoded: its JSON value, and the text or bytes it came from (undefined for a value given as it is). */
export type Decoded = { ok: true; value: unknown; raw?: string | Uint8Array } | { ok: false; reason: string };

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Text, bytes or an already parsed value → the JSON value, or why it is not usable. Each step is
 * one pass: the text is decoded once, scanned for nesting once (before it is parsed, so a body
 * nested too deep costs no parse) and parsed at most once (not at all when n8n parsed it).
 */
export function decodeBody(body: unknown, options: BodyForm, tooDeep: string): Decoded {
	if (!(body instanceof Uint8Array) && typeof body !== 'string') {
		// a value without its text: what n8n parsed (or a caller's object), or nothing at all
		const value = options.parsed !== undefined ? options.parsed.value : body;
		if (value === undefined) return { ok: false, reason: EMPTY };
		return valueNestsDeeperThan(value, MAX_NESTING_DEPTH) ? { ok: false, reason: tooDeep } : { ok: true, value };
	}
	if (body.length === 0) return { ok: false, reason: EMPTY };
	if (options.parsed !== undefined) {
		// n8n parsed these very bytes (application/json): its value is used, the bytes only scanned
		const scanned = body instanceof Uint8Array && !isAsciiSafe(options.charset) ? textOf(body, options.charset) : body;
		if (nestsDeeperThan(scanned, MAX_NESTING_DEPTH)) return { ok: false, reason: tooDeep };
		return { ok: true, value: options.parsed.value, raw: body };
	}
	const text = stripBom(body instanceof Uint8Array ? textOf(body, options.charset) : body);
	if (text.trim() === '') return { ok: false, reason: EMPTY };
	if (nestsDeeperThan(text, MAX_NESTING_DEPTH)) return { ok: false, reason: tooDeep };
	try {
		return { ok: true, value: JSON.parse(text), raw: body };
	} catch {
		return {
			ok: false,
			reason: `The request body is not valid JSON (${text.length} characters, starting ${excerpt(text.trim().slice(0, 20))}).`,
		};
	}
}

/** Bodies up to this size (in bytes as sent) are hashed in canonical form, larger ones as sent. */
const CANONICAL_MAX_BYTES = 64 * 1024;

function hash16(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

/**
 * The body's hash: `payload` is the parsed body, `raw` the text or bytes it was read from
 * (undefined when it came as a value: then always the canonical form).
 */
export function bodyHashOf(payload: unknown, raw?: string | Uint8Array): string {
	const size = raw === undefined ? 0 : typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
	if (raw !== undefined && size > CANONICAL_MAX_BYTES) return hash16(raw);
	return hash16(canonicalJson(payload));
}
