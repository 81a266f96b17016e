/**
 * Event > Pass Each Once against n8n's deduplication store (ported from n8n's source,
 * ../helpers/deduplicationStore.ts): each new key passes once, repeats are held back, the history
 * is a rolling window that never fills, outputs and errors follow n8n's rules. Executions that
 * overlap: nodeLock.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { REMEMBER_MAX } from '../../nodes/Moment/resources/event/passEachOnce';
import { DeduplicationStore, keyHash, ProcessedDataTable } from '../helpers/deduplicationStore';
import { jsonOf, NODE_ID, runPassEachOnce, WORKFLOW_ID } from './run';

const N = 50;
const keyed = (i: number): IDataObject => ({ event: 'changed', resource: 'invoice', id: i, changeKey: `invoice:${i}:version=1` });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const ids = (items: IDataObject[]) => items.map((item) => item.id);
const newStore = () => new DeduplicationStore(new ProcessedDataTable());
const history = (store: DeduplicationStore) => store.table.row(WORKFLOW_ID, '')?.value.data as string[] | undefined;

async function failure(promise: Promise<unknown>): Promise<NodeOperationError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a failure');
}

describe('Pass Each Once: each new key once, repeats held back', () => {
	it(`3 × N distinct keys (N = ${N}) all pass, in batches of any size, without one failure; the history keeps the last N`, async () => {
		const store = newStore();
		const passed: unknown[] = [];
		let next = 0;
		for (const size of [1, 7, 50, 1, 23, 68]) {
			const { outputs } = await runPassEachOnce({ store, items: range(next, size).map(keyed), parameters: { rememberLast: N } });
			passed.push(...ids(jsonOf(outputs)[0]));
			expect(outputs[1]).toEqual([]);
			next += size;
		}
		expect(next).toBe(3 * N);
		expect(passed).toEqual(range(0, 3 * N));
		// a rolling window: the oldest were dropped, the last N kept, oldest first
		expect(history(store)).toEqual(range(2 * N, N).map((i) => keyHash(`invoice:${i}:version=1`)));
	});

	it('then every repeat of the last N keys is held back, and keys older than the window pass again', async () => {
		const store = newStore();
		for (let i = 0; i < 3 * N; i += 10) await runPassEachOnce({ store, items: range(i, 10).map(keyed), parameters: { rememberLast: N } });
		const recent = await runPassEachOnce({ store, items: range(2 * N, N).map(keyed), parameters: { rememberLast: N } });
		expect(jsonOf(recent.outputs).map(ids)).toEqual([[], range(2 * N, N)]);
		// forgotten (the documented limit of a window of N): they pass once more
		const old = await runPassEachOnce({ store, items: [keyed(0), keyed(1)], parameters: { rememberLast: N } });
		expect(jsonOf(old.outputs).map(ids)).toEqual([[0, 1], []]);
	});

	it('a key repeated within one input passes with its first item; the others go to Repeats; it is recorded once', async () => {
		const store = newStore();
		const items = [keyed(1), { ...keyed(2), note: 'a' }, keyed(3), { ...keyed(2), note: 'b' }, keyed(1)];
		const { outputs } = await runPassEachOnce({ store, items });
		expect(jsonOf(outputs)).toEqual([[items[0], items[1], items[2]], [items[3], items[4]]]);
		expect(outputs.map((output) => output.map((item) => item.pairedItem))).toEqual([[{ item: 0 }, { item: 1 }, { item: 2 }], [{ item: 3 }, { item: 4 }]]);
		expect(history(store)).toHaveLength(3);
	});

	it('keeps the input order in both outputs and passes the items unchanged (binary data too)', async () => {
		const store = newStore();
		await runPassEachOnce({ store, items: [keyed(2), keyed(4)] });
		const items = range(1, 5).map((i) => ({ json: keyed(i), binary: { file: { data: 'ZGF0YQ==', mimeType: 'text/plain' } } }));
		const { outputs } = await runPassEachOnce({ store, items });
		expect(outputs[0].map((item) => item.json.id)).toEqual([1, 3, 5]);
		expect(outputs[1].map((item) => item.json.id)).toEqual([2, 4]);
		expect(outputs[0][0]).toEqual({ ...items[0], pairedItem: { item: 0 } });
	});

	it('Repeats: Drop gives one output and says how many were dropped', async () => {
		const store = newStore();
		await runPassEachOnce({ store, items: [keyed(1)], parameters: { repeats: 'drop' } });
		const { outputs, hints } = await runPassEachOnce({ store, items: [keyed(1), keyed(2), keyed(1)], parameters: { repeats: 'drop' } });
		expect(jsonOf(outputs)).toEqual([[keyed(2)]]);
		expect(hints).toEqual([{ message: '2 repeat(s) held back and dropped.', location: 'outputPane' }]);
	});

	it('an empty input reads nothing from the store', async () => {
		const store = newStore();
		expect((await runPassEachOnce({ store, items: [] })).outputs).toEqual([[], []]);
		expect(store.table.statements).toEqual([]);
	});

	it('costs one read and one write of the history per execution, plus four small statements for the turn', async () => {
		const store = newStore();
		await runPassEachOnce({ store, items: range(0, N).map(keyed), parameters: { rememberLast: N } });
		store.table.statements.length = 0;
		await runPassEachOnce({ store, items: [keyed(N)], parameters: { rememberLast: N } });
		expect(store.table.statements.map(({ kind, context }) => `${kind} ${context || 'history'}`)).toEqual([
			`select n:${NODE_ID}`,
			`select n:${NODE_ID}`,
			`insert n:${NODE_ID}`,
			'select history',
			'update history',
			`delete n:${NODE_ID}`,
		]);
		// the whole history is read and written: about 27 bytes per remembered key
		const [read, written] = store.table.statements.filter((s) => s.context === '').map((s) => s.bytes);
		expect(read).toBeGreaterThan(25 * N);
		expect(written).toBe(read);
	});
});

describe('a test run in the editor only looks', () => {
	it('manual mode: new keys pass but are not recorded, so the published workflow still passes them once', async () => {
		const store = newStore();
		await runPassEachOnce({ store, items: range(0, N).map(keyed), parameters: { rememberLast: N } });
		const before = history(store);
		const test = await runPassEachOnce({ store, items: [keyed(N), keyed(3)], parameters: { rememberLast: N }, mode: 'manual' });
		expect(jsonOf(test.outputs).map(ids)).toEqual([[N], [3]]);
		expect(test.hints).toEqual([{ message: 'Test run: checked against the history, not added to it.', location: 'outputPane' }]);
		// unchanged, also not trimmed although the history was full
		expect(history(store)).toEqual(before);
		const published = await runPassEachOnce({ store, items: [keyed(N)], parameters: { rememberLast: N }, mode: 'webhook' });
		expect(jsonOf(published.outputs).map(ids)).toEqual([[N], []]);
	});
});

describe('errors', () => {
	it('Continue On Fail: an item without a key becomes an error item on the first output, the others are filtered', async () => {
		const store = newStore();
		await runPassEachOnce({ store, items: [keyed(1)] });
		const { outputs } = await runPassEachOnce({ store, items: [keyed(1), { id: 9 }, keyed(2)], continueOnFail: true });
		expect(jsonOf(outputs)).toEqual([[{ error: 'The item has neither a changeKey nor a deliveryKey', message: expect.stringContaining('Key Automatic reads') }, keyed(2)], [keyed(1)]]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
	});

	it("a failure of n8n's store fails the node before anything passes; with Continue On Fail every item carries it", async () => {
		const table = new ProcessedDataTable();
		const store = new DeduplicationStore(table);
		table.findOne = async () => {
			throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
		};
		const error = await failure(runPassEachOnce({ store, items: [keyed(1)] }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("n8n's deduplication store failed");
		expect(error.description).toMatch(/^It said: connect ECONNREFUSED 127.0.0.1:5432\. .*Nothing was let through or recorded/);
		const { outputs } = await runPassEachOnce({ store, items: [keyed(1), keyed(2)], continueOnFail: true });
		expect(jsonOf(outputs)).toEqual([[{ error: "n8n's deduplication store failed", message: expect.stringContaining('ECONNREFUSED') }, { error: expect.any(String), message: expect.any(String) }], []]);
	});

	it.each([
		[0, 'Remember the Last must be a whole number of at least 1; got 0'],
		[1.5, 'Remember the Last must be a whole number of at least 1; got 1.5'],
		[REMEMBER_MAX + 1, `Remember the Last is ${REMEMBER_MAX + 1}; it can be at most 100,000`],
	])('Remember the Last %p is refused before the store is touched', async (rememberLast, message) => {
		const store = newStore();
		const error = await failure(runPassEachOnce({ store, items: [keyed(1)], parameters: { rememberLast } }));
		expect(error.message).toBe(message);
		expect(store.table.statements).toEqual([]);
	});

	it('an unsaved workflow is asked to be saved', async () => {
		const error = await failure(runPassEachOnce({ store: newStore(), items: [keyed(1)], workflowId: '' }));
		expect(error.message).toBe('Save the workflow first: the history is kept per saved workflow');
	});
});

describe('a workflow that used Remove Duplicates with Scope: Workflow', () => {
	it('Value Is New: its history carries over (the same row, the same hashes of the same keys)', async () => {
		const store = newStore();
		// what Remove Duplicates (Value to Dedupe On {{ $json.changeKey }}, Scope Workflow) left
		store.table.put({ workflowId: WORKFLOW_ID, context: '', value: { mode: 'entries', data: [keyHash('invoice:1:version=1'), keyHash('invoice:2:version=1')] } });
		const { outputs } = await runPassEachOnce({ store, items: [keyed(1), keyed(2), keyed(3)] });
		expect(jsonOf(outputs).map(ids)).toEqual([[3], [1, 2]]);
	});

	it('another Keep Items Where: a clear error that says how to clear it', async () => {
		const store = newStore();
		store.table.put({ workflowId: WORKFLOW_ID, context: '', value: { mode: 'latestIncrementalKey', data: 42 } });
		const error = await failure(runPassEachOnce({ store, items: [keyed(1)] }));
		expect(error.message).toBe("This workflow's deduplication history was started by a Remove Duplicates node with another Keep Items Where setting");
		expect(error.description).toContain('Clear Deduplication History');
		// the turn was given back
		expect(store.table.row(WORKFLOW_ID, `n:${NODE_ID}`)).toBeUndefined();
	});
});
