/**
 * transport/: pagination (list pages, Return All) (map: docs/development.md).
 * Reading Moment lists.
 *
 * Moment answers `GET /{entity}?page=N&size=S` with
 * `{ "content": [...], "page": { "number", "size", "totalElements", "totalPages" } }`, `page`
 * 0-based (observed live; `size=500` worked, `noLimit` did not). Spring's classic page shape (the
 * same numbers at the top level) and a bare array are read too (`parseListPage`).
 *
 * "Return all" reads page 0, then, when Moment reported `totalPages`, the remaining pages a few at
 * a time (in order, each exactly once); without `totalPages` it reads page after page until a
 * short or empty page. It stops as soon as `limit` records are collected and never asks for a
 * page it does not need. A hard page cap guards against a server that never ends; reaching it, or
 * collecting fewer records than Moment announced, is an error, never a silently short list. The
 * page cap and the caller's `bound` are checked against the totals of the first page, before any
 * other page is read, whenever Moment announces them.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { parseRecordId } from '../catalog/recordId';
import { isRecord } from '../values';
import type { MomentContext, MomentRequest, OpenConnection } from './request';
import { scrubbedExcerpt } from './errors';
import { openConnection, sendMomentRequest } from './request';

/** Largest page size known to work (observed live). */
export const MAX_PAGE_SIZE = 500;
/** Circuit breaker: 2,000 pages of 500 = 1,000,000 records. */
export const MAX_PAGES = 2000;
/** Pages fetched at the same time once the page count is known. */
const PAGE_CONCURRENCY = 4;

export interface ListRequest extends Omit<MomentRequest, 'method' | 'id' | 'body'> {
	/**
	 * Which records to return, for filters Moment may ignore (the node re-checks them); records
	 * left out do not count towards the limit. Every record when absent.
	 */
	keep?: (record: IDataObject) => boolean;
	/**
	 * The most records the caller can take (the poll trigger's tracking bound). Checked before it
	 * costs: against the total Moment announces on the first page, before any other page is read;
	 * without a total, against the records read so far, after each page. Over it, `error(count)` is
	 * thrown (count: the total announced, or the records read so far).
	 */
	bound?: { max: number; error: (count: number) => Error };
}

/**
 * The list shapes the node reads:
 * - `page`: `{ "content": [...], "page": { "number", "size", "totalElements", "totalPages" } }`,
 *   observed live (Spring Data's PagedModel);
 * - `classic`: `{ "content": [...], "number", "size", "totalElements", "totalPages", ... }`, Spring
 *   Data's classic Page JSON, with the same numbers at the top level;
 * - `array`: a bare array of records, without totals or page number.
 */
export type ListShape = 'page' | 'classic' | 'array';

export interface ListPage {
	records: IDataObject[];
	shape: ListShape;
	/** From Moment's `page` object (or the top level of the classic shape) when present. */
	number?: number;
	/** The page size Moment says it used (it may be smaller than the size asked for). */
	size?: number;
	totalPages?: number;
	totalElements?: number;
	/** Entries of the list that were not records (objects), left out of `records`. */
	skipped: number;
}

function nonNegativeInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads one list response. Returns `undefined` for a shape that is not a list. */
export function parseListPage(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) {
		const records = body.filter(isRecord);
		return { records, shape: 'array', skipped: body.length - records.length };
	}
	if (!isRecord(body) || !Array.isArray(body.content)) return undefined;
	const page = isRecord(body.page) ? body.page : body;
	const records = body.content.filter(isRecord);
	return {
		records,
		shape: isRecord(body.page) ? 'page' : 'classic',
		number: nonNegativeInteger(page.number),
		size: nonNegativeInteger(page.size),
		totalPages: nonNegativeInteger(page.totalPages),
		totalElements: nonNegativeInteger(page.totalElements),
		skipped: body.content.length - records.length,
	};
}

