import type { RequestSlot } from '../../nodes/Moment/transport/rateLimit';
import { KeyPacer, MAX_HOLD_MS, MOMENT_RATE_LIMIT, pacerFor, resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { virtualClock } from '../helpers/virtualClock';

const INTERVAL = MOMENT_RATE_LIMIT.windowMs / MOMENT_RATE_LIMIT.requestsPerWindow;

beforeEach(() => resetRateLimits());

/** Starts `count` requests at once on `pacer`; resolves with their slots once virtual time ran out. */
async function startAll(pacer: KeyPacer, count: number, run: () => Promise<void>): Promise<RequestSlot[]> {
	const slots: RequestSlot[] = [];
	const all = Promise.all(Array.from({ length: count }, async () => slots.push(await pacer.waitForSlot())));
	await run();
	await all;
	return slots;
}

const startTimes = (slots: RequestSlot[]) => slots.map((slot) => slot.startedAt as number).sort((a, b) => a - b);

describe('KeyPacer', () => {
	it('lets at most 28 requests per key start in any one-second window, evenly spaced', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const grants = startTimes(await startAll(pacer, 100, runUntilIdle));
		expect(grants).toHaveLength(100);
		for (const start of grants) {
			expect(grants.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(28);
		}
		for (let i = 1; i < grants.length; i++) expect(grants[i] - grants[i - 1]).toBeGreaterThanOrEqual(INTERVAL - 0.001);
		// and no slower than needed: the 100th request starts after 99 intervals
		expect(grants[99]).toBeLessThanOrEqual(Math.ceil(99 * INTERVAL) + 99);
	});

	it('keeps the full rate while Moment accepts everything', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const slots = await startAll(pacer, 56, runUntilIdle);
		for (const slot of slots) pacer.report(slot, { status: 200 });
		// a 404 or a 500 is an answer too: Moment counted the request, it did not refuse it
		pacer.report(slots[0], { status: 404 });
		pacer.report(slots[1], { status: 500 });
		expect(pacer.currentRate()).toBe(28);
		const next = startTimes(await startAll(pacer, 28, runUntilIdle));
		expect(next[27] - next[0]).toBeLessThan(28 * INTERVAL);
	});

	it('spaces the requests after a 429 at the slower rate', async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const first = await startAll(pacer, 28, runUntilIdle);
		for (const slot of first.slice(0, 27)) pacer.report(slot, { status: 200 });
		pacer.report(first[27], { status: 429 });
		expect(pacer.currentRate()).toBeCloseTo(22.4);
		const before = now();
		const next = startTimes(await startAll(pacer, 30, runUntilIdle));
		for (let i = 1; i < next.length; i++) expect(next[i] - next[i - 1]).toBeGreaterThanOrEqual(1000 / 22.4 - 0.001);
		// 30 starts at 22.4 per second take about 1.3 s, where 28 per second would need 1.04 s
		expect(next[29] - before).toBeGreaterThan(1250);
	});

	it("after a deep slow-down, holds new requests until the ones sent at the old rate have left the window", async () => {
		const { clock, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const first = await startAll(pacer, 28, runUntilIdle);
		const firstStarts = startTimes(first);
		// Moment accepted 7 of them, then refused one: the process learns its share is 7 per second
		for (const slot of first.slice(0, 7)) pacer.report(slot, { status: 200 });
		pacer.report(first[7], { status: 429 });
		expect(pacer.currentRate()).toBe(7);
		const [next] = startTimes(await startAll(pacer, 1, runUntilIdle));
		// only 6 of the 28 recent starts may still be in the window when the next one starts
		expect(next).toBeGreaterThanOrEqual(firstStarts[21] + 1000);
	});

	it('changes nothing when no answer came (a broken connection)', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const slots = await startAll(pacer, 5, runUntilIdle);
		for (const slot of slots) pacer.report(slot, undefined);
		expect(pacer.currentRate()).toBe(28);
	});

	it("honours Retry-After for every request of the key, also those already waiting", async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		const refusedAt = now();
		pacer.report(slot, { status: 429, retryAfterMs: 2000 });
		const held = startTimes(await startAll(pacer, 10, runUntilIdle));
		expect(held[0]).toBeGreaterThanOrEqual(refusedAt + 2000);
		expect(held).toHaveLength(10);
	});

	it("tells a caller that waits less than Retry-After asks how long the key is held, without waiting", async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		pacer.report(slot, { status: 429, retryAfterMs: 30_000 });
		const at = now();
		const answer = pacer.waitForSlot(5000);
		await runUntilIdle();
		await expect(answer).resolves.toEqual({ heldForMs: 30_000 });
		expect(now()).toBe(at);
		// a caller willing to wait 60 s waits
		const patient = pacer.waitForSlot(60_000);
		await runUntilIdle();
		expect((await patient).startedAt).toBeGreaterThanOrEqual(at + 30_000);
	});

	it('knows when nothing has used the key for a while (so the process can drop it)', async () => {
		const { clock, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		pacer.report(slot, { status: 429, retryAfterMs: 5000 });
		const passTime = async (ms: number) => {
			const waited = clock.sleep(ms);
			await runUntilIdle();
			await waited;
		};
		await passTime(2000);
		// unused for 2 s, but the Retry-After still holds it
		expect(pacer.unusedFor(1000)).toBe(false);
		await passTime(4000);
		// unused for 6 s, and the Retry-After is over
		expect(pacer.unusedFor(5000)).toBe(true);
		expect(pacer.unusedFor(7000)).toBe(false);
	});

	it('keeps waiters held when a second Retry-After extends the hold while they wait', async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [first, second] = await startAll(pacer, 2, runUntilIdle);
		const refusedAt = now();
		pacer.report(first, { status: 429, retryAfterMs: 2000 });
		const waiting = pacer.waitForSlot();
		// 1 s into the hold, the other request is refused with Retry-After: 3
		const passed = clock.sleep(1000);
		await runUntilIdle({ until: refusedAt + 1000 });
		await passed;
		pacer.report(second, { status: 429, retryAfterMs: 3000 });
		await runUntilIdle();
		expect((await waiting).startedAt).toBeGreaterThanOrEqual(refusedAt + 4000);
	});

	it('waits out a hold through waitOutHold, so a test can skip the wait without time passing', async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const skipped: number[] = [];
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, { ...clock, waitOutHold: async (ms) => void skipped.push(ms) });
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		pacer.report(slot, { status: 429, retryAfterMs: 1500 });
		const at = now();
		const next = pacer.waitForSlot();
		await runUntilIdle();
		// the hold is asked for once and not waited again although no time passed
		expect(skipped).toEqual([1500]);
		expect((await next).startedAt).toBeLessThan(at + 1000);
	});

	it.each([
		['an hour', 3600_000],
		['ten hours', 10 * 3600_000],
		['a minute and a half', 90_000],
	])('holds a key for a minute at most when Retry-After asks for %s, then lets requests try again', async (_label, retryAfterMs) => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		const refusedAt = now();
		pacer.report(slot, { status: 429, retryAfterMs });
		await expect(pacer.waitForSlot(0)).resolves.toEqual({ heldForMs: MAX_HOLD_MS });
		expect(MAX_HOLD_MS).toBe(60_000);
		const started = (await startAll(pacer, 1, runUntilIdle))[0].startedAt as number;
		expect(started - refusedAt).toBeGreaterThanOrEqual(60_000);
		expect(started - refusedAt).toBeLessThanOrEqual(60_000 + 100);
	});

	it('holds a key for as long as a Retry-After under a minute asks', async () => {
		const { clock, now, runUntilIdle } = virtualClock();
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock);
		const [slot] = await startAll(pacer, 1, runUntilIdle);
		const refusedAt = now();
		pacer.report(slot, { status: 429, retryAfterMs: 45_000 });
		const started = (await startAll(pacer, 1, runUntilIdle))[0].startedAt as number;
		expect(started - refusedAt).toBeGreaterThanOrEqual(45_000);
		expect(started - refusedAt).toBeLessThanOrEqual(45_000 + 100);
	});
});

describe('pacerFor', () => {
	it('keeps one pacer per Moment host and API key', () => {
		const a = { baseUrl: 'https://app.moment.team', apiKey: 'key-a' };
		expect(pacerFor(a)).toBe(pacerFor({ ...a }));
		expect(pacerFor(a)).not.toBe(pacerFor({ ...a, apiKey: 'key-b' }));
		expect(pacerFor(a)).not.toBe(pacerFor({ ...a, baseUrl: 'https://sandbox.moment.test' }));
	});

	it('paces real time too (the default clock)', async () => {
		const pacer = pacerFor({ baseUrl: 'https://app.moment.team', apiKey: 'key-real' });
		const began = Date.now();
		await Promise.all(Array.from({ length: 40 }, async () => await pacer.waitForSlot()));
		// the 29th request cannot start before the first one's window has passed
		expect(Date.now() - began).toBeGreaterThanOrEqual(MOMENT_RATE_LIMIT.windowMs);
	});
});
