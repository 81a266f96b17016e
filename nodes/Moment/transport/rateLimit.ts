/**
 * transport/: pacing under 30 requests per second per key, Retry-After (map: docs/development.md).
 * Client-side pacing so that the n8n processes sharing one API key stay under Moment's limit of 30
 * requests/s per key, however many items, pages, parallel executions or workers use the key.
 *
 * One pacer per key and process serves every request made with the key in that process (action
 * node items, Return All pages, record pickers, the trigger's Fetch Full Record). Its rules:
 * - a sliding-window log: a request may start only when fewer than the current rate of requests
 *   started in the last `windowMs`, so any fixed or sliding one-second window on Moment's side sees
 *   at most that many requests from this process;
 * - even spacing: starts are at least `windowMs / rate` apart, so a burst granted at once cannot
 *   reach Moment bunched up after n8n's own per-request work (credential decryption, expression
 *   isolate) delayed some of them and not others;
 * - the rate is at most `requestsPerWindow` (28, not 30, leaves room for network jitter) and adapts
 *   below it to Moment's answers (adaptiveRate.ts), since other processes may use the same key;
 * - a 429 with `Retry-After` holds every request of the key until then, for at most a minute
 *   (`MAX_HOLD_MS`): one answer, from Moment or from whatever answers in its place, cannot stop
 *   every workflow that uses the key for longer; after that the requests try again and Moment
 *   answers each of them anew.
 * A 429 that still happens is retried by request.ts.
 */
import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import type { AdaptivePacing } from './adaptiveRate';
import { AdaptiveRate, MOMENT_ADAPTIVE_PACING } from './adaptiveRate';
import { retryClock } from './retry';

export interface RateLimit {
	requestsPerWindow: number;
	windowMs: number;
}

export const MOMENT_RATE_LIMIT: RateLimit = { requestsPerWindow: 28, windowMs: 1000 };

/** A Retry-After longer than this (a minute) holds the key for a minute only. */
export const MAX_HOLD_MS = 60000;
/** A key unused for this long (an hour) has nothing left to remember: its pacer is dropped. */
const DROP_UNUSED_AFTER_MS = 3600000;

/** Time source; tests pass a virtual clock. */
export interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	/** How a request waits out a Retry-After hold; `sleep` when absent. */
	waitOutHold?: (ms: number) => Promise<void>;
}

/**
 * How requests wait out a Retry-After in a real process: apart from the pacing's short waits, so
 * that tests can skip this wait the way they skip the retry loop's (`retryClock` in retry.ts).
 */
export const retryAfterHold: { sleep: (ms: number) => Promise<void> } = { sleep };

/** Time as the retry loop measures it (`retryClock`, retry.ts): one clock for the whole transport. */
const REAL_CLOCK: Clock = { now: () => retryClock.now(), sleep, waitOutHold: async (ms) => await retryAfterHold.sleep(ms) };

/** A request that may start (`startedAt`), or, when the key is held longer than the caller waits, how long. */
export type RequestSlot = { startedAt: number; heldForMs?: undefined } | { startedAt?: undefined; heldForMs: number };

/** What Moment answered: its status and Retry-After; `undefined` when no answer came. */
export interface MomentAnswer {
	status: number;
	retryAfterMs?: number;
}

export class KeyPacer {
	private readonly rate: AdaptiveRate;
	/** Start times of recent requests. */
	private starts: number[] = [];
	/** Start times of recent requests that Moment accepted. */
	private acceptedStarts: number[] = [];
	private heldUntil = Number.NEGATIVE_INFINITY;
	private lastUsedAt: number;

	constructor(
		private readonly limit: RateLimit = MOMENT_RATE_LIMIT,
		private readonly clock: Clock = REAL_CLOCK,
		pacing: AdaptivePacing = MOMENT_ADAPTIVE_PACING,
	) {
		this.rate = new AdaptiveRate(limit.requestsPerWindow, pacing);
		this.lastUsedAt = clock.now();
	}

