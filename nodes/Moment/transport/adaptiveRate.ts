/**
 * transport/: the request rate learned from Moment's answers (map: docs/development.md).
 * How fast one n8n process lets itself send requests with one API key: learned from Moment's
 * answers, because the other processes using the key (queue-mode workers, webhook processes,
 * another n8n) cannot be seen or asked.
 *
 * Additive increase, multiplicative decrease (AIMD), the scheme that lets TCP connections share a
 * link fairly without talking to each other:
 * - it starts at the ceiling (28/s, the most one process may send);
 * - a 429 for a request sent at the current rate slows it down to `slowDownFactor` of the rate, or
 *   to the number of this process's own requests Moment accepted in the last window when that is
 *   lower (up to 4 processes starting at once learn their share in one step), but never below a
 *   quarter of the rate. 429s for requests sent before that slow-down are expected and ignored:
 *   they were sent at the old rate;
 * - a process that holds more than half the key while others use a fair part of it slows down to
 *   half the ceiling at once (`YIELD_ABOVE`): the worker that picked the first executions no longer
 *   keeps its head start for the whole run;
 * - each accepted answer speeds it up again by `recoveryPerSecond` per second of sending, at half
 *   the ceiling: faster below that (up to 3 times), slower above (down to half), so that shares
 *   even out and a small share is won back soon;
 * - after a while of sending without a 429 the recovery doubles every `doublingMs`: a process left
 *   alone with the key (the others finished) is back at the ceiling within seconds, while
 *   processes that share the key probe slowly and meet few 429s. That while is `steadyAfterMs` for
 *   a process that slowed down to half the ceiling at its last 429, longer for a lower rate (up to
 *   3 times: with more processes on the key, each one meets a 429 less often), shorter for a higher
 *   one (down to half).
 * A process with a larger share meets more of the 429s and slows down by more, so the processes
 * converge to equal shares of Moment's 30/s. The rate never drops below `minRate`. A key unused
 * for `forgetAfterMs` starts again at the ceiling.
 */

export interface AdaptivePacing {
	/** Requests per second the rate never goes below. */
	minRate: number;
	/** The rate after a 429 is at most this share of the rate before it. */
	slowDownFactor: number;
	/** Requests per second added per second of sending at half the ceiling (before the speed-up). */
	recoveryPerSecond: number;
	/** Sending this long without a 429, at half the ceiling, makes the recovery speed up... */
	steadyAfterMs: number;
	/** ...doubling every this many milliseconds. */
	doublingMs: number;
	/** Idle time after which the learned rate is forgotten. */
	forgetAfterMs: number;
}

export const MOMENT_ADAPTIVE_PACING: AdaptivePacing = {
	minRate: 1,
	slowDownFactor: 0.8,
	recoveryPerSecond: 0.2,
	steadyAfterMs: 3000,
	doublingMs: 500,
	forgetAfterMs: 30000,
};

/** Accepted answers further apart than this count as an idle gap, not as time spent sending. */
const MAX_SENDING_GAP_MS = 1000;

/** One 429 never slows down to less than this share of the rate (a stray 429 costs little). */
const MAX_SLOW_DOWN = 0.25;

/**
 * A 429 while Moment accepted more than half the ceiling of this process's requests in the window
 * (`YIELD_ABOVE`), and others took about a quarter of the key or more (at most `YIELD_UP_TO` of the
 * ceiling was this process's): whatever the number of processes, this one holds more than its fair
 * share, so it yields down to half the ceiling at once instead of by a fifth. Otherwise the process
 * that started first keeps its larger share for the whole run and finishes early, leaving the
 * others behind at their small shares. A process alone with the key (about the ceiling accepted)
 * slows down as usual.
 */
const YIELD_ABOVE = 0.5;
const YIELD_UP_TO = 0.8;

/** A scale factor kept between half and three times. */
function bounded(scale: number): number {
	return Math.min(3, Math.max(0.5, scale));
}

export class AdaptiveRate {
	private current: number;
	/** When the rate was last lowered; requests started before it were sent at the old rate. */
	private slowedAt = Number.NEGATIVE_INFINITY;
	/** Milliseconds of sending since the last slow-down, and after how many the recovery speeds up. */
	private sendingMs = 0;
	private steadyAfterMs: number;
	private lastAnswerAt = Number.NEGATIVE_INFINITY;
	private lastActivityAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly ceiling: number,
		private readonly pacing: AdaptivePacing = MOMENT_ADAPTIVE_PACING,
	) {
		this.current = ceiling;
		this.steadyAfterMs = pacing.steadyAfterMs;
	}

	/** Requests per second allowed now. */
	rate(now: number): number {
		if (now - this.lastActivityAt > this.pacing.forgetAfterMs) this.forget();
		return this.current;
	}

	/** Moment accepted a request (any answer but 429). */
	accepted(now: number): void {
		this.rate(now);
		const gap = Math.min(Math.max(0, now - this.lastAnswerAt), MAX_SENDING_GAP_MS);
		this.lastAnswerAt = now;
		this.lastActivityAt = now;
		if (this.current >= this.ceiling) return;
		const { recoveryPerSecond, doublingMs } = this.pacing;
		this.sendingMs += gap;
		const steady = this.sendingMs - this.steadyAfterMs;
		const speedUp = steady > 0 ? 2 ** Math.min(steady / doublingMs, 30) : 1;
		const perSecond = recoveryPerSecond * bounded(this.ceiling / 2 / this.current) * speedUp;
		this.current = Math.min(this.ceiling, this.current + (perSecond * gap) / 1000);
	}

	/**
	 * Moment refused a request started at `startedAt` with 429. `acceptedInWindow`: how many of this
	 * process's requests with the key Moment accepted in the last window. Returns whether the rate
	 * was lowered.
	 */
	refused(now: number, startedAt: number, acceptedInWindow: number): boolean {
		this.rate(now);
		this.lastActivityAt = now;
		this.lastAnswerAt = now;
		if (startedAt < this.slowedAt) return false;
		let slower = Math.min(this.current * this.pacing.slowDownFactor, acceptedInWindow);
		if (acceptedInWindow > this.ceiling * YIELD_ABOVE && acceptedInWindow <= this.ceiling * YIELD_UP_TO) {
			slower = Math.min(slower, this.ceiling * YIELD_ABOVE);
		}
		this.current = Math.max(this.pacing.minRate, this.current * MAX_SLOW_DOWN, slower);
		this.slowedAt = now;
		this.sendingMs = 0;
		this.steadyAfterMs = this.pacing.steadyAfterMs * bounded(this.ceiling / 2 / this.current);
		return true;
	}

	private forget(): void {
		this.current = this.ceiling;
		this.slowedAt = Number.NEGATIVE_INFINITY;
		this.sendingMs = 0;
		this.steadyAfterMs = this.pacing.steadyAfterMs;
	}
}
