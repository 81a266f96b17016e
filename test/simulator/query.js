'use strict';
/**
 * Includes, list filters, sorting and paging, the way Moment is documented / observed to do them
 * (shared/reference/moment-api.md §4):
 * - `/include/a+b`: `base` = the base fields; a field name adds that field (some, like a
 *   customer's `email`, only come when asked for); `customer.name` comes back flattened as
 *   `customerName`; `id` is always there; anything else is a 400. No include = `base`.
 * - Lists: `{ content, page: { number, size, totalElements, totalPages } }`, `page` 0-based.
 *   Spring-Data-style tolerance (a guess): a bad `page` means 0, a bad `size` means the default,
 *   `size` above the maximum is cut to the maximum. Unknown query parameters are ignored.
 * - The API profile (profiles.js) may change the envelope, the page base, the largest size, which
 *   filters and sorts are honoured, and how records look (text IDs, no stamps).
 */
const { ENTITIES } = require('./entities');
const { listBody, pageIndex, resolveProfile, showRecord } = require('./profiles');

const DATE_FILTERS = {
	createdDateFrom: ['createdDate', 'from'],
	createdDateTo: ['createdDate', 'to'],
	lastModifiedDateFrom: ['lastModifiedDate', 'from'],
	lastModifiedDateTo: ['lastModifiedDate', 'to'],
};
const DAY = 86400000;

function badRequest(message) {
	return { error: { status: 400, message } };
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Parses the include spec of a path ("base+email"). Returns { items } or { error }. */
function parseIncludeSpec(spec, def) {
	const items = spec.split('+');
	for (const item of items) {
		if (item === 'base' || def.fields.includes(item)) continue;
		const [link, field, ...rest] = item.split('.');
		const target = ENTITIES[def.links[link]];
		if (target && field && rest.length === 0 && target.fields.includes(field)) continue;
		return badRequest(
			`Unknown include '${item}' for ${def.name}. Use base, a field name (e.g. ${def.extraFields[0] ?? def.numberField}) or a linked field (e.g. ${Object.keys(def.links)[0] ?? 'customer'}.name), joined with '+'`,
		);
	}
	return { items };
}

/** The record as the API returns it for these include items (undefined = `base`), in the profile's way. */
function projectRecord(company, def, record, items = ['base'], profile = resolveProfile()) {
	const out = { id: record.id };
	for (const item of items) {
		if (item === 'base') {
			for (const field of def.baseFields) out[field] = record[field] ?? null;
		} else if (!item.includes('.')) {
			out[item] = record[item] ?? null;
		} else {
			const [link, field] = item.split('.');
			const linked = company.get(def.links[link], record[`${link}Id`]);
			out[`${link}${capitalize(field)}`] = linked ? (linked[field] ?? null) : null;
		}
	}
	return showRecord(profile, out);
}

function parseDateBound(name, value, bound) {
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
	const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(ms)) {
		return badRequest(`Invalid value '${value}' for ${name}: use an ISO date or date-time, e.g. 2025-02-01T00:00:00Z`);
	}
	// A date-only upper bound includes that whole day.
	return { ms: dateOnly && bound === 'to' ? ms + DAY - 1 : ms };
}

/** timeRecords' fromDate / toDate on timeRecordDate (days as text), when the profile honours them. */
function timeRecordDateTests(params) {
	const tests = [];
	for (const [name, bound] of [['fromDate', 'from'], ['toDate', 'to']]) {
		const value = params.get(name);
		if (!value) continue;
		if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return badRequest(`Invalid value '${value}' for ${name}: use a date like 2025-01-31`);
		tests.push((record) => (bound === 'from' ? String(record.timeRecordDate) >= value : String(record.timeRecordDate) <= value));
	}
	return { tests };
}

function buildFilters(def, params, profile) {
	const tests = [];
	const text = (params.get('query') ?? '').trim().toLowerCase();
	if (text) {
		tests.push((record) => def.queryFields.some((field) => String(record[field] ?? '').toLowerCase().includes(text)));
	}
	for (const [name, [field, bound]] of Object.entries(profile.ignoreDateFilters ? {} : DATE_FILTERS)) {
		const value = params.get(name);
		if (!value) continue;
		const parsed = parseDateBound(name, value, bound);
		if (parsed.error) return parsed;
		tests.push((record) => {
			const ms = Date.parse(record[field]);
			return bound === 'from' ? ms >= parsed.ms : ms <= parsed.ms;
		});
	}
	const ids = [...params.getAll('ids'), ...params.getAll('id')].flatMap((value) => value.split(',')).filter(Boolean);
	if (ids.length > 0) {
		const wanted = new Set(ids.map(Number));
		tests.push((record) => wanted.has(record.id));
	}
	for (const field of def.filterFields) {
		const value = params.get(field);
		if (value !== null && value !== '') tests.push((record) => String(record[field]) === value);
	}
	if (def.name === 'timeRecords' && profile.honourTimeRecordDates) {
		const dates = timeRecordDateTests(params);
		if (dates.error) return dates;
		tests.push(...dates.tests);
	}
	return { tests };
}

/** `sort=field,asc|desc` (repeatable; `sort=a,b,desc` sorts by a then b). Returns { compare } or { error }. */
function buildSort(def, params) {
	const keys = [];
	for (const spec of params.getAll('sort')) {
		const parts = spec.split(',').map((part) => part.trim()).filter(Boolean);
		let direction = 1;
		if (parts.length > 1 && /^(asc|desc)$/i.test(parts[parts.length - 1])) {
			direction = parts.pop().toLowerCase() === 'desc' ? -1 : 1;
		}
		for (const field of parts) {
			if (!def.baseFields.includes(field) || ['customer', 'project'].includes(field)) {
				return badRequest(`No property '${field}' found for type '${def.singular}' (sort)`);
			}
			keys.push({ field, direction });
		}
	}
	if (keys.length === 0) return { compare: undefined };
	keys.push({ field: 'id', direction: 1 });
	const compare = (a, b) => {
		for (const { field, direction } of keys) {
			const x = a[field];
			const y = b[field];
			if (x === y) continue;
			if (x === null || x === undefined) return 1; // nulls last
			if (y === null || y === undefined) return -1;
			return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
		}
		return 0;
	};
	return { compare };
}

function intParam(params, name) {
	const raw = params.get(name);
	return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** Runs a list request. Returns { body } (the envelope) or { error }. */
function listRecords(company, def, params, include, paging, profile = resolveProfile()) {
	const filters = buildFilters(def, params, profile);
	if (filters.error) return filters;
	const sort = profile.ignoreSort ? { compare: undefined } : buildSort(def, params);
	if (sort.error) return sort;
	let records = company.list(def.name);
	if (filters.tests.length > 0) records = records.filter((record) => filters.tests.every((test) => test(record)));
	if (sort.compare) records = [...records].sort(sort.compare);

	const askedSize = intParam(params, 'size');
	const maxPageSize = Math.min(paging.maxPageSize, profile.maxPageSize ?? Number.POSITIVE_INFINITY);
	const size = askedSize === undefined || askedSize < 1 ? Math.min(paging.defaultPageSize, maxPageSize) : Math.min(askedSize, maxPageSize);
	const number = pageIndex(profile, intParam(params, 'page'));
	const totalElements = records.length;
	const content = records.slice(number * size, number * size + size).map((record) => projectRecord(company, def, record, include, profile));
	return { body: listBody(profile, { content, number, size, totalElements, totalPages: Math.ceil(totalElements / size) }) };
}

module.exports = { parseIncludeSpec, projectRecord, listRecords };
