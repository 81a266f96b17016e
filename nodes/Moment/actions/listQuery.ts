/**
 * actions/: Get Many's filters into the query (map: docs/development.md).
 * Turns Get Many's "Filters" into Moment query parameters, and into a re-check of the records
 * for filters Moment may ignore (catalog `listFilters` with `recheck`). Empty values are not sent;
 * names the node sets itself (page, size) and names given twice are refused.
 *
 * The filter names are the screen's (resources/shared/getMany.description.ts and, for a resource's
 * own filters, its screen); test/actions/contract.test.ts checks both sides agree.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListFilter, MomentResource } from '../catalog';
import { describeParameterValue, own } from '../values';
import { failItem, toCalendarDate } from './parameters';

/** The shared filters, each sent as the query parameter of the same name. */
export const SHARED_FILTERS = ['createdDateFrom', 'createdDateTo', 'lastModifiedDateFrom', 'lastModifiedDateTo', 'query', 'sort'];

/** Query parameters the node sets itself; "Other Query Parameters" may not use them. */
const RESERVED_QUERY_PARAMETERS = ['page', 'size'];

/** A filter value as text, or undefined when there is nothing to send. */
function queryValue(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return queryValue((value as { toISO: () => unknown }).toISO());
	}
	if (typeof value === 'object') return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Sets `qs[name]` as an own property, also for names such as `__proto__`. */
function setParameter(qs: IDataObject, name: string, value: string): void {
	Object.defineProperty(qs, name, { value, enumerable: true, writable: true, configurable: true });
}

interface QueryParameterEntry {
	name?: unknown;
	value?: unknown;
}

/** The value at a dotted path (`project.id`), or undefined. */
function fieldValue(record: IDataObject, path: string): unknown {
	let value: unknown = record;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = own(value, part);
	}
	return value;
}

/**
 * Whether the record may stay for one re-checked filter (kept when there is nothing to compare).
 * A calendar-date filter compares days (YYYY-MM-DD as text), so no time zone can move a record
 * across the bound.
 */
function passes(record: IDataObject, filter: ListFilter, wanted: string): boolean {
	const recheck = filter.recheck as NonNullable<ListFilter['recheck']>;
	const value = fieldValue(record, recheck.field);
	if (value === undefined || value === null || typeof value === 'object') return true;
	if (recheck.match === 'equals') return String(value).trim() === wanted;
	if (filter.valueType === 'calendarDate') {
		const day = toCalendarDate(String(value), 'UTC');
		if (day === undefined) return true;
		return recheck.match === 'onOrAfter' ? day >= wanted : day <= wanted;
	}
	const time = Date.parse(String(value));
	const bound = Date.parse(wanted);
	if (Number.isNaN(time) || Number.isNaN(bound)) return true;
	return recheck.match === 'onOrAfter' ? time >= bound : time <= bound;
}

export interface ListQuery {
	qs: IDataObject;
	/** Present when a filter of the resource is re-checked on the records Moment sends. */
	keep?: (record: IDataObject) => boolean;
}

export function buildListQuery(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	filters: IDataObject,
): ListQuery {
	const qs: IDataObject = {};
	const rechecks: Array<[ListFilter, string]> = [];
	for (const name of SHARED_FILTERS) {
		const value = queryValue(own(filters, name));
		if (value !== undefined) setParameter(qs, name, value);
	}
	for (const filter of resource.listFilters) {
		const given = own(filters, filter.name);
		let value = queryValue(given);
		if (value === undefined) continue;
		if (filter.valueType === 'calendarDate') {
			value = toCalendarDate(given, this.getTimezone());
			if (value === undefined) {
				return failItem.call(
					this,
					itemIndex,
					`Filter "${filter.name}": ${describeParameterValue(given)} is not a calendar date`,
					'Give the day as YYYY-MM-DD (e.g. 2026-12-01), pick it in the date field, or use an expression such as {{ $today.minus({ days: 7 }) }}.',
				);
			}
		}
		setParameter(qs, filter.name, value);
		if (filter.recheck) rechecks.push([filter, value]);
	}
	const other = (own(filters, 'otherQueryParameters') as IDataObject | undefined)?.parameter;
	const entries = (Array.isArray(other) ? other : []) as QueryParameterEntry[];
	for (const entry of entries) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		const value = queryValue(entry.value);
		if (name === '') {
			if (value === undefined) continue;
			failItem.call(this, itemIndex, `Other Query Parameters: the value "${value}" has no name`, 'Give each query parameter a name, or remove it.');
		}
		if (RESERVED_QUERY_PARAMETERS.includes(name)) {
			failItem.call(
				this,
				itemIndex,
				`Other Query Parameters: "${name}" is set by the node and cannot be given`,
				'The node reads pages itself. Use Return All and Limit to choose how many records you get.',
			);
		}
		if (value === undefined) continue;
		if (own(qs, name) !== undefined) {
			failItem.call(
				this,
				itemIndex,
				`Query parameter "${name}" is given twice`,
				'Give it once. To send several values, write them in one value the way Moment expects (e.g. 1,2,3).',
			);
		}
		setParameter(qs, name, value);
	}
	if (rechecks.length === 0) return { qs };
	return { qs, keep: (record) => rechecks.every(([filter, wanted]) => passes(record, filter, wanted)) };
}
