import { MOMENT_RATE_LIMIT, resetRateLimits, waitForRequestSlot } from '../../nodes/Moment/transport/rateLimit';

beforeEach(() => resetRateLimits());

describe('waitForRequestSlot', () => {
	it('lets at most 28 requests per key start in any second', async () => {
		const starts: number[] = [];
		const began = Date.now();
		await Promise.all(
			Array.from({ length: 70 }, async () => {
				await waitForRequestSlot('key-a');
				starts.push(Date.now());
			}),
		);
		// 70 requests at 28 per second need just over two windows.
		expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
		expect(Date.now() - began).toBeLessThan(3500);
		for (const start of starts) {
			const inWindow = starts.filter((other) => other >= start && other < start + MOMENT_RATE_LIMIT.windowMs);
			expect(inWindow.length).toBeLessThanOrEqual(MOMENT_RATE_LIMIT.requestsPerWindow);
		}
	});

	it('paces each key separately', async () => {
		const began = Date.now();
		await Promise.all(
			['key-a', 'key-b', 'key-c'].flatMap((key) => Array.from({ length: 28 }, async () => await waitForRequestSlot(key))),
		);
		expect(Date.now() - began).toBeLessThan(500);
	});
});
