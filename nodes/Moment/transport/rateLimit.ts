/**
 * Client-side pacing so that one n8n process stays under Moment's limit of 30 requests/s per API
 * key, however many items, pages or parallel executions use the key.
 *
 * A sliding-window log per key: a request may start only when fewer than `requestsPerWindow`
 * requests started in the last `windowMs`. Any fixed or sliding one-second window on Moment's
 * side then sees at most that many requests from this process. 28 (not 30) leaves room for
 * network jitter; a 429 that still happens is retried by the request loop.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	requestsPerWindow: number;
	windowMs: number;
}

export const MOMENT_RATE_LIMIT: RateLimit = { requestsPerWindow: 28, windowMs: 1000 };

/** Time source; tests pass a virtual clock. */
export interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

const REAL_CLOCK: Clock = { now: () => Date.now(), sleep };

/** Start times of recent requests, per key (a hash of base URL + API key, never the key itself). */
const recentStarts = new Map<string, number[]>();

/** Resolves when a request for `key` may start, records that start and returns its time. */
export async function waitForRequestSlot(
	key: string,
	limit: RateLimit = MOMENT_RATE_LIMIT,
	clock: Clock = REAL_CLOCK,
): Promise<number> {
	for (;;) {
		const now = clock.now();
		const starts = (recentStarts.get(key) ?? []).filter((start) => now - start < limit.windowMs);
		if (starts.length < limit.requestsPerWindow) {
			starts.push(now);
			recentStarts.set(key, starts);
			return now;
		}
		recentStarts.set(key, starts);
		// The oldest start leaves the window first; wake up just after it does.
		await clock.sleep(starts[0] + limit.windowMs - now + 1);
	}
}

/** Forgets all recorded starts (tests). */
export function resetRateLimits(): void {
	recentStarts.clear();
}
