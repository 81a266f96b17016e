/**
 * Typed write fields (catalog `writeFieldTypes`): turns what the screen or an expression gave
 * into what Moment takes, or fails with a message saying what was wrong and how to fix it.
 * Plain text fields are sent as given.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WriteFieldType } from '../catalog';
import { parseRecordId } from '../catalog';
import { describeValue, toCalendarDate } from './calendarDate';
import { failItem } from './parameters';
import { parseDuration } from './timeRecords/duration';

/** A record picker's value ({ __rl, mode, value } inside collections), else the value itself. */
function pickerValue(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null && (raw as IDataObject).__rl === true ? (raw as IDataObject).value : raw;
}

/** Whether nothing was given (an empty picker counts as nothing). */
export function isEmptyValue(raw: unknown): boolean {
	const value = pickerValue(raw);
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The value to send for one typed field labelled `displayName`. */
export function writeValue(
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
				`${displayName} ${describeValue(value)} is not a valid Moment ID`,
				`Pick the ${displayName.toLowerCase()} from the list, or give its Moment ID: a positive whole number such as 62788980.`,
			);
		}
		const number = Number(id);
		return Number.isSafeInteger(number) ? number : id;
	}
	if (type === 'calendarDate') {
		const day = toCalendarDate(raw, this.getTimezone());
		if (day === undefined) {
			return failItem.call(
				this,
				itemIndex,
				`${displayName} ${describeValue(raw)} is not a calendar date`,
				'Give the day as YYYY-MM-DD (e.g. 2026-12-01), pick it in the date field, or use an expression such as {{ $today }}. Only the day is used; the time of day is ignored.',
			);
		}
		return day;
	}
	const duration = parseDuration(raw);
	if ('error' in duration) return failItem.call(this, itemIndex, duration.error);
	return duration.minutes;
}
