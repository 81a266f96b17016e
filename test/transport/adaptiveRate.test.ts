import { AdaptiveRate, MOMENT_ADAPTIVE_PACING } from '../../nodes/Moment/transport/adaptiveRate';

const CEILING = 28;

/** Accepted answers every `everyMs` from `from` to `to` (exclusive); returns the time after the last one. */
function acceptEvery(rate: AdaptiveRate, from: number, to: number, everyMs: number): number {
	let time = from;
	for (; time < to; time += everyMs) rate.accepted(time);
	return time;
}

describe('AdaptiveRate', () => {
	it('stays at the ceiling while Moment accepts every request', () => {
		const rate = new AdaptiveRate(CEILING);
		expect(rate.rate(0)).toBe(CEILING);
		acceptEvery(rate, 0, 60_000, 36);
		expect(rate.rate(60_000)).toBe(CEILING);
	});

	it('slows down to 80 % on a 429, or to what Moment accepted of its requests in the window when that is lower', () => {
		const rate = new AdaptiveRate(CEILING);
		expect(rate.refused(1000, 990, 27)).toBe(true);
		expect(rate.rate(1000)).toBeCloseTo(0.8 * CEILING);

		// four processes started at once: Moment accepted only 7 of this one's requests in the window
		const crowded = new AdaptiveRate(CEILING);
		crowded.refused(400, 390, 7);
		expect(crowded.rate(400)).toBe(7);
	});

	it('yields down to half the ceiling at once while it holds more than half of the key and others use a fair part of it', () => {
		// Moment accepted 20 of this process's requests in the window: others used about 10 of the 30
		const rate = new AdaptiveRate(CEILING);
		rate.refused(1000, 990, 20);
		expect(rate.rate(1000)).toBe(CEILING / 2);

		// the process that started first: alone at the ceiling when another one arrives (about 28 of
		// its own accepted: a normal slow-down), then at its next 429 with 22 of its own accepted
		const first = new AdaptiveRate(CEILING);
		first.refused(1000, 990, 28);
		expect(first.rate(1000)).toBeCloseTo(22.4);
		first.refused(1500, 1400, 22);
		expect(first.rate(1500)).toBe(CEILING / 2);

		// half the key or less is never more than a fair share: the usual slow-down
		const half = new AdaptiveRate(CEILING);
		half.refused(1000, 990, 14);
		half.refused(1500, 1400, 14);
		expect(half.rate(1500)).toBeCloseTo(14 * 0.8);
	});

	it('never slows down to less than a quarter on one 429 (a stray 429 on a fresh key costs little)', () => {
		const rate = new AdaptiveRate(CEILING);
		rate.refused(100, 50, 0);
		expect(rate.rate(100)).toBe(7);
	});

	it('slows down once for the requests sent at the old rate, and again for a 429 to a request sent after that', () => {
		const rate = new AdaptiveRate(CEILING);
		rate.refused(1000, 950, 27); // 22.4
		// requests already in flight when the first 429 arrived: sent at the old rate, no new slow-down
		expect(rate.refused(1010, 960, 27)).toBe(false);
		expect(rate.refused(1040, 999, 27)).toBe(false);
		expect(rate.rate(1040)).toBeCloseTo(22.4);
		// a request started after the slow-down that still meets a 429
		expect(rate.refused(1200, 1100, 27)).toBe(true);
		expect(rate.rate(1200)).toBeCloseTo(22.4 * 0.8);
	});

	it('never goes below the minimum rate, however many 429s come', () => {
		const rate = new AdaptiveRate(CEILING);
		for (let i = 0; i < 100; i++) rate.refused(1000 + i * 100, 1000 + i * 100 - 1, 0);
		expect(rate.rate(20_000)).toBe(MOMENT_ADAPTIVE_PACING.minRate);
	});

	it('recovers gradually while requests succeed: slowly at first, faster the longer no 429 comes', () => {
		const rate = new AdaptiveRate(CEILING);
		rate.refused(0, 0, 14); // half the ceiling
		expect(rate.rate(0)).toBe(14);
		// 3 s of sending at half the ceiling: 0.2 requests/s per second, before any speed-up
		acceptEvery(rate, 1, 3000, 70);
		expect(rate.rate(3000)).toBeGreaterThan(14.5);
		expect(rate.rate(3000)).toBeLessThan(14.7);
		// then the recovery doubles every 0.5 s: back at the ceiling about 3.5 s later
		const back = acceptEvery(rate, 3000, 7000, 50);
		expect(rate.rate(back)).toBe(CEILING);
		const trace = new AdaptiveRate(CEILING);
		trace.refused(0, 0, 14);
		let reached = 0;
		for (let time = 1; time < 20_000 && reached === 0; time += 50) {
			trace.accepted(time);
			if (trace.rate(time) >= CEILING) reached = time;
		}
		expect(reached).toBeGreaterThan(5500);
		expect(reached).toBeLessThan(7000);
	});

	it('recovers faster from a small share, and speeds up later (shares even out, crowded keys are probed slowly)', () => {
		const small = new AdaptiveRate(CEILING);
		small.refused(0, 0, 7);
		const large = new AdaptiveRate(CEILING);
		large.refused(0, 0, 24);
		expect(small.rate(0)).toBe(7);
		expect(large.rate(0)).toBeCloseTo(22.4);
		acceptEvery(small, 1, 1500, 100);
		acceptEvery(large, 1, 1500, 100);
		// 1.5 s of sending: 7/s wins back about three times what 22.4/s does
		expect(small.rate(1500) - 7).toBeGreaterThan(2.5 * (large.rate(1500) - 22.4));
		// the higher rate speeds up after 3 s × 14/22.4 = 1.9 s, the lower one only after 3 s × 14/7 = 6 s
		acceptEvery(small, 1500, 6000, 100);
		acceptEvery(large, 1500, 6000, 100);
		expect(large.rate(6000)).toBe(CEILING);
		expect(small.rate(6000)).toBeLessThan(10);
	});

	it('does not count idle time as recovery', () => {
		const rate = new AdaptiveRate(CEILING);
		rate.refused(0, 0, 10);
		// two accepted answers 10 s apart: each gap counts as 1 s of sending, 0.28 requests/s each
		acceptEvery(rate, 10_000, 29_000, 10_000);
		expect(rate.rate(29_000)).toBeGreaterThan(10.5);
		expect(rate.rate(29_000)).toBeLessThan(10.6);
	});

	it('forgets what it learned after 30 s without any answer', () => {
		const rate = new AdaptiveRate(CEILING);
		rate.refused(0, 0, 5);
		expect(rate.rate(29_000)).toBe(7);
		expect(rate.rate(30_001)).toBe(CEILING);
		// and a 429 after that is a fresh start
		expect(rate.refused(31_000, 30_999, 26)).toBe(true);
		expect(rate.rate(31_000)).toBeCloseTo(22.4);
	});
});
