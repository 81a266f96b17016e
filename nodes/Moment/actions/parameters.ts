/**
 * actions/: reading and checking the parameters, the one input boundary (map: docs/development.md).
 * Reading and checking the parameters the operations share: the one boundary where user input is
 * checked (nothing checks it again per request or per page). Every failure is a
 * NodeOperationError with the item index, raised before any request is sent.
 *
 * Parameter names are written here as the screens write them (resources/<resource>/*.description.ts,
 * resources/shared/); test/actions/contract.test.ts checks that every name read here exists on the
 * screen, with the default assumed here, in both node versions.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../catalog';
import { parseRecordId } from '../catalog';
import { parseInclude } from '../transport';
import { quote } from '../values';

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** Parameter names and labels of Create / Update that changed with node version 1.1. */
export interface WriteParameters {
	/** Create's collection of optional fields. */
	createFields: string;
	createFieldsLabel: string;
	/** The JSON field of Create and Update. */
	json: string;
	jsonLabel: string;
}

const WRITE_PARAMETERS_1: WriteParameters = {
	createFields: 'fields',
	createFieldsLabel: 'Fields',
	json: 'additionalFieldsJson',
	jsonLabel: 'Additional Fields (JSON)',
};

const WRITE_PARAMETERS: WriteParameters = {
	createFields: 'additionalFields',
	createFieldsLabel: 'Additional Fields',
	json: 'otherFieldsJson',
	jsonLabel: 'Other Fields (JSON)',
};

function isVersion1(this: IExecuteFunctions): boolean {
	return this.getNode().typeVersion < 1.1;
}

export function writeParameters(this: IExecuteFunctions): WriteParameters {
	return isVersion1.call(this) ? WRITE_PARAMETERS_1 : WRITE_PARAMETERS;
}

/** The record ID from the `id` parameter, a resource locator (or a plain string / number from an expression). */
export function readIdParameter(this: IExecuteFunctions, itemIndex: number, resource: MomentResource): string {
	const raw = this.getNodeParameter('id', itemIndex, undefined, { extractValue: true });
	const id = parseRecordId(raw);
	if (id !== undefined) return id;
	const tooLarge = typeof raw === 'number' && Number.isInteger(raw) && raw > 0;
	return fail.call(
		this,
		itemIndex,
		`${resource.displayName} ID ${quote(raw ?? '')} is not valid. ${
			tooLarge
				? 'It is too large to be exact as a number (above 2^53): give the ID as text, e.g. "1234567890123456789".'
				: 'Moment IDs are positive whole numbers, e.g. 106939080; pick the record from the list or check the expression that supplies the ID.'
		}`,
	);
}

export interface RecordOptions {
	include: string[];
	simplify: boolean;
}

/**
 * Include (when the resource takes one; the catalog's `defaultInclude` when none is given) and
 * Simplify, as the node's version has them.
 */
export function readRecordOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	operation: OperationName,
): RecordOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let include: string[] = [];
	if (resource.takesInclude) {
		try {
			include = parseInclude(options.include ?? '');
		} catch (error) {
			return fail.call(this, itemIndex, (error as Error).message);
		}
		if (include.length === 0 && resource.defaultInclude) include = [...resource.defaultInclude];
	}
	let simplify = false;
	if (isVersion1.call(this)) simplify = options.simplify === true;
	else if (operation === 'get' || operation === 'getAll') simplify = this.getNodeParameter('simple', itemIndex, true) === true;
	return { include, simplify };
}

function describeJsonType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'boolean') return 'true/false';
	return `a ${typeof value}`;
}

const JSON_EXAMPLE = 'a JSON object like {"name": "x"}';

/**
 * The JSON field of Create and Update: a JSON object, given as text or (from an expression) as an
 * object. Empty text means no fields.
 */
export function readJsonObject(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	displayName: string,
): IDataObject {
	const raw = this.getNodeParameter(parameterName, itemIndex, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			return fail.call(
				this,
				itemIndex,
				`${displayName} is not valid JSON: ${(error as Error).message}`,
				`Write ${JSON_EXAMPLE}, with double quotes around names and text.`,
			);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return fail.call(
			this,
			itemIndex,
			`${displayName} must be ${JSON_EXAMPLE}; got ${describeJsonType(value)}`,
			'Put the fields to send in one object. To send several records, give one input item per record.',
		);
	}
	return value as IDataObject;
}

/** A positive whole number (Limit, Parallel Requests), or a clear error. */
export function readPositiveInteger(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	displayName: string,
	fallback: number,
): number {
	const raw = this.getNodeParameter(parameterName, itemIndex, fallback) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		return fail.call(this, itemIndex, `${displayName} must be a whole number of at least 1; got ${JSON.stringify(raw)}`);
	}
	return value;
}

export { fail as failItem };

// ---- Calendar dates
// Calendar dates (a day, YYYY-MM-DD, as Moment's timeRecordDate): what the user meant, never
// shifted by the n8n instance's or the workflow's time zone.
// - Text starting with YYYY-MM-DD ("2026-12-01", "2026-12-01T00:00:00" from the date picker,
//   "2026-12-01T00:00:00.000+13:00" from $now.toISO(), "2026-12-01T23:30:00Z"): the day as
//   written, whatever offset follows, since that is the day the writer had in mind.
// - A Luxon DateTime ($now, $today, DateTime.fromISO(...)): its day in its own zone.
// - A JavaScript Date (an instant without a zone): its day in the workflow's time zone.
// Anything else is not a day: undefined.

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

function realDay(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fromText(text: string): string | undefined {
	const match = DAY_PATTERN.exec(text.trim());
	if (!match) return undefined;
	const [day, year, month, dayOfMonth] = match;
	return realDay(Number(year), Number(month), Number(dayOfMonth)) ? day : undefined;
}

/** The day of an instant in a time zone (IANA name), via Intl (no library). */
export function dayInTimeZone(instant: Date, timeZone: string): string | undefined {
	if (Number.isNaN(instant.getTime())) return undefined;
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
	const part = (type: string) => parts.find((p) => p.type === type)?.value;
	return `${part('year')}-${part('month')}-${part('day')}`;
}

interface LuxonLike {
	isValid?: boolean;
	toISODate: () => string | null;
}

function isLuxonLike(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && typeof (value as LuxonLike).toISODate === 'function';
}

/** The calendar day `value` names, or undefined when it names none. */
export function toCalendarDate(value: unknown, workflowTimeZone: string): string | undefined {
	if (typeof value === 'string') return fromText(value);
	if (value instanceof Date) return dayInTimeZone(value, workflowTimeZone);
	if (isLuxonLike(value)) return value.isValid === false ? undefined : fromText(value.toISODate() ?? '');
	return undefined;
}
