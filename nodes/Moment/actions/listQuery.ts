/**
 * Turns the Get Many "Filters" collection into Moment query parameters. Empty values are not
 * sent; names the node sets itself (page, size) and names given twice are refused.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DATE_FILTERS, RESERVED_QUERY_PARAMETERS } from './description/getManyFields';
import { failItem } from './parameters';

/** A filter value as text, or undefined when there is nothing to send. */
export function queryValue(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return queryValue((value as { toISO: () => unknown }).toISO());
	}
	if (typeof value === 'object') return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

interface QueryParameterEntry {
	name?: unknown;
	value?: unknown;
}

export function buildListQuery(this: IExecuteFunctions, itemIndex: number, filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const names = [...DATE_FILTERS.map((filter) => filter.name), 'query', 'sort'];
	for (const name of names) {
		const value = queryValue(filters[name]);
		if (value !== undefined) qs[name] = value;
	}
	const other = (filters.otherQueryParameters as IDataObject | undefined)?.parameter;
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
		if (name in qs) {
			failItem.call(
				this,
				itemIndex,
				`Query parameter "${name}" is given twice`,
				'Give it once. To send several values, write them in one value the way Moment expects (e.g. 1,2,3).',
			);
		}
		qs[name] = value;
	}
	return qs;
}
