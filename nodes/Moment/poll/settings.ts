/**
 * What the user asked the Moment Poll Trigger for (docs/development.md): its parameters, read and
 * checked once per poll (the one input boundary: every mistake is a NodeOperationError that says
 * what to change, raised before any request is sent), the Filters, and what a first poll emits.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { LISTABLE_RESOURCES, recordStampsOf } from '../catalog';
import { parseInclude } from '../transport';
import { isRecord } from '../values';
import { changeDateFields, detectStampField, parseDateTime, recordDate } from './changeDetection';

export type StartMode = 'nothing' | 'all' | 'since';
export type ChangeDetection = { mode: 'auto' } | { mode: 'hash' } | { mode: 'field'; field: string };

export interface FieldValueFilter {
	/** Dot path, e.g. `customer.customerNumber`. */
	path: string[];
	value: string;
}

export interface PollSettings {
	resource: MomentResource;
	emitChanged: boolean;
	emitDeleted: boolean;
	start: StartMode;
	/** With start "since": ms. */
	sinceMs?: number;
	fetchFullRecord: boolean;
	include: string[];
	createdFromMs?: number;
	fieldValues: FieldValueFilter[];
	detection: ChangeDetection;
	changedSinceFilter: boolean;
	timeZone: string;
}

const FIELD_PATH = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

/** Stops the poll before any request with what is wrong in the parameters and how to fix it. */
function refuseSetting(this: IPollFunctions, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { description });
}

/** An options parameter's value, which must be one of `allowed`. */
function readOption(this: IPollFunctions, name: string, label: string, allowed: readonly string[], fallback: string): string {
	const value = this.getNodeParameter(name, fallback) as unknown;
	if (typeof value === 'string' && allowed.includes(value)) return value;
	return refuseSetting.call(this, `${label} "${String(value).slice(0, 40)}" is not one this trigger knows`, `Open the Moment Poll Trigger and pick ${label} from the list.`);
}

function readDate(this: IPollFunctions, value: unknown, label: string, timeZone: string): number {
	const ms = parseDateTime(value, timeZone);
	if (ms === undefined) {
		return refuseSetting.call(this, `${label} ${JSON.stringify(value ?? '').slice(0, 60)} is not a date`, `Pick a date in the ${label} field, e.g. 2025-01-31T00:00:00.`);
	}
	return ms;
}

function readFieldValues(this: IPollFunctions, filters: IDataObject): FieldValueFilter[] {
	const entries = ((filters.fieldValues as IDataObject | undefined)?.fieldValue ?? []) as IDataObject[];
	const result: FieldValueFilter[] = [];
	for (const entry of Array.isArray(entries) ? entries : []) {
		const field = typeof entry.field === 'string' ? entry.field.trim() : '';
		const value = entry.value === undefined || entry.value === null ? '' : String(entry.value).trim();
		if (field === '' && value === '') continue;
		if (!FIELD_PATH.test(field)) {
			refuseSetting.call(this, `Field Values: "${field.slice(0, 60)}" is not a field name`, 'Give the field as Moment spells it, e.g. exportState, or customer.customerNumber for a nested field.');
		}
		result.push({ path: field.split('.'), value });
	}
	return result;
}

function readDetection(this: IPollFunctions, options: IDataObject): ChangeDetection {
	const mode = options.changeDetection ?? 'auto';
	if (mode === 'auto' || mode === 'hash') return { mode };
	if (mode !== 'field') {
		return refuseSetting.call(this, `Change Detection "${String(mode).slice(0, 40)}" is not one this trigger knows`, 'Pick Automatic, Field I Name or Record Hash under Options > Change Detection.');
	}
	const field = typeof options.changeStampField === 'string' ? options.changeStampField.trim() : '';
	if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field)) {
		return refuseSetting.call(this, `Change Stamp Field ${JSON.stringify(field)} is not a field name`, 'Under Options, give the field that changes whenever the record changes, e.g. version or lastModifiedDate, or pick Automatic.');
	}
	return { mode: 'field', field };
}

