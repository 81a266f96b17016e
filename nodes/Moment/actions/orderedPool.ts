/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` running at a time, and returns
 * the results in index order whatever order they finish in.
 *
 * Indexes are started in order. When a task fails, no further index is started, the running ones
 * are allowed to finish, and the failure with the lowest index is thrown: every index below it
 * has run, none above the last started one has.
 */
export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;

	async function worker(): Promise<void> {
		while (failures.size === 0 && next < count) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (failure) {
				failures.set(index, failure);
			}
		}
	}

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failures.size > 0) {
		const lowest = Math.min(...failures.keys());
		throw failures.get(lowest);
	}
	return results;
}
