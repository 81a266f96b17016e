/**
 * A delivery's bytes as text, and how deeply its JSON nests, each in one pass over the body. Pure.
 * Part of the payload reader (payload.ts), kept apart so that each pass is plainly linear: a
 * delivery of any size costs the reader about as much as reading it (docs/benchmarks.md,
 * benchmark 5).
 */

/** Charsets whose bytes below 0x80 are always ASCII: `"`, `\`, `{`, `[`, `]`, `}` can be found in the bytes. */
const ASCII_SAFE = /^(utf-?8|us-ascii|ascii|iso-8859-\d+|latin1|l1|windows-125\d|cp125\d)$/;

/** Whether `charset` (as given in the Content-Type, any case) is read as UTF-8 or another ASCII-safe charset. */
export function isAsciiSafe(charset: string | undefined): boolean {
	return charset === undefined || ASCII_SAFE.test(charset.toLowerCase());
}

/**
 * The bytes as text: in the Content-Type's charset when the platform knows it (TextDecoder's
 * labels: utf-16le, iso-8859-1, windows-1252, ...), else UTF-8, the encoding JSON is exchanged in
 * (RFC 8259), so a wrong or unknown label never makes a delivery unreadable. A byte order mark is
 * left to the caller.
 */
export function textOf(bytes: Uint8Array, charset: string | undefined): string {
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
export function nestsDeeperThan(json: string | Uint8Array, limit: number): boolean {
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
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
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
