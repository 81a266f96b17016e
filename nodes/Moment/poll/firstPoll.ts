/**
 * What a first poll decides (after publishing, or after the Resource, Change Detection or company
 * changed): which change stamp the fingerprints use from now on, and which existing records
 * "On First Poll" emits. Pure functions; settings.ts has already checked the parameters.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordStampsOf } from '../catalog';
import { detectStampField } from './changeDetection';
import { recordDate } from './dates';
import { matchesFilters } from './filters';
import type { PollSettings } from './settings';

/** The field the fingerprints are made from (`null`: a hash of each record). */
export function chooseStampField(settings: PollSettings, records: IDataObject[]): string | null {
	const { detection, resource } = settings;
	if (detection.mode === 'hash') return null;
	if (detection.mode === 'field') return detection.field;
	return detectStampField(records, recordStampsOf(resource).changeStampFields);
}

/** The date fields "since" looks at: creation for New Records, else last change, then creation. */
export function startDateFields(settings: PollSettings): string[] {
	const stamps = recordStampsOf(settings.resource);
	return settings.emitChanged ? [...stamps.modifiedDateFields, ...stamps.createdDateFields] : stamps.createdDateFields;
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
