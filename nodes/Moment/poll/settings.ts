/**
 * The poll trigger's parameters, read and checked once per poll (the one input boundary): every
 * mistake is a NodeOperationError that says what to change, raised before any request is sent.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { LISTABLE_RESOURCES } from '../catalog';
import { parseInclude } from '../transport';
import { parseDateTime } from './dates';

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

function fail(this: IPollFunctions, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { description });
}

/** An options parameter's value, which must be one of `allowed`. */
function readOption(this: IPollFunctions, name: string, label: string, allowed: readonly string[], fallback: string): string {
	const value = this.getNodeParameter(name, fallback) as unknown;
	if (typeof value === 'string' && allowed.includes(value)) return value;
	return fail.call(this, `${label} "${String(value).slice(0, 40)}" is not one this trigger knows`, `Open the Moment Poll Trigger and pick ${label} from the list.`);
}

function readDate(this: IPollFunctions, value: unknown, label: string, timeZone: string): number {
	const ms = parseDateTime(value, timeZone);
	if (ms === undefined) {
		return fail.call(this, `${label} ${JSON.stringify(value ?? '').slice(0, 60)} is not a date`, `Pick a date in the ${label} field, e.g. 2025-01-31T00:00:00.`);
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
			fail.call(this, `Field Values: "${field.slice(0, 60)}" is not a field name`, 'Give the field as Moment spells it, e.g. exportState, or customer.customerNumber for a nested field.');
		}
		result.push({ path: field.split('.'), value });
	}
	return result;
}

function readDetection(this: IPollFunctions, options: IDataObject): ChangeDetection {
	const mode = options.changeDetection ?? 'auto';
	if (mode === 'auto' || mode === 'hash') return { mode };
	if (mode !== 'field') {
		return fail.call(this, `Change Detection "${String(mode).slice(0, 40)}" is not one this trigger knows`, 'Pick Automatic, Field I Name or Record Hash under Options > Change Detection.');
	}
	const field = typeof options.changeStampField === 'string' ? options.changeStampField.trim() : '';
	if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field)) {
		return fail.call(this, `Change Stamp Field ${JSON.stringify(field)} is not a field name`, 'Under Options, give the field that changes whenever the record changes, e.g. version or lastModifiedDate, or pick Automatic.');
	}
	return { mode: 'field', field };
}

export function readPollSettings(this: IPollFunctions): PollSettings {
	const timeZone = this.getTimezone();
	const resourceValue = this.getNodeParameter('resource', 'invoice') as unknown;
	const resource = LISTABLE_RESOURCES.find((candidate) => candidate.value === resourceValue);
	if (!resource) {
		return fail.call(this, `Resource "${String(resourceValue).slice(0, 40)}" cannot be watched`, `Pick one of ${LISTABLE_RESOURCES.map((r) => r.displayName).join(', ')}.`);
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
			fail.call(this, (error as Error).message, 'Fix the Include field, or leave it empty.');
		}
	}
	if (settings.emitDeleted && settings.changedSinceFilter) {
		fail.call(
			this,
			'"Include Deleted Records" needs complete reads, and "Ask Moment for Changed Records Only" makes partial ones',
			'Turn one of them off: a record missing from a list of recent changes may simply not have changed.',
		);
	}
	return settings;
}
