import { sleep } from 'n8n-workflow';

import { runInOrder } from '../../nodes/Moment/actions/orderedPool';

/** A promise the test resolves or rejects when it chooses. */
function gate<T = void>() {
	let open!: (value: T) => void;
	let fail!: (error: Error) => void;
	const promise = new Promise<T>((resolve, reject) => {
		open = resolve;
		fail = reject;
	});
	return { promise, open, fail };
}

describe('runInOrder', () => {
	it('returns results in index order, with at most `concurrency` tasks running', async () => {
		let running = 0;
		let most = 0;
		const outcomes = await runInOrder(9, 3, async (index) => {
			running++;
			most = Math.max(most, running);
			await sleep((9 - index) * 3);
			running--;
			return index * 10;
		});
		expect(outcomes).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80].map((value) => ({ status: 'done', value })));
		expect(most).toBe(3);
	});

	it('handles no tasks, and a concurrency above the count', async () => {
		await expect(runInOrder(0, 5, async () => 1)).resolves.toEqual([]);
		await expect(runInOrder(2, 50, async (i) => i)).resolves.toEqual([
			{ status: 'done', value: 0 },
			{ status: 'done', value: 1 },
		]);
	});

	it('runs one at a time with concurrency 1, strictly in order', async () => {
		const order: string[] = [];
		await runInOrder(3, 1, async (index) => {
			order.push(`start ${index}`);
			await sleep(2);
			order.push(`end ${index}`);
		});
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	it('after a failure starts nothing new and lets the running tasks finish; reports every outcome', async () => {
		const gates = Array.from({ length: 10 }, () => gate<number>());
		const started: number[] = [];
		const run = runInOrder(10, 3, async (index) => {
			started.push(index);
			return await gates[index].promise;
		});
		gates[1].fail(new Error('item 1'));
		await sleep(1);
		// 1 failed: 0 and 2 are running and may finish; 3 and later never start
		gates[2].fail(new Error('item 2'));
		gates[0].open(0);
		const outcomes = await run;
		expect(started).toEqual([0, 1, 2]);
		expect(outcomes.slice(0, 4)).toEqual([
			{ status: 'done', value: 0 },
			{ status: 'failed', error: new Error('item 1') },
			{ status: 'failed', error: new Error('item 2') },
			{ status: 'not started' },
		]);
		expect(outcomes.filter((outcome) => outcome.status === 'not started')).toHaveLength(7);
	});
});
