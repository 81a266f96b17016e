/**
 * How a Moment record is shown in the record picker: its number and a name, e.g.
 * "10001 - Acme AS". Tolerant of missing fields: without a number the name alone, without a
 * name "Customer 10001", without both "Customer 62788973" (the ID).
 */
import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { parseRecordId } from '../catalog';

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.replace(/\s+/g, ' ').trim();
	return trimmed === '' ? undefined : trimmed;
}

/** The record's ID as text, or undefined when it has none the node could use (catalog/recordId.ts). */
export function recordId(record: IDataObject): string | undefined {
	return parseRecordId(record.id);
}

/** Whether the record is in the resource's closed state (catalog `closedState`). */
export function isClosed(record: IDataObject, resource: MomentResource): boolean {
	const state = resource.closedState;
	return state !== undefined && state.values.includes(String(record[state.field] ?? ''));
}

export function recordLabel(record: IDataObject, resource: MomentResource, id: string): string {
	const number = resource.numberField === undefined ? undefined : text(record[resource.numberField]);
	const name = resource.labelFields.map((field) => text(record[field])).find((value) => value !== undefined);
	const label =
		number !== undefined && name !== undefined ? `${number} - ${name}` : (name ?? `${resource.displayName} ${number ?? id}`);
	return isClosed(record, resource) ? `${label} (closed)` : label;
}

/** A list entry for the record, or undefined when it has no usable ID. */
export function toListItem(record: IDataObject, resource: MomentResource): INodeListSearchItems | undefined {
	const id = recordId(record);
	if (id === undefined) return undefined;
	return { name: recordLabel(record, resource, id), value: id };
}
