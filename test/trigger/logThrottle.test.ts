import { LINES_PER_WINDOW, LogThrottle, WINDOW_MS, withSuppressedCount } from '../../nodes/Moment/trigger/webhook';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');

describe('LogThrottle: a few lines per minute per key, then a count of what was left out', () => {
	it(`writes the first ${LINES_PER_WINDOW} lines of a minute and leaves out the rest`, () => {
		const throttle = new LogThrottle();
		const admitted = Array.from({ length: 1000 }, (_, i) => throttle.admit('wf/node/warn', T0 + i * 10)).filter((a) => a.write);
		expect(admitted).toHaveLength(LINES_PER_WINDOW);
	});

	it('reports the count of left-out lines with the first line of a later minute, once', () => {
		const throttle = new LogThrottle();
		for (let i = 0; i < 250; i++) throttle.admit('k', T0 + i);
		const next = throttle.admit('k', T0 + WINDOW_MS + 1);
		expect(next).toEqual({ write: true, suppressedBefore: 250 - LINES_PER_WINDOW, suppressedFrom: T0 });
		expect(withSuppressedCount('refused a call (401): wrong token', next)).toBe(
			`refused a call (401): wrong token (${250 - LINES_PER_WINDOW} more like it in the minute from 2026-11-23T10:00:00.000Z were not logged)`,
		);
		expect(throttle.admit('k', T0 + WINDOW_MS + 2)).toEqual({ write: true, suppressedBefore: 0 });
	});

	it('counts every trigger (key) on its own', () => {
		const throttle = new LogThrottle();
		for (let i = 0; i < 100; i++) throttle.admit('flooded', T0 + i);
		expect(throttle.admit('quiet', T0 + 200)).toEqual({ write: true, suppressedBefore: 0 });
	});

	it(`writes at most ${LINES_PER_WINDOW} lines per minute over an hour of 10 calls a second`, () => {
		const throttle = new LogThrottle();
		let lines = 0;
		let counted = 0;
		for (let t = 0; t < 3600_000; t += 100) {
			const admission = throttle.admit('k', T0 + t);
			if (admission.write) {
				lines++;
				counted += admission.suppressedBefore;
			}
		}
		expect(lines).toBe(60 * LINES_PER_WINDOW);
		// every call is either written or counted (the last minute's count is still pending)
		expect(lines + counted + (600 - LINES_PER_WINDOW)).toBe(36_000);
	});

	it('remembers a bounded number of triggers, forgetting the least recently logging one', () => {
		const throttle = new LogThrottle(1, WINDOW_MS, 2);
		throttle.admit('a', T0);
		throttle.admit('a', T0 + 1);
		throttle.admit('b', T0 + 2);
		throttle.admit('c', T0 + 3);
		// "a" was forgotten with its left-out line: it starts afresh
		expect(throttle.admit('a', T0 + 4)).toEqual({ write: true, suppressedBefore: 0 });
		expect(throttle.admit('c', T0 + 5)).toEqual({ write: false });
	});

	it('starts a new minute when the clock goes backwards', () => {
		const throttle = new LogThrottle(1);
		throttle.admit('k', T0);
		throttle.admit('k', T0 + 1);
		expect(throttle.admit('k', T0 - 5000)).toEqual({ write: true, suppressedBefore: 1, suppressedFrom: T0 });
	});
});
