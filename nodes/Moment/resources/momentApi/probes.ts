/**
 * resources/momentApi/: Check Compatibility's reads (map: docs/development.md).
 * The reads of the compatibility check: for one resource, the GET requests it sends through the
 * transport (paced and retried like every other request; nothing here writes), and what each one
 * answered. The answers stay in memory only for verdicts.ts to judge: no body, message or value of
 * Moment's reaches the output, only what verdicts.ts derives (counts, field names, statuses).
 *
 * Requests per resource, at most MAX_READS_PER_RESOURCE (9), so that the check stays under 100:
 *   1. the list as Get Many sends it: page 0, size 500, the default Include (users: base+email),
 *      and again without the Include when Moment refuses it;
 *   2. page 1: size 2 when Moment reports totals, else as large as page 0 was (a bare array
 *      reveals a page size cut below 500, or pages that count from 1, only this way);
 *   3. GET /{entity}/{id} of the first listed record, as Get, the poll trigger and the time-record
 *      lookups send it (no Include: the node's Get of a user adds base+email, judged from 1.);
 *   4. the list with /include/base and size 1 (not for users, whose default Include is 1.);
 *   5-8. the list with createdDateFrom, lastModifiedDateFrom (a date in the year 2999), query (a
 *      text no record holds) and sort (id, the other way round), size 1 or 2;
 *   9. time records: fromDate/toDate in 2999; project memberships: projectMembershipState=active.
 * A read is skipped when what it would judge cannot be judged (an empty list, no ID).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';
import { parseRecordId, recordStampsOf } from '../../catalog';
import type { ListPage } from '../../transport';
import { MAX_PAGE_SIZE, parseListPage } from '../../transport';
import type { MomentRequest, OpenConnection } from '../../transport/request';
import { sendMomentRequest } from '../../transport/request';

/** A date no record was created or changed after: a filter that works leaves nothing. */
export const FUTURE_TIME = '2999-01-01T00:00:00.000Z';
export const FUTURE_DAY = '2999-01-01';
/** Search text no record holds. */
const NO_MATCH_TEXT = 'n8n-compat-check-zq7x';
/** Page 1 is asked with this size when Moment reports totals. */
export const NEXT_PAGE_SIZE = 2;
export const LIST_SIZE = MAX_PAGE_SIZE;
/** The most reads probeResource sends for one resource (see the top of this file). */
export const MAX_READS_PER_RESOURCE = 9;

/** What one request got: an HTTP status (and body, for 2xx), or why there was none. */
export interface Answer {
	status?: number;
	body?: unknown;
	/** Why no status: no answer (network, unreadable), or not sent (the check's budget or time). */
	missing?: 'no answer' | 'not sent: request budget' | 'not sent: time';
	/** The transport's error for "no answer" (kept to be thrown if Moment never answered at all). */
	error?: NodeApiError;
}

export type FilterName = 'createdDateFrom' | 'lastModifiedDateFrom' | 'query' | 'sort';

export interface ResourceReads {
	resource: MomentResource;
	/** The Include Get Many sends when none is given (users: base, email). */
	defaultInclude: string[];
	list?: Answer;
	/** The list again without the default Include, when Moment refused it. */
	listWithoutInclude?: Answer;
	nextPage?: Answer;
	nextPageSize?: number;
	getId?: string;
	get?: Answer;
	include?: Answer;
	filters: Partial<Record<FilterName, Answer>>;
	sortDirection?: 'asc' | 'desc';
	/** timeRecords: fromDate/toDate; projectMemberships: projectMembershipState=active. */
	special?: Answer;
}

/** Shared by every resource's reads: the connection, the request budget and the deadline. */
export interface ProbeSession {
	connection: OpenConnection;
	maxRequests: number;
	deadline: number;
	requests: number;
}

export function isSuccess(answer: Answer | undefined): answer is Answer & { status: number } {
	return answer?.status !== undefined && answer.status >= 200 && answer.status < 300;
}

/** The list an answer holds, if it is a 2xx list in a shape the node reads. */
export function listOf(answer: Answer | undefined): ListPage | undefined {
	return isSuccess(answer) ? parseListPage(answer.body) : undefined;
}

/** The list Get Many would work from: the one with the default Include, else the one without. */
export function mainList(reads: ResourceReads): { answer?: Answer; page?: ListPage } {
	const answer = isSuccess(reads.list) || !reads.listWithoutInclude ? reads.list : reads.listWithoutInclude;
	return { answer, page: listOf(answer) };
}

