/**
 * resources/event/: Pass Each Once's turn per node (map: docs/development.md).
 * A lock per Pass Each Once node, so that executions of its workflow running at the same moment
 * (n8n's main process runs several at once; queue-mode workers run them on several machines)
 * read and write the history one after the other.
 *
 * Why: n8n's deduplication store (`helpers.checkProcessedAndRecord`, n8n/dist/deduplication/
 * deduplication-helper.js, the same file in n8n 1.123.81 and 2.41.3) keeps a scope's history in
 * one database row and updates it by reading the row, adding the new keys and writing it back,
 * without a transaction or a lock. Two executions that overlap both read the same history: a key
 * both carry passes twice, and the write that comes second drops the keys of the first (a later
 * repeat of those passes again).
 *
 * How: the store's only atomic step is the creation of a row (an INSERT on the primary key
 * workflowId + context; the loser of a race gets a unique-constraint error). The lock is that
 * creation, in this node's own row of the store (scope 'node': `n:<node id>`, which nothing else
 * writes): the execution whose call creates the row holds the lock, and deletes the row when done
 * (`clearAllProcessedItems`). Waiters only read (`getProcessedDataCount`, no write: in the e2e
 * suite, waiters that wrote on every try slowed SQLite so much that some waited 90 s) and try to
 * create the row when it is gone. A row holds the marker HELD, the holder's token and a random
 * number (0-31) of fillers, so its length tells one holder's row from the next one's.
 *
 * An execution that stops while holding the lock (its worker killed) leaves the row behind. A waiter
 * that has seen the same length for `staleAfterMs` (30 s; a turn takes milliseconds; a row that
 * changed hands meanwhile restarts the count, so a queue of live turns is never taken for stale)
 * deletes it (once, at a random moment within `removalSpreadMs`, right after it saw the same
 * length again: the first removal shows the others a new row, so they remove nothing) and takes
 * the lock. Another may have removed the same row at the same moment, so it waits `settleMs`
 * before it uses the lock and checks that the row carries its token.
 * Every wait is bounded: after `giveUpMs` the node fails with a clear error.
 */
import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

const LOCK_SCOPE = 'node';
const LOCK_OPTIONS = { mode: 'entries' as const };
/** In every row of this node's scope; a row without it is not a lock of this node. */
export const HELD = 'pass-each-once:held';

/** Time and chance as the lock sees them; tests replace them with a virtual clock and a seeded source. */
export const lockClock: { now: () => number; sleep: (ms: number) => Promise<void>; random: () => number } = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	random: () => Math.random(),
};

export const LOCK_TIMING = {
	/** Pause between reads: from `maxPauseMs` for a newcomer down to `minPauseMs` after 20 s (±50 %), so the longest waiters look most often. */
	minPauseMs: 25,
	maxPauseMs: 250,
	/** The same row seen for this long: taken for the leftover of an execution that stopped. */
	staleAfterMs: 30_000,
	/** Each waiter that found it stale removes it at a random moment within this spread, if it still sees the same row then. */
	removalSpreadMs: 10_000,
	/** After deleting a stale lock and taking it, wait this long, then check the row is still ours. */
	settleMs: 5_000,
	/** No lock after this long: the node fails. */
	giveUpMs: 90_000,
};

/**
 * Records `items` in the lock's row: true when this call created the row, or when `token` was
 * there already; a lost race to create it (SQLite, PostgreSQL, MySQL wording) is false.
 */
async function record(ctx: IExecuteFunctions, items: string[], token?: string): Promise<boolean> {
	try {
		const result = await ctx.helpers.checkProcessedAndRecord(items, LOCK_SCOPE, LOCK_OPTIONS);
		return result.new.includes(HELD) || (token !== undefined && result.processed.includes(token));
	} catch (error) {
		if (/unique|duplicate/i.test(String(error instanceof Error ? error.message : error))) return false;
		throw storeFailure(ctx, error);
	}
}

/** Waits for this node's lock; the caller must `releaseLock` in a `finally`. */
export async function takeLock(ctx: IExecuteFunctions): Promise<void> {
	const clock = lockClock;
	const timing = LOCK_TIMING;
	const helpers = ctx.helpers;
	const token = randomBytes(12).toString('hex');
	const started = clock.now();
	let seen = -1;
	let seenSince = started;
	let removeAt: number | undefined;
	let removedStale = false;
	let justRemoved = false;
	for (;;) {
		let length: number;
		try {
			length = await helpers.getProcessedDataCount(LOCK_SCOPE, LOCK_OPTIONS);
		} catch (error) {
			throw storeFailure(ctx, error);
		}
		const fillers = Array.from({ length: Math.floor(clock.random() * 32) }, (_, i) => `${token}:${i}`);
		if (length === 0 && (await record(ctx, [HELD, token, ...fillers]))) {
			if (!justRemoved) return;
			// another execution may have removed the same stale lock at the same moment: let it create
			// its row, then check that the row there carries our token
			await clock.sleep(timing.settleMs);
			if (await record(ctx, [HELD, token], token)) return;
		}
		justRemoved = false;
		const now = clock.now();
		if (length !== seen) {
			seen = length;
			seenSince = now;
			removeAt = undefined;
		}
		if (now - started >= timing.giveUpMs) {
			throw new NodeOperationError(ctx.getNode(), `Pass Each Once waited ${Math.round((now - started) / 1000)} s for its turn and did not get it`, {
				itemIndex: 0,
				description: 'Nothing was let through or recorded: retry the execution.',
			});
		}
		if (!removedStale && length > 0 && now - seenSince >= timing.staleAfterMs) removeAt ??= now + clock.random() * timing.removalSpreadMs;
		if (!removedStale && removeAt !== undefined && now >= removeAt) {
			removedStale = justRemoved = true;
			ctx.logger.warn(`Pass Each Once: "${ctx.getNode().name}" removes a turn held over 30 s`);
			try {
				await helpers.clearAllProcessedItems(LOCK_SCOPE, LOCK_OPTIONS);
			} catch (error) {
				throw storeFailure(ctx, error);
			}
			continue;
		}
		const base = Math.max(timing.minPauseMs, timing.maxPauseMs - (now - started) / 80);
		await clock.sleep(Math.round(base * (0.5 + clock.random())));
	}
}

/** Gives the turn to the next execution. A failure is logged, not thrown: the work is done. */
export async function releaseLock(ctx: IExecuteFunctions): Promise<void> {
	try {
		await ctx.helpers.clearAllProcessedItems(LOCK_SCOPE, LOCK_OPTIONS);
	} catch (error) {
		ctx.logger.warn(`Pass Each Once: "${ctx.getNode().name}" could not give back its turn: ${String(error)}`);
	}
}

/** A store error as the node's error (the database's words in the description: n8n replaces a message naming ECONNREFUSED & co.). */
export function storeFailure(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), "n8n's deduplication store failed", {
		itemIndex: 0,
		description: `It said: ${String(error instanceof Error ? error.message : error).slice(0, 300)}. Nothing was let through or recorded.`,
	});
}
