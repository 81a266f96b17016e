/**
 * actions/: a few tasks at a time, outcomes in order (Parallel Requests) (map: docs/development.md).
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` running at a time, and reports
 * every index's outcome in index order, whatever order they finish in.
 *
 * Indexes are started in order. When a task fails, no further index is started and the running
 * ones are allowed to finish: every index below the first failure has run, and every index either
 * finished, failed or was never started. Nothing is thrown, so the caller can say what was done.
 */
export type Outcome<T> =
	| { status: 'done'; value: T }
	| { status: 'failed'; error: unknown }
	| { status: 'not started' };

export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<Array<Outcome<T>>> {
	const outcomes: Array<Outcome<T>> = Array.from({ length: count }, () => ({ status: 'not started' }));
	let failed = false;
	let next = 0;

	async function worker(): Promise<void> {
		while (!failed && next < count) {
			const index = next++;
			try {
				outcomes[index] = { status: 'done', value: await task(index) };
			} catch (error) {
				outcomes[index] = { status: 'failed', error };
				failed = true;
			}
		}
	}

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return outcomes;
}
