/**
 * The item a change becomes: what happened (`event`, `resource`, `id`), the change key shared with
 * the Moment Trigger, when the poll noticed it, and the record (the list's copy, or the full record
 * with Fetch Full Record; `null` for a deleted record, whose content the trigger does not keep).
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { changeKeyOf, deletedChangeKey } from '../changeKey';
import type { ChangeEvent } from './changeDetection';

/** The record ID as output: a number when it is one (Moment's are), else the text. */
export function outputId(key: string): number | string {
	const value = Number(key);
	return /^[1-9][0-9]*$/.test(key) && Number.isSafeInteger(value) ? value : key;
}

export function buildPollItem(
	resource: MomentResource,
	event: ChangeEvent,
	key: string,
	record: IDataObject | undefined,
	detectedAt: Date,
): IDataObject {
	const id = outputId(key);
	return {
		event,
		resource: resource.value,
		id,
		changeKey: record === undefined ? deletedChangeKey(resource, id) : changeKeyOf(resource, id, record),
		detectedAt: detectedAt.toISOString(),
		record: record ?? null,
	};
}
