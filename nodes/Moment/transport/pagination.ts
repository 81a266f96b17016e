/**
 * Reading Moment lists.
 *
 * Moment answers `GET /{entity}?page=N&size=S` with
 * `{ "content": [...], "page": { "number", "size", "totalElements", "totalPages" } }`, `page`
 * 0-based (observed live; `size=500` worked, `noLimit` did not). A bare array is accepted too.
 *
 * "Return all" reads page 0, then, when Moment reported `totalPages`, the remaining pages a few at
 * a time (in order, each exactly once); without `totalPages` it reads page after page until a
 * short or empty page. It stops as soon as `limit` records are collected and never asks for a
 * page it does not need. A hard page cap guards against a server that never ends; reaching it, or
 * collecting fewer records than Moment announced, is an error, never a silently short list.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MomentContext, MomentRequest } from './request';
import { momentApiRequest } from './request';

/** Largest page size known to work (observed live). */
export const MAX_PAGE_SIZE = 500;
/** Circuit breaker: 2,000 pages of 500 = 1,000,000 records. */
export const MAX_PAGES = 2000;
/** Pages fetched at the same time once the page count is known. */
const PAGE_CONCURRENCY = 4;

export type ListRequest = Omit<MomentRequest, 'method' | 'id' | 'body'>;

export interface ListPage {
	records: IDataObject[];
	/** From Moment's `page` object when present. */
	number?: number;
	totalPages?: number;
	totalElements?: number;
}

function nonNegativeInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads one list response. Returns `undefined` for a shape that is not a list. */
export function parseListPage(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { records: body.filter(isRecord) };
	if (!isRecord(body) || !Array.isArray(body.content)) return undefined;
	const page = isRecord(body.page) ? body.page : body;
	return {
		records: body.content.filter(isRecord),
		number: nonNegativeInteger(page.number),
		totalPages: nonNegativeInteger(page.totalPages),
		totalElements: nonNegativeInteger(page.totalElements),
	};
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listFailure(ctx: MomentContext, request: ListRequest, message: string, description: string) {
	return new NodeApiError(
		ctx.getNode(),
		{ entity: request.entity },
		{ message, description, itemIndex: request.itemIndex },
	);
}

/** Fetches page `page` (0-based) with `size` records per page. */
export async function fetchListPage(
	this: MomentContext,
	request: ListRequest,
	page: number,
	size: number,
): Promise<ListPage> {
	const body = await momentApiRequest.call(this, {
		...request,
		method: 'GET',
		qs: { ...request.qs, page, size },
	});
	const parsed = parseListPage(body);
	const what = request.resourceName ? `${request.resourceName.toLowerCase()} list` : 'list';
	if (!parsed) {
		const keys = isRecord(body) ? Object.keys(body).slice(0, 10).join(', ') : typeof body;
		throw listFailure(
			this,
			request,
			`Moment sent the ${what} in an unexpected shape`,
			`Expected {"content": [...], "page": {...}} or an array; got ${keys}. Please report this with the Moment entity "${request.entity}".`,
		);
	}
	if (parsed.number !== undefined && parsed.number !== page) {
		throw listFailure(
			this,
			request,
			`Moment sent page ${parsed.number} of the ${what} when page ${page} was asked for`,
			'Reading on would repeat or skip records, so the node stopped. Try again; if it persists, report it.',
		);
	}
	return parsed;
}

function sameRecords(a: IDataObject[], b: IDataObject[]): boolean {
	return a.length === b.length && a.every((record, i) => JSON.stringify(record) === JSON.stringify(b[i]));
}

/** Keeps the first occurrence of every id (records inserted while reading shift later pages). */
function withoutRepeatedIds(records: IDataObject[]): IDataObject[] {
	const seen = new Set<unknown>();
	return records.filter((record) => {
		if (record.id === undefined || record.id === null) return true;
		if (seen.has(record.id)) return false;
		seen.add(record.id);
		return true;
	});
}

/**
 * All records of a list, or the first `limit`. Every record of every page needed is returned once.
 */
export async function momentApiRequestAllItems(
	this: MomentContext,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const size = limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
	const want = limit ?? Number.POSITIVE_INFINITY;
	const first = await fetchListPage.call(this, request, 0, size);
	const pages: IDataObject[][] = [first.records];

	if (first.totalPages !== undefined) {
		const pagesNeeded = Math.min(first.totalPages, Math.ceil(want / size));
		if (pagesNeeded > MAX_PAGES) {
			throw listFailure(
				this,
				request,
				`Moment reports ${first.totalPages} pages of ${size}; the node reads at most ${MAX_PAGES}`,
				'Turn off "Return All" and set a Limit, or narrow the list with filters.',
			);
		}
		for (let next = 1; next < pagesNeeded; next += PAGE_CONCURRENCY) {
			const batch = [];
			for (let page = next; page < Math.min(next + PAGE_CONCURRENCY, pagesNeeded); page++) {
				batch.push(fetchListPage.call(this, request, page, size));
			}
			for (const page of await Promise.all(batch)) pages.push(page.records);
		}
	} else {
		// No page count: read on while pages come back full.
		let last = first.records;
		while (last.length >= size && pages.length * size < want) {
			if (pages.length >= MAX_PAGES) {
				throw listFailure(
					this,
					request,
					`Moment kept sending full pages after ${MAX_PAGES} pages`,
					'Turn off "Return All" and set a Limit, or narrow the list with filters.',
				);
			}
			const page = await fetchListPage.call(this, request, pages.length, size);
			// A server that ignores `page` sends the same records again: the list is complete.
			if (page.records.length === 0 || sameRecords(page.records, last)) break;
			pages.push(page.records);
			last = page.records;
		}
	}

	const records = withoutRepeatedIds(pages.flat());
	const expected = first.totalElements === undefined ? undefined : Math.min(first.totalElements, want);
	if (expected !== undefined && records.length < expected) {
		throw listFailure(
			this,
			request,
			`Moment announced ${expected} ${request.resourceName ? `${request.resourceName.toLowerCase()}s` : 'records'} but sent ${records.length}`,
			'Records were probably deleted or changed while the pages were read. Run the node again; nothing was returned, so no partial list is passed on.',
		);
	}
	return records.slice(0, want);
}
