/**
 * Executions of one workflow that run at the same moment (n8n's main process runs several at once,
 * queue-mode workers run them side by side) against n8n's deduplication store, ported from n8n's
 * source with a database latency on every statement (../helpers/deduplicationStore.ts), in
 * virtual time. n8n's store alone lets a key pass twice and loses keys; Pass Each Once takes turns
 * (nodeLock.ts) and passes each key exactly once. A lock left by an execution that stopped is
 * taken over after 30 s; every wait is bounded.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { HELD, LOCK_TIMING, lockClock } from '../../nodes/Moment/resources/event/nodeLock';
import { DeduplicationStore, keyHash, ProcessedDataTable } from '../helpers/deduplicationStore';
import type { VirtualClock } from '../helpers/virtualClock';
import { seededRandom, virtualClock } from '../helpers/virtualClock';
import type { PassEachOnceResult } from './run';
import { jsonOf, NODE_ID, runPassEachOnce, WORKFLOW_ID } from './run';

const keyed = (i: number): IDataObject => ({ event: 'new', resource: 'invoice', id: i, changeKey: `invoice:${i}:version=0` });
const LOCK_CONTEXT = `n:${NODE_ID}`;

let vc: VirtualClock;
const realClock = { ...lockClock };

beforeEach(() => {
	vc = virtualClock();
	lockClock.now = vc.now;
	lockClock.sleep = vc.clock.sleep;
	lockClock.random = seededRandom(99);
});

afterAll(() => {
	Object.assign(lockClock, realClock);
});

/** Runs `tasks` to their end, moving virtual time on whenever every one of them waits. */
async function inVirtualTime<T>(tasks: Array<Promise<T>>): Promise<Array<PromiseSettledResult<T>>> {
	let done = false;
	const all = Promise.allSettled(tasks).then((results) => {
		done = true;
		return results;
	});
	for (let step = 0; !done; step++) {
		if (step > 1_000_000) throw new Error('the tasks did not finish');
		// every pending continuation runs before time moves on (a store call or a turn of the lock
		// takes a few dozen continuations between two waits)
		for (let i = 0; i < 500; i++) await Promise.resolve();
		if (!done) await vc.runUntilIdle({ maxSteps: 1 });
	}
	return await all;
}

function values<T>(results: Array<PromiseSettledResult<T>>): T[] {
	return results.map((result) => {
		if (result.status === 'rejected') throw result.reason;
		return result.value;
	});
}

/** `executions` batches of keys drawn from `keys` distinct ones, overlapping each other (seeded). */
function overlappingBatches(seed: number, executions: number, keys: number): number[][] {
	const random = seededRandom(seed);
	return Array.from({ length: executions }, () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * keys)));
}

/** History reads and writes (context '') must alternate: two executions never interleave there. */
function historyTurnsInterleave(table: ProcessedDataTable): boolean {
	const kinds = table.statements.filter((s) => s.context === '').map((s) => (s.kind === 'select' ? 'r' : 'w'));
	return /rr|ww/.test(kinds.join(''));
}

describe("n8n's store alone, with executions at the same moment", () => {
	const call = (store: DeduplicationStore, batch: string[]) =>
		store.helpersFor({ workflowId: WORKFLOW_ID, nodeId: NODE_ID }).checkProcessedAndRecord(batch, 'workflow', { mode: 'entries', maxEntries: 1000 });

	it('lets a key pass twice and loses recorded keys (read-modify-write without a lock)', async () => {
		let doublePasses = 0;
		let lost = 0;
		for (let seed = 1; seed <= 5; seed++) {
			const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, seed));
			store.table.put({ workflowId: WORKFLOW_ID, context: '', value: { mode: 'entries', data: [keyHash('an earlier key')] } });
			const batches = overlappingBatches(seed, 12, 20).map((batch) => [...new Set(batch)].map((i) => `k${i}`));
			const results = values(await inVirtualTime(batches.map(async (batch) => await call(store, batch))));
			const passes = results.flatMap((result) => result.new);
			doublePasses += passes.length - new Set(passes).size;
			const recorded = new Set(store.table.row(WORKFLOW_ID, '')?.value.data as string[]);
			lost += [...new Set(passes)].filter((key) => !recorded.has(keyHash(key))).length;
		}
		expect(doublePasses).toBeGreaterThan(0);
		expect(lost).toBeGreaterThan(0);
	});

	it("fails one of two first executions of a workflow: both create the history's row", async () => {
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, 2));
		const outcomes = await inVirtualTime([call(store, ['a']), call(store, ['b'])]);
		expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(String((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason)).toContain('UNIQUE constraint failed');
	});
});

