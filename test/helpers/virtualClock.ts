/**
 * A virtual clock for the pacing tests: `sleep` parks the caller until `runUntilIdle` moves time
 * past its wake-up time, so the limiter's decisions are checked exactly, whatever the machine's
 * load, and minutes of traffic take milliseconds.
 */
import type { Clock } from '../../nodes/Moment/transport/rateLimit';

export interface VirtualClock {
	clock: Clock;
	now: () => number;
	/** Runs sleepers in time order until none is left (or `maxSteps`, or past `until`). */
	runUntilIdle: (options?: { maxSteps?: number; until?: number }) => Promise<void>;
}

export function virtualClock(): VirtualClock {
	let time = 0;
	let order = 0;
	const sleepers: Array<{ until: number; order: number; wake: () => void }> = [];
	const clock: Clock = {
		now: () => time,
		sleep: async (ms) => await new Promise<void>((wake) => sleepers.push({ until: time + Math.max(0, ms), order: order++, wake })),
	};
	/** Lets every pending promise continuation run (no timers involved). */
	const settle = async () => {
		for (let i = 0; i < 50; i++) await Promise.resolve();
	};
	async function runUntilIdle({ maxSteps = 1_000_000, until = Number.POSITIVE_INFINITY } = {}) {
		await settle();
		for (let step = 0; step < maxSteps && sleepers.length > 0; step++) {
			sleepers.sort((a, b) => a.until - b.until || a.order - b.order);
			if (sleepers[0].until > until) break;
			const next = sleepers.shift()!;
			time = Math.max(time, next.until);
			next.wake();
			await settle();
		}
	}
	return { clock, runUntilIdle, now: () => time };
}

/** A seeded pseudo-random source (linear congruential), so a simulated run is repeatable. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}