	/** Whether nothing used the key for `ms` and no Retry-After holds it. */
	unusedFor(ms: number): boolean {
		const now = this.clock.now();
		return now - this.lastUsedAt > ms && now >= this.heldUntil;
	}

	/** Requests per second this process allows itself with the key now. */
	currentRate(): number {
		return this.rate.rate(this.clock.now());
	}

	/**
	 * Resolves when a request may start, and records its start. When Moment's Retry-After holds the
	 * key for longer than `maxHoldMs`, resolves at once with `heldForMs` instead.
	 */
	async waitForSlot(maxHoldMs = Number.POSITIVE_INFINITY): Promise<RequestSlot> {
		// the end of the hold this caller has waited out (a later Retry-After extends it)
		let waitedOutUntil = Number.NEGATIVE_INFINITY;
		for (;;) {
			const now = this.clock.now();
			if (this.heldUntil > now && this.heldUntil > waitedOutUntil) {
				const holdMs = this.heldUntil - now;
				if (holdMs > maxHoldMs) return { heldForMs: holdMs };
				waitedOutUntil = this.heldUntil;
				await (this.clock.waitOutHold ?? this.clock.sleep)(Math.ceil(holdMs));
				continue;
			}
			this.starts = this.starts.filter((start) => now - start < this.limit.windowMs);
			const earliest = this.earliestStart(this.rate.rate(now));
			if (now >= earliest) {
				this.starts.push(now);
				this.lastUsedAt = now;
				return { startedAt: now };
			}
			await this.clock.sleep(Math.ceil(earliest - now));
		}
	}

	/** Tells the pacer what Moment answered to the request started in `slot`. */
	report(slot: RequestSlot, answer: MomentAnswer | undefined): void {
		if (slot.startedAt === undefined || answer === undefined) return;
		const now = this.clock.now();
		this.lastUsedAt = now;
		this.acceptedStarts = this.acceptedStarts.filter((start) => now - start < this.limit.windowMs);
		if (answer.status !== 429) {
			this.acceptedStarts.push(slot.startedAt);
			this.rate.accepted(now);
			return;
		}
		if (answer.retryAfterMs !== undefined) {
			this.heldUntil = Math.max(this.heldUntil, now + Math.min(answer.retryAfterMs, MAX_HOLD_MS));
		}
		this.rate.refused(now, slot.startedAt, this.acceptedStarts.length);
	}

	/** The earliest time the next request may start at `rate` requests per window. */
	private earliestStart(rate: number): number {
		const starts = this.starts;
		if (starts.length === 0) return Number.NEGATIVE_INFINITY;
		const spaced = starts[starts.length - 1] + this.limit.windowMs / rate;
		// At most ceil(rate) starts per window: the one that many starts back leaves the window first.
		const perWindow = Math.max(1, Math.ceil(rate));
		const windowed = starts.length >= perWindow ? starts[starts.length - perWindow] + this.limit.windowMs : Number.NEGATIVE_INFINITY;
		return Math.max(spaced, windowed);
	}
}

/** One pacer per Moment host + API key, kept under a hash of both, never the key itself. */
const pacers = new Map<string, KeyPacer>();

/** The pacer of every request this process makes with these credentials. */
export function pacerFor(credentials: { baseUrl?: unknown; apiKey?: unknown }): KeyPacer {
	const key = createHash('sha256').update(`${String(credentials.baseUrl)}\n${String(credentials.apiKey)}`).digest('hex');
	let pacer = pacers.get(key);
	if (!pacer) {
		// keeps the map bounded in a process that sees many keys over its life
		for (const [other, unused] of pacers) if (unused.unusedFor(DROP_UNUSED_AFTER_MS)) pacers.delete(other);
		pacer = new KeyPacer();
		pacers.set(key, pacer);
	}
	return pacer;
}

/** Forgets every key's pacing (tests). */
export function resetRateLimits(): void {
	pacers.clear();
}
