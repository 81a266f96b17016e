/**
 * Client-side pacing so that one n8n process stays under Moment's limit of 30 requests/s per API
 * key, however many items, pages or parallel executions use the key.
 *
 * Two rules per key:
 * - a sliding-window log: a request may start only when fewer than `requestsPerWindow` requests
 *   started in the last `windowMs`, so any fixed or sliding one-second window on Moment's side sees
 *   at most that many requests from this process;
 * - even spacing: starts are at least `windowMs / requestsPerWindow` apart, so a burst granted at
 *   once cannot reach Moment bunched up after n8n's own per-request work (credential decryption,
 *   expression isolate) delayed some of them and not others.
 * 28 (not 30) leaves room for network jitter; a 429 that still happens is retried by request.ts.
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

/** The earliest time a request for this key may start, given the starts in the window. */
function earliestStart(starts: number[], limit: RateLimit): number {
	if (starts.length === 0) return Number.NEGATIVE_INFINITY;
	const spaced = starts[starts.length - 1] + limit.windowMs / limit.requestsPerWindow;
	// The oldest start leaves the window first.
	const windowed = starts.length >= limit.requestsPerWindow ? starts[0] + limit.windowMs : Number.NEGATIVE_INFINITY;
	return Math.max(spaced, windowed);
}

/** Resolves when a request for `key` may start, records that start and returns its time. */
export async function waitForRequestSlot(
	key: string,
	limit: RateLimit = MOMENT_RATE_LIMIT,
	clock: Clock = REAL_CLOCK,
): Promise<number> {
	for (;;) {
		const now = clock.now();
		const starts = (recentStarts.get(key) ?? []).filter((start) => now - start < limit.windowMs);
		recentStarts.set(key, starts);
		const earliest = earliestStart(starts, limit);
		if (now >= earliest) {
			starts.push(now);
			return now;
		}
		await clock.sleep(Math.ceil(earliest - now));
	}
}

/** Forgets all recorded starts (tests). */
export function resetRateLimits(): void {
	recentStarts.clear();
}
