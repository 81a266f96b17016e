/**
 * Turns what Moment answered into output records. Tolerant of shapes nobody has seen: a list
 * gives one record per entry, a plain value is wrapped as { value }. A resource with a duration
 * in minutes (catalog `minutesField`) gets it as a number and `hours` next to it (2 decimals), so
 * reports can sum either; a value that is not a number is left as Moment sent it.
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

function withHours(record: IDataObject, field: string): IDataObject {
	const raw = record[field];
	const minutes = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || Object.prototype.hasOwnProperty.call(record, 'hours')) return record;
	return { ...record, [field]: minutes, hours: Math.round((minutes / 60) * 100) / 100 };
}

export function shapeRecords(records: IDataObject[], resource: MomentResource, simplify: boolean): IDataObject[] {
	const field = resource.minutesField;
	const shaped = field === undefined ? records : records.map((record) => withHours(record, field));
	return simplify ? shaped.map((record) => simplifyRecord(record, resource)) : shaped;
}
