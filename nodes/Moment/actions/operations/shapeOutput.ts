/**
 * Turns what Moment answered into output records. Tolerant of shapes nobody has seen: a list
 * gives one record per entry, a plain value is wrapped as { value }.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';
import { simplifyRecord } from '../simplify';

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toRecords(body: unknown): IDataObject[] {
	const values = Array.isArray(body) ? body : [body];
	return values.map((value) => (isRecord(value) ? value : { value: value as IDataObject[string] }));
}

export function shapeRecords(records: IDataObject[], resource: MomentResource, simplify: boolean): IDataObject[] {
	return simplify ? records.map((record) => simplifyRecord(record, resource)) : records;
}
