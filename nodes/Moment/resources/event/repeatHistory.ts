/**
 * resources/event/: where Pass Each Once remembers (map: docs/development.md).
 * The history of Pass Each Once: the last N keys that passed, in n8n's own database-backed
 * deduplication store (`helpers.checkProcessedAndRecord`, mode 'entries'), which n8n 1.123.81 and
 * 2.41.3 give every node (n8n/dist/deduplication/deduplication-helper.js, the same file in both).
 * What that store does, read in its source and relied on here:
 * - one row per workflow and scope: `value.data` is the list of the keys' MD5 hashes (24
 *   characters each), oldest first; every call reads the whole row and writes it back;
 * - a new key is appended, and with `maxEntries` the oldest are dropped beyond it (a rolling
 *   window: it never fails when full, unlike the Remove Duplicates node, which refuses to run
 *   when its history would exceed History Size: n8n issue 38475);
 * - keys repeated within one call are all reported new (it compares with the history as read, not
 *   with the keys appended by the same call): this node passes each key to it once per call;
 * - the read and the write are two statements without a transaction or lock: overlapping
 *   executions are kept apart by this node's lock (nodeLock.ts).
 *
 * The history is kept in scope 'workflow' (the row `workflowId` + ''): it survives renaming,
 * copying or replacing the node, and it is the row a Remove Duplicates node with Scope: Workflow
 * and Keep Items Where: Value Is New kept, so replacing such a node keeps its history (its keys
 * were hashed the same way). One Pass Each Once node per workflow: a second one would share the
 * history without sharing the lock.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { releaseLock, storeFailure, takeLock } from './nodeLock';

const HISTORY_SCOPE = 'workflow';

function historyFailure(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	if (!/incompatible setting/i.test(String(error instanceof Error ? error.message : error))) return storeFailure(ctx, error);
	return new NodeOperationError(ctx.getNode(), "This workflow's deduplication history was started by a Remove Duplicates node with another Keep Items Where setting", {
		itemIndex: 0,
		description: 'Set its Scope to Node or, if it is gone, run Remove Duplicates > Clear Deduplication History with Scope Workflow once.',
	});
}

/**
 * Checks `keys` (distinct) against the history and records the new ones, keeping the last
 * `remember`; returns the repeats. With `lookOnly` (test runs in the editor) nothing is added: the
 * new keys are recorded and removed again within the same turn, so the history is as before.
 */
export async function checkHistory(ctx: IExecuteFunctions, keys: string[], remember: number, lookOnly: boolean): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	if (!ctx.getWorkflow().id) {
		throw new NodeOperationError(ctx.getNode(), 'Save the workflow first: the history is kept per saved workflow', { itemIndex: 0 });
	}
	await takeLock(ctx);
	try {
		// lookOnly: no maxEntries, so that adding and removing the new keys trims nothing
		const result = await ctx.helpers.checkProcessedAndRecord(keys, HISTORY_SCOPE, lookOnly ? { mode: 'entries' } : { mode: 'entries', maxEntries: remember });
		if (lookOnly && result.new.length > 0) await ctx.helpers.removeProcessed(result.new, HISTORY_SCOPE, { mode: 'entries' });
		return new Set(result.processed.map(String));
	} catch (error) {
		throw historyFailure(ctx, error);
	} finally {
		await releaseLock(ctx);
	}
}
