import type { Clock } from '../../nodes/Moment/transport/rateLimit';
import { MOMENT_RATE_LIMIT, resetRateLimits, waitForRequestSlot } from '../../nodes/Moment/transport/rateLimit';

/**
 * A virtual clock: `sleep` parks the caller until `advance` moves time past its wake-up time, so
 * the limiter's decisions are checked exactly, whatever the machine's load.
 */
function virtualClock() {
	let time = 0;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	const clock: Clock = {
		now: () => time,
		sleep: async (ms) => await new Promise<void>((wake) => sleepers.push({ until: time + ms, wake })),
	};
	/** Lets every pending promise continuation run (no timers involved). */
	const settle = async () => {
		for (let i = 0; i < 50; i++) await Promise.resolve();
	};
	async function runUntilIdle(maxSteps = 10000) {
		await settle();
		for (let step = 0; step < maxSteps && sleepers.length > 0; step++) {
			sleepers.sort((a, b) => a.until - b.until);
			const next = sleepers.shift()!;
			time = Math.max(time, next.until);
			next.wake();
			await settle();
		}
	}
	return { clock, runUntilIdle, now: () => time };
}

beforeEach(() => resetRateLimits());

describe('waitForRequestSlot', () => {
	it('lets at most 28 requests per key start in any one-second window', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const grants: number[] = [];
		const all = Promise.all(
			Array.from({ length: 100 }, async () => grants.push(await waitForRequestSlot('key-a', MOMENT_RATE_LIMIT, clock))),
		);
		await runUntilIdle();
		await all;
		expect(grants).toHaveLength(100);
		for (const start of grants) {
			const inWindow = grants.filter((other) => other >= start && other < start + MOMENT_RATE_LIMIT.windowMs);
			expect(inWindow.length).toBeLessThanOrEqual(MOMENT_RATE_LIMIT.requestsPerWindow);
		}
		// evenly spaced, and no slower than needed: the 100th request starts after 99 intervals
		const interval = MOMENT_RATE_LIMIT.windowMs / MOMENT_RATE_LIMIT.requestsPerWindow;
		const sorted = [...grants].sort((a, b) => a - b);
		for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(interval - 0.001);
		expect(sorted[99]).toBeLessThanOrEqual(Math.ceil(99 * interval) + 99);
	});

	it('paces each key separately', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const grants: Record<string, number[]> = { 'key-a': [], 'key-b': [], 'key-c': [] };
		const all = Promise.all(
			Object.keys(grants).flatMap((key) =>
				Array.from({ length: 10 }, async () => grants[key].push(await waitForRequestSlot(key, MOMENT_RATE_LIMIT, clock))),
			),
		);
		await runUntilIdle();
		await all;
		// every key gets the same schedule, as if it were alone
		expect(grants['key-b']).toEqual(grants['key-a']);
		expect(grants['key-c']).toEqual(grants['key-a']);
		expect(grants['key-a'][0]).toBe(0);
		expect(grants['key-a'][9]).toBeLessThan(10 * (MOMENT_RATE_LIMIT.windowMs / MOMENT_RATE_LIMIT.requestsPerWindow) + 10);
	});

	it('paces real time too (the default clock)', async () => {
		const began = Date.now();
		await Promise.all(Array.from({ length: 40 }, async () => await waitForRequestSlot('key-real')));
		// the 29th request cannot start before the first one's window has passed
		expect(Date.now() - began).toBeGreaterThanOrEqual(MOMENT_RATE_LIMIT.windowMs);
	});
});
