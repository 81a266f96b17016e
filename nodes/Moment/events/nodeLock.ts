/**
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
 * (`clearAllProcessedItems`). A call that finds the row already there only learns that the lock is
 * held. Every call carries the marker HELD, so every row of this scope carries it, and the
 * execution's own token, so it can tell its row from another's.
 *
 * An execution that stops while holding the lock (its worker killed) leaves the row behind. A waiter
 * that has met the same row for `staleAfterMs` (30 s; a turn takes milliseconds; a row that
 * changed hands meanwhile restarts the count, so a queue of live turns is never taken for stale)
 * deletes it (once, at a random moment within `removalSpreadMs`, right after it met the same row
 * again: the first removal shows the others a new row, so they remove nothing) and takes the lock.
 * Another may still have removed the same row at the same moment, so it waits `settleMs` before it
 * uses the lock and checks that the row is its own.
 * Every wait is bounded: after `giveUpMs` the node fails with a clear error.
 */
import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

const LOCK_SCOPE = 'node';
const LOCK_OPTIONS = { mode: 'entries' as const };
/** In every row of this node's scope; a row without it is not a lock of this node. */
export const HELD = 'n8n-nodes-moment:pass-each-once:held';

/** Time and chance as the lock sees them; tests replace them with a virtual clock and a seeded source. */
export const lockClock: { now: () => number; sleep: (ms: number) => Promise<void>; random: () => number } = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	random: () => Math.random(),
};

export const LOCK_TIMING = {
	/** First pause between attempts; doubled after each, up to `maxPauseMs` (each with ±50 % jitter). */
	firstPauseMs: 10,
	maxPauseMs: 250,
	/** The same row met for this long: taken for the leftover of an execution that stopped. */
	staleAfterMs: 30_000,
	/**
	 * Each waiter that found it stale removes it at a random moment within this spread, if it still
	 * meets the same row then: the first removal gives the others a new row, so they remove nothing.
	 */
	removalSpreadMs: 10_000,
	/** After deleting a stale lock and taking it, wait this long, then check the row is still ours. */
	settleMs: 5_000,
	/** No lock after this long: the node fails. */
	giveUpMs: 90_000,
	/** Store errors in a row (a lost race to create the row is one) before the node fails with the last. */
	errorsInARow: 5,
};

export interface HeldLock {
	token: string;
	/** Milliseconds spent waiting for the lock. */
	waitedMs: number;
	/** Whether a stale lock was deleted to get this one. */
	tookStale: boolean;
}

interface Attempt {
	/** This call created the row: the lock is ours (the creation is atomic). */
	created: boolean;
	/** The row there carries our token (it is ours only if nobody else saw it: after our own creation). */
	tokenSeen: boolean;
	/** The call failed: the lost race to create the row, or a store failure. */
	error?: unknown;
}

async function attempt(ctx: IExecuteFunctions, token: string): Promise<Attempt> {
	try {
		const result = await ctx.helpers.checkProcessedAndRecord([HELD, token], LOCK_SCOPE, LOCK_OPTIONS);
		return { created: result.new.includes(HELD), tokenSeen: result.processed.includes(token) };
	} catch (error) {
		return { created: false, tokenSeen: false, error: error ?? 'unknown error' };
	}
}

function pause(base: number): number {
	return Math.round(base * (0.5 + lockClock.random()));
}

function gaveUp(ctx: IExecuteFunctions, waited: number, lastError: unknown): NodeOperationError {
	const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	return new NodeOperationError(ctx.getNode(), `Pass Each Once waited ${Math.round(waited / 1000)} s for its turn and did not get it`, {
		itemIndex: 0,
		description: `Executions of this workflow take turns to read and write the history of this node; a turn takes milliseconds. Another execution held the turn all this time, or n8n's database did not answer${detail}. Nothing was let through or recorded: retry the execution. If it happens again, look at the database and n8n's log.`,
	});
}

/** A lost race to create the row (SQLite, PostgreSQL, MySQL wording): contention, not a failure. */
function isLostRace(error: unknown): boolean {
	return /unique|duplicate/i.test(error instanceof Error ? error.message : String(error));
}

