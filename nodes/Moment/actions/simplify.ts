/**
 * "Simplify": at most 10 fields per record. First the resource's `simplifyFields` (from the
 * catalog, in that order) that the record has, then other top-level fields with a plain value
 * (text, number, true/false), in the order Moment sent them, until 10 fields are kept. Nested
 * objects, lists and empty (null) values are dropped unless the catalog names them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../catalog';

/** n8n's UX guidelines: a simplified record has at most 10 fields. */
export const SIMPLIFY_MAX_FIELDS = 10;

function isPlainValue(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function simplifyRecord(record: IDataObject, resource: MomentResource): IDataObject {
	const simplified: IDataObject = {};
	let kept = 0;
	const preferred = ['id', ...resource.simplifyFields.filter((field) => field !== 'id')];
	for (const field of preferred) {
		if (kept >= SIMPLIFY_MAX_FIELDS) break;
		if (Object.prototype.hasOwnProperty.call(record, field) && record[field] !== undefined) {
			simplified[field] = record[field];
			kept++;
		}
	}
	for (const [field, value] of Object.entries(record)) {
		if (kept >= SIMPLIFY_MAX_FIELDS) break;
		if (Object.prototype.hasOwnProperty.call(simplified, field) || !isPlainValue(value)) continue;
		simplified[field] = value;
		kept++;
	}
	return simplified;
}
