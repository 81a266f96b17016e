/**
 * Values from outside (Moment's answers, webhook bodies, item data, parameters): whether one is a
 * record, a field read without inheritance, and how a value is shown in a message without echoing
 * much of it. Each name means one thing everywhere in nodes/; the map is docs/development.md
 * ("Where each concern lives").
 */
import type { IDataObject } from 'n8n-workflow';

/** A JSON object: not null, not a list, not bytes (a Buffer). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** An own property only: never something inherited such as `constructor` or `__proto__`. */
export function own(record: object, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? (record as IDataObject)[key] : undefined;
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

/**
 * A value a user gave in a parameter (an ID, a day), for "... is not a valid Moment ID": text in
 * quotes (cut at 40 characters), a number as it is, "a list", "an object", "an invalid date".
 */
export function describeParameterValue(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
	if (value instanceof Date) return 'an invalid date';
	if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'an object';
	return String(value);
}

/** A setting's or an ID's value in quotes, cut at 60 characters (JSON for anything but text). */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}