/** Waits for this node's lock; the caller must `releaseLock` in a `finally`. */
export async function takeLock(ctx: IExecuteFunctions): Promise<HeldLock> {
	// Each probe appends the token to the row it finds. A probe that sees the token again has met
	// the same row as before: the same holder. One that does not has met a new row: the lock changed
	// hands, so it is alive. Only a row met again and again for `staleAfterMs` is taken for stale.
	// Right after this execution created the row, a seen token proves the row is the one it created
	// (every row it appended the token to before was deleted, or it could not have created one).
	const token = randomBytes(12).toString('hex');
	const started = lockClock.now();
	let sameRowSince = started;
	let base = LOCK_TIMING.firstPauseMs;
	let errors = 0;
	let lastError: unknown;
	let removedStale = false;
	let justRemoved = false;
	let removeAt: number | undefined;
	for (;;) {
		const tried = await attempt(ctx, token);
		if (tried.error !== undefined) {
			lastError = tried.error;
			if (!isLostRace(tried.error) && ++errors >= LOCK_TIMING.errorsInARow) throw storeFailure(ctx, tried.error);
		} else {
			errors = 0;
			if (!tried.created && !tried.tokenSeen) {
				sameRowSince = lockClock.now();
				removeAt = undefined;
			}
		}
		if (tried.created) {
			if (!justRemoved) return { token, waitedMs: lockClock.now() - started, tookStale: removedStale };
			// another execution may have removed the same stale lock at the same moment: let it create
			// its row, then check whether the row there is ours
			await lockClock.sleep(LOCK_TIMING.settleMs);
			const check = await attempt(ctx, token);
			if (check.error !== undefined && !isLostRace(check.error)) throw storeFailure(ctx, check.error);
			if (check.created || check.tokenSeen) return { token, waitedMs: lockClock.now() - started, tookStale: true };
			sameRowSince = lockClock.now();
		}
		justRemoved = false;
		const now = lockClock.now();
		if (now - started >= LOCK_TIMING.giveUpMs) throw gaveUp(ctx, now - started, lastError);
		if (!removedStale && now - sameRowSince >= LOCK_TIMING.staleAfterMs) removeAt ??= now + lockClock.random() * LOCK_TIMING.removalSpreadMs;
		// removed right after an attempt that met the same row again
		if (!removedStale && removeAt !== undefined && now >= removeAt && tried.tokenSeen) {
			removedStale = true;
			justRemoved = true;
			ctx.logger.warn(
				`Pass Each Once: the lock of node "${ctx.getNode().name}" was held for over ${LOCK_TIMING.staleAfterMs / 1000} s by one execution, probably one that stopped; removing it`,
			);
			try {
				await ctx.helpers.clearAllProcessedItems(LOCK_SCOPE, LOCK_OPTIONS);
			} catch (error) {
				throw storeFailure(ctx, error);
			}
			continue;
		}
		await lockClock.sleep(pause(base));
		base = Math.min(base * 2, LOCK_TIMING.maxPauseMs);
	}
}

/** Gives the turn to the next execution. A failure is logged, not thrown: the work is done. */
export async function releaseLock(ctx: IExecuteFunctions): Promise<void> {
	try {
		await ctx.helpers.clearAllProcessedItems(LOCK_SCOPE, LOCK_OPTIONS);
	} catch (error) {
		ctx.logger.warn(
			`Pass Each Once: could not release the lock of node "${ctx.getNode().name}" (${error instanceof Error ? error.message : String(error)}); the next execution takes it over after ${LOCK_TIMING.staleAfterMs / 1000} s`,
		);
	}
}

/** A store error as the node's error. */
export function storeFailure(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	const message = error instanceof Error ? error.message : String(error);
	// the database's words go in the description: n8n replaces a message naming ECONNREFUSED & co.
	return new NodeOperationError(ctx.getNode(), "n8n's deduplication store failed", {
		itemIndex: 0,
		description: `It said: ${message.slice(0, 500)}. Pass Each Once keeps its history in n8n's database. Nothing was let through or recorded: retry the execution when the database answers again.`,
	});
}
