/**
 * The item a change becomes: what happened (`event`, `resource`, `id`), the change key shared with
 * the Moment Trigger, when the poll noticed it, and the record (the list's copy, or the full record
 * with Fetch Full Record; `null` for a deleted record, whose content the trigger does not keep).
 * A record Moment listed without a usable ID (filed by its content, changeDetection.ts) also
 * carries `idProblem`, and with Fetch Full Record `notFetched`: why it was not read by ID.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { changeKeyOf, deletedChangeKey } from '../changeKey';
import { quote } from '../values';
import type { ChangeEvent } from './changeDetection';
import { isIdKey } from './changeDetection';

/** `notFetched` of a record filed by content when Fetch Full Record is on. */
export const NOT_FETCHED_WITHOUT_ID = 'It has no usable ID (see idProblem), so it was not read by ID: record is the copy from the list.';

/** The record ID as output: a number when it is one (Moment's are), else the text. */
export function outputId(key: string): number | string {
	const value = Number(key);
	return /^[1-9][0-9]*$/.test(key) && Number.isSafeInteger(value) ? value : key;
}

/** Why a record filed by content has no usable ID; undefined for a record filed by its ID. */
export function idProblemOf(resource: MomentResource, key: string, record: IDataObject): string | undefined {
	if (isIdKey(key)) return undefined;
	const how =
		record.id === undefined || record.id === null
			? 'without an ID'
			: `with the ID ${quote(record.id)}, which is not a Moment ID (a positive whole number of at most 19 digits)`;
	return `Moment listed this ${resource.displayName.toLowerCase()} ${how}. The trigger never uses it in a request and files the record by its content: a change to it comes as a new item, and its deletion is not reported.`;
}

export function buildPollItem(
	resource: MomentResource,
	event: ChangeEvent,
	key: string,
	record: IDataObject | undefined,
	detectedAt: Date,
	notFetched?: string,
): IDataObject {
	const id = outputId(key);
	const item: IDataObject = {
		event,
		resource: resource.value,
		id,
		changeKey: record === undefined ? deletedChangeKey(resource, id) : changeKeyOf(resource, id, record),
		detectedAt: detectedAt.toISOString(),
		record: record ?? null,
	};
	const idProblem = record === undefined ? undefined : idProblemOf(resource, key, record);
	if (idProblem !== undefined) item.idProblem = idProblem;
	if (notFetched !== undefined) item.notFetched = notFetched;
	return item;
}
