/**
 * What the Moment Poll Trigger asks Moment (docs/development.md), all through the shared
 * transport (auth, pacing under Moment's 30 requests/s, retries of 429 / 502 / 503 / 504 / resets /
 * cut-off bodies, readable errors):
 * - the whole list, 500 records per page; momentApiRequestAllItems returns every record once or
 *   throws (a list shorter than Moment announced, a page out of order, an unreadable answer), so
 *   the poll never works from a partial list it takes for complete;
 * - optionally, only the records changed since a time (an unverified filter);
 * - one record per ID, to confirm a deletion (404) or for Fetch Full Record.
 */
import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { runInOrder } from '../actions/orderedPool';
import type { MomentResource } from '../catalog';
import { recordStampsOf } from '../catalog';
import type { ListRequest } from '../transport';
import { momentApiRequest, momentApiRequestAllItems } from '../transport';
import { isRecord } from '../values';

/** Requests for single records run this many at a time (the transport paces them). */
const RECORD_CONCURRENCY = 4;

/**
 * A list that changed while its pages were read (fewer records than announced, a page out of
 * order) is read again after these pauses; only if it never reads consistently does the poll fail.
 */
export const REREAD_PAUSES_MS = [1000, 3000];

async function readList(this: IPollFunctions, request: ListRequest): Promise<IDataObject[]> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await momentApiRequestAllItems.call(this, request);
		} catch (error) {
			const changed = error instanceof NodeApiError && error.context.listFailure === 'changedWhileRead';
			if (!changed || attempt >= REREAD_PAUSES_MS.length) throw asPollError(this.getNode(), error);
			this.logger.info(`Moment Poll Trigger "${this.getNode().name}": the ${request.resource.apiPath} list changed while it was read (${error.message}); reading it again`);
			await sleep(REREAD_PAUSES_MS[attempt]);
		}
	}
}

/** `bound`: the most records the caller takes, checked against the first page's total (pagination.ts). */
export async function readWholeList(this: IPollFunctions, resource: MomentResource, bound?: ListRequest['bound']): Promise<IDataObject[]> {
	return await readList.call(this, { resource, bound });
}

/** Records Moment lists as changed at or after `sinceMs` (if it applies the filter at all). */
export async function readChangedSince(this: IPollFunctions, resource: MomentResource, sinceMs: number, bound?: ListRequest['bound']): Promise<IDataObject[]> {
	return await readList.call(this, {
		resource,
		qs: { [recordStampsOf(resource).changedSinceParameter]: new Date(sinceMs).toISOString() },
		bound,
	});
}

/** A poll's error: n8n's errors as they are (the transport throws only these), anything else wrapped in one. */
export function asPollError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** The record, or `undefined` when Moment answers 404. Any other failure throws. */
export async function readRecord(
	this: IPollFunctions,
	resource: MomentResource,
	id: string,
	include: string[],
): Promise<IDataObject | undefined> {
	let body: unknown;
	try {
		body = await momentApiRequest.call(this, { method: 'GET', resource, id, idFrom: `the ${resource.plural} Moment listed`, include });
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asPollError(this.getNode(), error);
	}
	if (!isRecord(body)) {
		throw new NodeOperationError(
			this.getNode(),
			`Moment answered the request for ${resource.displayName} ${id} with ${Array.isArray(body) ? 'a list' : 'something other than a record object'}`,
			{ description: 'Please report this with the Moment entity and what Moment sent. Nothing was emitted; the next poll tries again.' },
		);
	}
	return body;
}

export interface RecordReads {
	/** ID → record, for the IDs Moment returned. */
	found: Map<string, IDataObject>;
	/** IDs Moment answered 404 for. */
	gone: Set<string>;
	/** IDs not asked for because the poll's time was up; the next poll asks again. */
	deferred: string[];
}

/**
 * Reads records one by one, in order, until `deadline` (ms since epoch): what is left is deferred
 * to the next poll rather than risking the poll being abandoned by n8n.
 */
export async function readRecords(
	this: IPollFunctions,
	resource: MomentResource,
	ids: string[],
	include: string[],
	deadline: number,
): Promise<RecordReads> {
	const result: RecordReads = { found: new Map(), gone: new Set(), deferred: [] };
	const outcomes = await runInOrder(ids.length, RECORD_CONCURRENCY, async (index) => {
		if (Date.now() >= deadline) return 'deferred' as const;
		return (await readRecord.call(this, resource, ids[index], include)) ?? ('gone' as const);
	});
	// the first failure fails the poll (reads stop starting after it): nothing is emitted or remembered
	const failure = outcomes.find((outcome) => outcome.status === 'failed');
	if (failure?.status === 'failed') throw failure.error;
	outcomes.forEach((outcome, index) => {
		if (outcome.status !== 'done') return;
		const id = ids[index];
		if (outcome.value === 'deferred') result.deferred.push(id);
		else if (outcome.value === 'gone') result.gone.add(id);
		else result.found.set(id, outcome.value);
	});
	return result;
}
