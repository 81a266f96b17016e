/** Short, safe renderings of values from a webhook body for reasons and messages. */

/** `"..."`, cut at 40 characters: a message never echoes a large body back. */
export function excerpt(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : String(JSON.stringify(value));
	} catch {
		text = String(value);
	}
	return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

/** "missing", "null", "a list", "the text "abc"", "the number "5"", "the value true", "an object". */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text ${excerpt(value)}`;
	if (typeof value === 'number') return `the number ${excerpt(value)}`;
	if (typeof value === 'boolean') return `the value ${String(value)}`;
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** `The body has the fields "event", "claim".` (at most 10 names). `keys`: the body's keys, when listed already. */
export function fieldList(body: object, keys: string[] = Object.keys(body)): string {
	if (keys.length === 0) return 'The body is an empty object.';
	const shown = keys.slice(0, 10).map((key) => excerpt(key));
	return `The body has the field${keys.length === 1 ? '' : 's'} ${shown.join(', ')}${keys.length > 10 ? ` and ${keys.length - 10} more` : ''}.`;
}
