/**
 * The JSON body of Create and Update, and the write as a resource's own check sees it
 * (`PendingWrite`). Map: docs/development.md, "Where each concern lives".
 * - The JSON field first, then the typed fields on top (typed fields win). Empty typed values are
 *   not sent; a Create without a field Moment requires (facts `requiredOnCreate`), or a body with
 *   nothing in it, is refused before any request.
 * - Typed write fields (facts `writeFieldTypes`: record pickers, calendar dates, durations): what
 *   the screen or an expression gave becomes what Moment takes, or fails with a message saying
 *   what was wrong and how to fix it (`writeValue`). Plain text fields are sent as given.
 * - In the JSON field, ID fields of record pickers pass the one ID rule too and are sent as numbers
 *   (null is sent as given); other fields are sent as given.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource, WriteFieldType } from '../catalog';
import { parseRecordId, recordIdForJson } from '../catalog';
import { parseDuration } from '../resources/timeRecord/duration';
import { describeParameterValue } from '../values';
import { failItem, readJsonObject, toCalendarDate, writeParameters } from './parameters';

/** A write about to be sent, as the operation hands it to the resource's check (actions/operations.ts). */
export interface PendingWrite {
	operation: 'create' | 'update' | 'delete';
	/** The record written (Update, Delete). */
	id?: string;
	/** The body to send (Create, Update); may be added to. */
	body?: IDataObject;
}

/** A resource's check before a write: refuses it (throws), or returns a notice for the output item. */
export type BeforeWrite = (this: IExecuteFunctions, itemIndex: number, write: PendingWrite) => Promise<string | undefined>;

/** A record picker's value ({ __rl, mode, value } inside collections), else the value itself. */
function pickerValue(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null && (raw as IDataObject).__rl === true ? (raw as IDataObject).value : raw;
}

/** Whether nothing was given (an empty picker counts as nothing). */
function isEmptyValue(raw: unknown): boolean {
	const value = pickerValue(raw);
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The value to send for one typed field labelled `displayName`. */
function writeValue(
	this: IExecuteFunctions,
	itemIndex: number,
	type: WriteFieldType | undefined,
	displayName: string,
	raw: unknown,
): IDataObject[string] {
	if (type === undefined) return raw as IDataObject[string];
	if (type === 'recordId') {
		const value = pickerValue(raw);
		const id = parseRecordId(value);
		if (id === undefined) {
			return failItem.call(
				this,
				itemIndex,
				`${displayName} ${describeParameterValue(value)} is not a valid Moment ID`,
				`Pick the ${displayName.toLowerCase()} from the list, or give its Moment ID: a positive whole number such as 62788980.`,
			);
		}
		return recordIdForJson(id);
	}
	if (type === 'calendarDate') {
		const day = toCalendarDate(raw, this.getTimezone());
		if (day === undefined) {
			return failItem.call(
				this,
				itemIndex,
				`${displayName} ${describeParameterValue(raw)} is not a calendar date`,
				'Give the day as YYYY-MM-DD (e.g. 2026-12-01), pick it in the date field, or use an expression such as {{ $today }}. Only the day is used; the time of day is ignored.',
			);
		}
		return day;
	}
	const duration = parseDuration(raw);
	if ('error' in duration) return failItem.call(this, itemIndex, duration.error);
	return duration.minutes;
}

/** "a customer", "an offer", "a user" (no resource name starts with a vowel sound spelt u). */
function aOne(resource: MomentResource): string {
	const one = resource.displayName.toLowerCase();
	return `${/^[aeio]/.test(one) ? 'an' : 'a'} ${one}`;
}

export function buildWriteBody(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	operation: 'create' | 'update',
): IDataObject {
	const names = writeParameters.call(this);
	const one = resource.displayName.toLowerCase();
	const body: IDataObject = { ...readJsonObject.call(this, itemIndex, names.json, names.jsonLabel) };
	const types = resource.writeFieldTypes ?? {};
	// IDs in the JSON field pass the one ID rule like the pickers' (they may reach a URL: beforeWrite)
	for (const [name, value] of Object.entries(body)) {
		if (types[name]?.type !== 'recordId' || value === null || value === undefined) continue;
		const id = parseRecordId(value);
		if (id === undefined) {
			return failItem.call(
				this,
				itemIndex,
				`"${name}" in ${names.jsonLabel} is ${describeParameterValue(value)}, which is not a valid Moment ID`,
				`A Moment ID is a positive whole number such as 62788980 (given as text above 2^53). Fix the value, or remove "${name}" from ${names.jsonLabel}. Nothing was sent to Moment.`,
			);
		}
		body[name] = recordIdForJson(id);
	}
	if (operation === 'create') {
		for (const { field, displayName } of resource.requiredOnCreate) {
			// a record picker is a required parameter n8n always stores: no fallback
			const value = (
				types[field]?.type === 'recordId'
					? this.getNodeParameter(field, itemIndex, undefined, { extractValue: true })
					: this.getNodeParameter(field, itemIndex, '')
			) as unknown;
			if (isEmptyValue(value)) {
				failItem.call(
					this,
					itemIndex,
					`${displayName} is required to create ${aOne(resource)}, but it is empty`,
					`Fill in "${displayName}", or check the expression that supplies it.`,
				);
			}
			body[field] = writeValue.call(this, itemIndex, types[field]?.type, displayName, value);
		}
	}
	const required = resource.requiredOnCreate.map(({ field }) => field);
	const typedOnScreen = resource.writableFields.filter((field) => operation === 'update' || !required.includes(field));
	if (typedOnScreen.length > 0) {
		const typed = this.getNodeParameter(operation === 'create' ? names.createFields : 'updateFields', itemIndex, {}) as IDataObject;
		for (const [name, value] of Object.entries(typed)) {
			if (!isEmptyValue(value)) body[name] = writeValue.call(this, itemIndex, types[name]?.type, types[name]?.displayName ?? name, value);
		}
	}
	if (Object.keys(body).length === 0) {
		failItem.call(
			this,
			itemIndex,
			operation === 'create'
				? `Nothing to create: no field of the new ${one} is set`
				: `Nothing to update: no field of the ${one} is set to change`,
			`Add at least one field: fill in one of the fields above, or give it in ${names.jsonLabel}.`,
		);
	}
	return body;
}