/** The error of an answer that makes the whole check pointless (a wrong API key), to throw. */
function fatal(error: unknown): NodeApiError | undefined {
	return error instanceof NodeApiError && error.httpCode === '401' ? error : undefined;
}

async function ask(this: IExecuteFunctions, session: ProbeSession, resource: MomentResource, request: Omit<MomentRequest, 'method' | 'resource'>): Promise<Answer> {
	if (Date.now() >= session.deadline) return { missing: 'not sent: time' };
	if (session.requests >= session.maxRequests) return { missing: 'not sent: request budget' };
	session.requests++;
	try {
		const body = await sendMomentRequest.call(this, session.connection, { ...request, method: 'GET', resource, itemIndex: 0 });
		return { status: 200, body };
	} catch (error) {
		const stop = fatal(error);
		if (stop) throw stop;
		const code = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
		return code >= 100 && code < 600 ? { status: code } : { missing: 'no answer', error: error instanceof NodeApiError ? error : undefined };
	}
}

/** IDs as numbers for ordering (BigInt: IDs may exceed 2^53), undefined for one that is not a whole number. */
export function idOrder(record: IDataObject | undefined): bigint | undefined {
	const id = record && parseRecordId(record.id);
	return id === undefined ? undefined : BigInt(id);
}

/** Every read of one resource; see the top of this file. */
export async function probeResource(this: IExecuteFunctions, session: ProbeSession, resource: MomentResource): Promise<ResourceReads> {
	const defaultInclude = resource.takesInclude && resource.defaultInclude ? [...resource.defaultInclude] : [];
	const reads: ResourceReads = { resource, defaultInclude, filters: {} };
	const read = async (qs: IDataObject, include?: string[], id?: string) =>
		await ask.call(this, session, resource, { id, include: include && include.length > 0 ? include : undefined, qs });
	reads.list = await read({ page: 0, size: LIST_SIZE }, defaultInclude);
	const status = reads.list.status;
	if (defaultInclude.length > 0 && status !== undefined && status >= 400 && status < 500) reads.listWithoutInclude = await read({ page: 0, size: LIST_SIZE });
	const { page } = mainList(reads);
	if (!page) return reads;
	const records = page.records;
	const listed = page.totalElements === undefined ? records.length : page.totalElements;
	// further reads go the way the first one worked (without an Include Moment refused)
	const include = isSuccess(reads.list) ? defaultInclude : [];
	if (records.length > 0) {
		reads.nextPageSize = page.totalElements !== undefined && page.totalPages !== undefined ? NEXT_PAGE_SIZE : records.length;
		reads.nextPage = await read({ page: 1, size: reads.nextPageSize }, include);
		reads.getId = records.map((record) => parseRecordId(record.id)).find((id) => id !== undefined);
		if (reads.getId !== undefined) reads.get = await read({}, [], reads.getId);
	}
	if (defaultInclude.length === 0) reads.include = await read({ page: 0, size: 1 }, ['base']);
	if (listed > 0) {
		reads.filters.createdDateFrom = await read({ page: 0, size: 1, createdDateFrom: FUTURE_TIME }, include);
		// also what the Poll Trigger's "Ask Moment for Changed Records Only" sends (catalog recordStamps)
		reads.filters.lastModifiedDateFrom = await read({ page: 0, size: 1, [recordStampsOf(resource).changedSinceParameter]: FUTURE_TIME }, include);
		reads.filters.query = await read({ page: 0, size: 1, query: NO_MATCH_TEXT }, include);
	}
	const [a, b] = [idOrder(records[0]), idOrder(records[1])];
	if (a !== undefined && b !== undefined && a !== b) {
		// the other way round than the list comes
		reads.sortDirection = a < b ? 'desc' : 'asc';
		reads.filters.sort = await read({ page: 0, size: 2, sort: `id,${reads.sortDirection}` }, include);
	}
	if (listed > 0 && resource.value === 'timeRecord') reads.special = await read({ page: 0, size: 1, fromDate: FUTURE_DAY, toDate: FUTURE_DAY });
	if (listed > 0 && resource.value === 'projectMembership') reads.special = await read({ page: 0, size: LIST_SIZE, projectMembershipState: 'active' });
	return reads;
}
