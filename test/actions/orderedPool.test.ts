import { sleep } from 'n8n-workflow';

import { runInOrder } from '../../nodes/Moment/actions/orderedPool';

describe('runInOrder', () => {
	it('returns results in index order, with at most `concurrency` tasks running', async () => {
		let running = 0;
		let most = 0;
		const results = await runInOrder(9, 3, async (index) => {
			running++;
			most = Math.max(most, running);
			await sleep((9 - index) * 3);
			running--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
		expect(most).toBe(3);
	});

	it('handles no tasks, and a concurrency above the count', async () => {
		await expect(runInOrder(0, 5, async () => 1)).resolves.toEqual([]);
		await expect(runInOrder(2, 50, async (i) => i)).resolves.toEqual([0, 1]);
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

	it('after a failure starts nothing new, lets running tasks finish, and throws the lowest failure', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const failure = await runInOrder(10, 3, async (index) => {
			started.push(index);
			await sleep(index === 2 ? 1 : 20);
			if (index === 1 || index === 2) throw new Error(`item ${index}`);
			finished.push(index);
		}).catch((error: Error) => error);
		expect((failure as Error).message).toBe('item 1');
		expect(started).toEqual([0, 1, 2]);
		expect(finished).toEqual([0]);
	});
});