export function readPollSettings(this: IPollFunctions): PollSettings {
	const timeZone = this.getTimezone();
	const resourceValue = this.getNodeParameter('resource', 'invoice') as unknown;
	const resource = LISTABLE_RESOURCES.find((candidate) => candidate.value === resourceValue);
	if (!resource) {
		return refuseSetting.call(this, `Resource "${String(resourceValue).slice(0, 40)}" cannot be watched`, `Pick one of ${LISTABLE_RESOURCES.map((r) => r.displayName).join(', ')}.`);
	}
	const event = readOption.call(this, 'event', 'Event', ['new', 'newOrChanged'], 'newOrChanged');
	const start = readOption.call(this, 'start', 'On First Poll', ['nothing', 'all', 'since'], 'nothing') as StartMode;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const fetchFullRecord = this.getNodeParameter('fetchFullRecord', false) === true;
	const settings: PollSettings = {
		resource,
		emitChanged: event === 'newOrChanged',
		emitDeleted: this.getNodeParameter('includeDeleted', false) === true,
		start,
		fetchFullRecord,
		include: [],
		fieldValues: readFieldValues.call(this, filters),
		detection: readDetection.call(this, options),
		changedSinceFilter: options.changedSinceFilter === true,
		timeZone,
	};
	if (start === 'since') settings.sinceMs = readDate.call(this, this.getNodeParameter('startDate', ''), 'Since', timeZone);
	if (filters.createdFrom !== undefined && filters.createdFrom !== '') {
		settings.createdFromMs = readDate.call(this, filters.createdFrom, 'Created From', timeZone);
	}
	if (fetchFullRecord) {
		try {
			settings.include = parseInclude(this.getNodeParameter('include', ''));
		} catch (error) {
			refuseSetting.call(this, (error as Error).message, 'Fix the Include field, or leave it empty.');
		}
	}
	if (settings.emitDeleted && settings.changedSinceFilter) {
		refuseSetting.call(
			this,
			'"Include Deleted Records" needs complete reads, and "Ask Moment for Changed Records Only" makes partial ones',
			'Turn one of them off: a record missing from a list of recent changes may simply not have changed.',
		);
	}
	return settings;
}

// ---- Filters
//
// Filters applied to what is emitted. The trigger checks them on each record itself (Moment is not
// asked to filter), so its state still covers every record and deletions stay exact.

function valueAt(record: IDataObject, path: string[]): unknown {
	let value: unknown = record;
	for (const part of path) {
		if (!isRecord(value)) return undefined;
		value = value[part];
	}
	return value;
}

function sameText(value: unknown, expected: string): boolean {
	return (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value).trim() === expected;
}

/** Whether the record passes the Filters. A record without a creation date passes Created From. */
export function matchesFilters(record: IDataObject, settings: PollSettings, resource: MomentResource = settings.resource): boolean {
	if (!settings.fieldValues.every((filter) => sameText(valueAt(record, filter.path), filter.value))) return false;
	if (settings.createdFromMs !== undefined) {
		const created = recordDate(record, recordStampsOf(resource).createdDateFields, settings.timeZone);
		if (created !== undefined && created < settings.createdFromMs) return false;
	}
	return true;
}

// ---- The first poll
//
// What a first poll decides (after publishing, or after the Resource, Change Detection or company
// changed): which change stamp the fingerprints use from now on, and which existing records "On
// First Poll" emits. Pure functions; readPollSettings has already checked the parameters.

/** The field the fingerprints are made from (`null`: a hash of each record). */
export function chooseStampField(settings: PollSettings, records: IDataObject[]): string | null {
	const { detection, resource } = settings;
	if (detection.mode === 'hash') return null;
	if (detection.mode === 'field') return detection.field;
	return detectStampField(records, recordStampsOf(resource).changeStampFields);
}

/** The date fields "since" looks at: creation for New Records, else last change, then creation. */
function startDateFields(settings: PollSettings): string[] {
	return settings.emitChanged ? changeDateFields(settings.resource) : recordStampsOf(settings.resource).createdDateFields;
}

/**
 * Why the records cannot be dated, when "since" (on a first poll) or Created From needs a date and
 * not one record of a non-empty list has one; `undefined` when they can.
 */
export function missingDates(settings: PollSettings, records: IDataObject[], first: boolean): string | undefined {
	if (records.length === 0) return undefined;
	const checks: Array<[boolean, string[], string]> = [
		[first && settings.start === 'since', startDateFields(settings), 'On First Poll "Emit Records Changed Since a Date"'],
		[settings.createdFromMs !== undefined, recordStampsOf(settings.resource).createdDateFields, 'the Created From filter'],
	];
	for (const [needed, fields, what] of checks) {
		if (needed && !records.some((record) => recordDate(record, fields, settings.timeZone) !== undefined)) {
			return `${what} needs records that carry a date in ${fields.join(', ')}; the ${settings.resource.plural} Moment listed have none`;
		}
	}
	return undefined;
}

/** Whether the first poll emits this existing record. A record without a date is emitted: the trigger cannot tell. */
export function emittedOnFirstPoll(settings: PollSettings, record: IDataObject): boolean {
	if (settings.start === 'nothing' || !matchesFilters(record, settings)) return false;
	if (settings.start === 'all' || settings.sinceMs === undefined) return true;
	const date = recordDate(record, startDateFields(settings), settings.timeZone);
	return date === undefined || date >= settings.sinceMs;
}
