/**
 * Values from outside (webhook bodies, Moment's answers, item data), looked at safely: the one
 * `isRecord` and `own`, and the short renderings messages use (docs/development.md).
 */
import type { IDataObject } from 'n8n-workflow';

/** A plain object: not null, not a list. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: never something inherited such as `constructor`. */
export function own(record: IDataObject, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

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
