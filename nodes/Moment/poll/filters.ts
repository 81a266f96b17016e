/**
 * Filters applied to what is emitted. The trigger checks them on each record itself (Moment is
 * not asked to filter), so its state still covers every record and deletions stay exact.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { recordStampsOf } from '../catalog';
import { recordDate } from './dates';
import type { PollSettings } from './settings';

function valueAt(record: IDataObject, path: string[]): unknown {
	let value: unknown = record;
	for (const part of path) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[part];
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