describe('Pass Each Once with executions at the same moment', () => {
	it.each([1, 2, 3, 4, 5, 6])('passes every key exactly once and records every one (seed %i, 12 executions, 20 keys)', async (seed) => {
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, seed));
		const batches = overlappingBatches(seed, 12, 20);
		const results = values(await inVirtualTime(batches.map(async (batch) => await runPassEachOnce({ store, items: batch.map(keyed) }))));
		const passed = results.flatMap((result) => jsonOf(result.outputs)[0].map((json) => json.id));
		const offered = [...new Set(batches.flat())];
		expect([...passed].sort((a, b) => Number(a) - Number(b))).toEqual([...offered].sort((a, b) => a - b));
		// every item went out once: to New or to Repeats
		expect(results.reduce((sum, result) => sum + result.outputs[0].length + result.outputs[1].length, 0)).toBe(batches.flat().length);
		expect(new Set(store.table.row(WORKFLOW_ID, '')?.value.data as string[])).toEqual(new Set(offered.map((i) => keyHash(`invoice:${i}:version=0`))));
		expect(historyTurnsInterleave(store.table)).toBe(false);
		expect(store.table.row(WORKFLOW_ID, LOCK_CONTEXT)).toBeUndefined();
		// turns take milliseconds: nobody took a lock for stale
		expect(results.flatMap((result) => result.warnings)).toEqual([]);
		expect(vc.now()).toBeLessThan(LOCK_TIMING.staleAfterMs);
	});
	it('a queue of turns longer than 30 s is not taken for a stale lock (200 executions at once on a slow database)', async () => {
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, 21, [20, 80]));
		const batches = overlappingBatches(21, 200, 300);
		const results = values(await inVirtualTime(batches.map(async (batch) => await runPassEachOnce({ store, items: batch.map(keyed) }))));
		// the last turns came well after 30 s of waiting
		expect(vc.now()).toBeGreaterThan(LOCK_TIMING.staleAfterMs);
		expect(results.flatMap((result) => result.warnings)).toEqual([]);
		const passed = results.flatMap((result) => jsonOf(result.outputs)[0].map((json) => json.id));
		expect(passed.length).toBe(new Set(passed).size);
		expect(new Set(passed)).toEqual(new Set(batches.flat()));
		expect(historyTurnsInterleave(store.table)).toBe(false);
	});
});

describe('a lock left behind by an execution that stopped', () => {
	const leftBehind = (store: DeduplicationStore) =>
		store.table.put({ workflowId: WORKFLOW_ID, context: LOCK_CONTEXT, value: { mode: 'entries', data: [keyHash(HELD), keyHash('token-of-a-killed-worker')] } });

	it('is taken over after 30 s: the execution waits, says so in the log, and its items pass once', async () => {
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, 7));
		leftBehind(store);
		const [result] = values(await inVirtualTime([runPassEachOnce({ store, items: [keyed(1), keyed(2)] })]));
		expect(jsonOf(result.outputs).map((output) => output.map((json) => json.id))).toEqual([[1, 2], []]);
		expect(result.warnings).toEqual(['Pass Each Once: "Once per Event" removes a turn held over 30 s']);
		expect(vc.now()).toBeGreaterThanOrEqual(LOCK_TIMING.staleAfterMs + LOCK_TIMING.settleMs);
		expect(vc.now()).toBeLessThan(LOCK_TIMING.staleAfterMs + LOCK_TIMING.removalSpreadMs + LOCK_TIMING.settleMs + 1000);
		expect(store.table.row(WORKFLOW_ID, LOCK_CONTEXT)).toBeUndefined();
	});

	it.each([11, 12, 13])('executions that all waited on it (seed %i) still pass each key once and never overlap, also on a slow database', async (seed) => {
		// 20-80 ms per statement: each turn is long enough for others to remove the lock under it
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, seed, [20, 80]));
		leftBehind(store);
		const random = seededRandom(seed);
		const batches = overlappingBatches(seed, 12, 10);
		// they arrive within 300 ms: their 30 s run out at about the same moment
		const starts = batches.map(() => random() * 300);
		const results = values(
			await inVirtualTime(
				batches.map(async (batch, i) => {
					await vc.clock.sleep(starts[i]);
					return await runPassEachOnce({ store, items: batch.map(keyed) });
				}),
			),
		);
		const passed = results.flatMap((result) => jsonOf(result.outputs)[0].map((json) => json.id));
		expect(passed.length).toBe(new Set(passed).size);
		expect(new Set(passed)).toEqual(new Set(batches.flat()));
		expect(historyTurnsInterleave(store.table)).toBe(false);
	});

	it('two that remove it at the same moment (no random spread) do not both take the turn: the one whose row is gone backs off', async () => {
		const spread = LOCK_TIMING.removalSpreadMs;
		LOCK_TIMING.removalSpreadMs = 0;
		try {
			for (const seed of [31, 32, 33]) {
				// deletes slower than the rest: one remover's DELETE lands after another removed and took the turn
				const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, seed, [5, 20], [50, 400]));
				leftBehind(store);
				const batches = overlappingBatches(seed, 6, 8);
				const results = values(await inVirtualTime(batches.map(async (batch) => await runPassEachOnce({ store, items: batch.map(keyed) }))));
				const passed = results.flatMap((result) => jsonOf(result.outputs)[0].map((json) => json.id));
				expect([seed, passed.length]).toEqual([seed, new Set(passed).size]);
				expect([seed, historyTurnsInterleave(store.table)]).toEqual([seed, false]);
				// more than one removed the row left behind
				expect(results.flatMap((result) => result.warnings).length).toBeGreaterThan(1);
			}
		} finally {
			LOCK_TIMING.removalSpreadMs = spread;
		}
	});
});