/**
 * Why a list could not be read completely, in `error.context.listFailure`: `changedWhileRead` (fewer
 * records than announced, or a page other than the one asked for: records were added or removed
 * while the pages were read, so reading again may succeed), `shape` or `tooManyPages`.
 */
export type ListFailureKind = 'changedWhileRead' | 'shape' | 'tooManyPages';

function listFailure(ctx: MomentContext, request: ListRequest, kind: ListFailureKind, message: string, description: string) {
	const error = new NodeApiError(
		ctx.getNode(),
		{ entity: request.resource.apiPath },
		{ message, description, itemIndex: request.itemIndex },
	);
	error.context.listFailure = kind;
	return error;
}

/** Fetches page `page` (0-based) with `size` records per page (through `connection` when one is open). */
export async function fetchListPage(
	this: MomentContext,
	request: ListRequest,
	page: number,
	size: number,
	connection?: OpenConnection,
): Promise<ListPage> {
	const pageRequest: MomentRequest = { ...request, method: 'GET', qs: { ...request.qs, page, size } };
	const open = connection ?? (await openConnection.call(this, request.itemIndex));
	const body = await sendMomentRequest.call(this, open, pageRequest);
	const parsed = parseListPage(body);
	const what = `${request.resource.displayName.toLowerCase()} list`;
	if (!parsed) {
		// field names come from Moment's answer: scrubbed and cut like any text from Moment
		const keys = isRecord(body) ? scrubbedExcerpt(Object.keys(body).slice(0, 10).join(', '), open.scrub, 200) : typeof body;
		throw listFailure(
			this,
			request,
			'shape',
			`Moment sent the ${what} in an unexpected shape`,
			`Expected {"content": [...], "page": {...}} or an array; got ${keys}. Please report this with the Moment entity "${request.resource.apiPath}".`,
		);
	}
	if (parsed.number !== undefined && parsed.number !== page) {
		throw listFailure(
			this,
			request,
			'changedWhileRead',
			`Moment sent page ${parsed.number} of the ${what} when page ${page} was asked for`,
			"Reading on would repeat or skip records. Try again; if it persists, run the Moment node's Moment API > Check Compatibility (it tells whether Moment's pages count from 1) and report what it says.",
		);
	}
	return parsed;
}

function sameRecords(a: IDataObject[], b: IDataObject[]): boolean {
	return a.length === b.length && a.every((record, i) => JSON.stringify(record) === JSON.stringify(b[i]));
}

/**
 * The records read so far: each ID once (records inserted while reading shift later pages), and
 * how many of them the request keeps. Only a valid Moment ID (catalog/recordId.ts) identifies a
 * record: records without one ("abc", 1e30, a number beyond 2^53 that lost its digits, none) are
 * all kept, since two of them with the same value may be different records.
 */
class Collected {
	readonly records: IDataObject[] = [];
	kept = 0;
	private readonly seen = new Set<string>();

	constructor(private readonly keep?: (record: IDataObject) => boolean) {}

	add(page: IDataObject[]): void {
		for (const record of page) {
			const id = parseRecordId(record.id);
			if (id !== undefined) {
				if (this.seen.has(id)) continue;
				this.seen.add(id);
			}
			this.records.push(record);
			if (!this.keep || this.keep(record)) this.kept++;
		}
	}

	result(): IDataObject[] {
		return this.keep ? this.records.filter(this.keep) : this.records;
	}
}

/** `pages`: the pages Moment reports of `size`; undefined when it reports none and kept sending full pages. */
function tooManyPages(ctx: MomentContext, request: ListRequest, pages: number | undefined, size: number) {
	const message =
		pages === undefined ? `Moment kept sending full pages after ${MAX_PAGES} pages` : `Moment reports ${pages} pages of ${size}; the node reads at most ${MAX_PAGES}`;
	return listFailure(ctx, request, 'tooManyPages', message, 'Turn off "Return All" and set a Limit, or narrow the list with filters.');
}

