/**
 * How a Moment record is shown in the record picker: its number and a name, e.g.
 * "10001 - Acme AS". Tolerant of missing fields: without a number the name alone, without a
 * name "Customer 10001", without both "Customer 62788973" (the ID). A record without a usable ID
 * is shown too, marked so (toListItem).
 */
import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { parseRecordId } from '../catalog';
import { quote } from '../values';

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
function isClosed(record: IDataObject, resource: MomentResource): boolean {
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

/**
 * A list entry for the record. A record Moment listed without a usable ID is not hidden: its entry
 * says so ("Claim abc (unusable ID "abc")") and holds the ID as Moment sent it, which the node
 * refuses with its usual message if it is picked; nothing is ever requested with it.
 */
export function toListItem(record: IDataObject, resource: MomentResource): INodeListSearchItems {
	const id = recordId(record);
	if (id !== undefined) return { name: recordLabel(record, resource, id), value: id };
	const raw = record.id;
	const shown = raw === undefined || raw === null ? 'no ID' : typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
	const problem = raw === undefined || raw === null ? 'no ID' : `unusable ID ${quote(raw)}`;
	return { name: `${recordLabel(record, resource, shown.slice(0, 60))} (${problem})`, value: shown.slice(0, 200) };
}