describe('every wait is bounded', () => {
	it('a lock that never comes free: after 90 s a clear error, nothing let through or recorded', async () => {
		const store = new DeduplicationStore(new ProcessedDataTable(vc.clock, 3));
		// a holder that is never done: it puts its lock back whenever the row is not its own
		let stop = false;
		const mine = keyHash('token-of-the-holder');
		const holder = (async () => {
			while (!stop) {
				const row = store.table.row(WORKFLOW_ID, LOCK_CONTEXT);
				if (!(row?.value.data as string[] | undefined)?.includes(mine)) store.table.put({ workflowId: WORKFLOW_ID, context: LOCK_CONTEXT, value: { mode: 'entries', data: [keyHash(HELD), mine] } });
				await vc.clock.sleep(50);
			}
		})();
		const [outcome] = await inVirtualTime([
			runPassEachOnce({ store, items: [keyed(1)] }).finally(() => {
				stop = true;
			}),
		]);
		await inVirtualTime([holder]);
		expect(outcome.status).toBe('rejected');
		const error = (outcome as PromiseRejectedResult).reason as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Pass Each Once waited 9\d s for its turn and did not get it$/);
		expect(error.description).toContain('Nothing was let through or recorded: retry the execution');
		expect(store.table.row(WORKFLOW_ID, '')).toBeUndefined();
	});

	it('a store that fails while the lock is taken (not a lost race to create it): the node fails with what the store said', async () => {
		const table = new ProcessedDataTable(vc.clock, 4);
		const store = new DeduplicationStore(table);
		table.findOne = async () => {
			throw new Error('SQLITE_BUSY: database is locked');
		};
		const [outcome] = await inVirtualTime([runPassEachOnce({ store, items: [keyed(1)] })]);
		const error = (outcome as PromiseRejectedResult).reason as NodeOperationError;
		expect(error.message).toBe("n8n's deduplication store failed");
		expect(error.description).toContain('It said: SQLITE_BUSY: database is locked.');
	});

	it('a lock that cannot be given back is logged; the items already passed', async () => {
		const table = new ProcessedDataTable(vc.clock, 5);
		const store = new DeduplicationStore(table);
		const realDelete = table.delete.bind(table);
		table.delete = async (where) => {
			if (where.context === LOCK_CONTEXT) throw new Error('connection lost');
			await realDelete(where);
		};
		const [result] = values<PassEachOnceResult>(await inVirtualTime([runPassEachOnce({ store, items: [keyed(1)] })]));
		expect(jsonOf(result.outputs)[0]).toEqual([keyed(1)]);
		expect(result.warnings).toEqual(['Pass Each Once: "Once per Event" could not give back its turn: Error: connection lost']);
	});
});