/**
 * The pages of one batch, or the failure of its lowest failed page (in page order, whichever
 * failed first in time), once every read of the batch has ended: a page that fails does not leave
 * its siblings waiting for a pacing slot or retrying in the background after the node has reported
 * the error (those reads would still spend the key's budget, and their answers would go nowhere).
 */
async function allPagesOf(batch: Array<Promise<ListPage>>): Promise<ListPage[]> {
	const settled = await Promise.allSettled(batch);
	const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed) throw failed.reason;
	return settled.map((result) => (result as PromiseFulfilledResult<ListPage>).value);
}

/**
 * All records of a list, or the first `limit` (of those `request.keep` keeps). Every record of
 * every page needed is returned once; the credential is read once for all pages.
 */
export async function momentApiRequestAllItems(
	this: MomentContext,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const connection = await openConnection.call(this, request.itemIndex);
	// Records dropped by `keep` do not count, so with a re-check every page is read in full.
	const size = limit === undefined || request.keep ? MAX_PAGE_SIZE : Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
	const want = limit ?? Number.POSITIVE_INFINITY;
	const collected = new Collected(request.keep);
	const first = await fetchListPage.call(this, request, 0, size, connection);
	collected.add(first.records);
	let pagesRead = 1;
	const { bound } = request;
	// the bounds are checked against what Moment announces, before any other page is read
	const overBound = () => {
		if (bound && collected.records.length > bound.max) throw bound.error(collected.records.length);
	};
	if (bound && first.totalElements !== undefined && first.totalElements > bound.max) throw bound.error(first.totalElements);
	overBound();
	const pagesAnnounced = first.totalPages ?? (first.totalElements === undefined ? undefined : Math.ceil(first.totalElements / size));
	// every page is needed for Return All, and with a re-check (keep) that may never reach the limit
	const pagesKnownNeeded = pagesAnnounced === undefined ? undefined : request.keep && want !== Number.POSITIVE_INFINITY ? undefined : Math.min(pagesAnnounced, Math.ceil(want / size));
	if (pagesKnownNeeded !== undefined && pagesKnownNeeded > MAX_PAGES) {
		throw tooManyPages(this, request, pagesAnnounced, size);
	}

	if (first.totalPages !== undefined) {
		const pagesNeeded = request.keep ? first.totalPages : Math.min(first.totalPages, Math.ceil(want / size));
		while (pagesRead < pagesNeeded && collected.kept < want) {
			if (pagesRead >= MAX_PAGES) {
				throw tooManyPages(this, request, first.totalPages, size);
			}
			const batch = [];
			for (let page = pagesRead; page < Math.min(pagesRead + PAGE_CONCURRENCY, pagesNeeded, MAX_PAGES); page++) {
				batch.push(fetchListPage.call(this, request, page, size, connection));
			}
			for (const page of await allPagesOf(batch)) collected.add(page.records);
			pagesRead += batch.length;
			overBound();
		}
	} else {
		// No page count: read on while pages come back full.
		let last = first.records;
		while (last.length >= size && collected.kept < want) {
			if (pagesRead >= MAX_PAGES) throw tooManyPages(this, request, undefined, size);
			const page = await fetchListPage.call(this, request, pagesRead, size, connection);
			pagesRead++;
			// A server that ignores `page` sends the same records again: the list is complete.
			if (page.records.length === 0 || sameRecords(page.records, last)) break;
			collected.add(page.records);
			overBound();
			last = page.records;
		}
	}

	const records = collected.result();
	const announced = first.totalElements;
	const short = request.keep
		? records.length < want && collected.records.length < (announced ?? 0)
		: collected.records.length < Math.min(announced ?? 0, want);
	if (announced !== undefined && short) {
		throw listFailure(
			this,
			request,
			'changedWhileRead',
			`Moment announced ${Math.min(announced, request.keep ? announced : want)} ${request.resource.plural} but sent ${collected.records.length}`,
			'Records were probably deleted or changed while the pages were read. Nothing was returned; run the node again.',
		);
	}
	return records.slice(0, want);
}
