/**
 * Retry-After (issue 20, item 8): a usable value is waited for, and holds the key for a minute at
 * most; a value that is not delay-seconds or an HTTP date, or is longer than a day, counts as
 * absent, so the request backs off on its own and the key is not held at all.
 */
import nock from 'nock';

import { momentApiRequest } from '../../nodes/Moment/transport';
import { MAX_HOLD_MS, pacerFor } from '../../nodes/Moment/transport/rateLimit';
import { DEFAULT_RETRY_POLICY, MAX_SENSIBLE_RETRY_AFTER_MS, parseRetryAfter, requestDeadline } from '../../nodes/Moment/transport/retry';
import { BASE_URL, createExecuteContext, CREDENTIALS, PREFIX } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { retryWaits } from '../helpers/retryWaits';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';

const NOW = Date.parse('2026-03-02T10:00:00Z');

useMomentNock();

describe('requestDeadline: which limit a time-limit error names', () => {
	const caller = { at: 1_000 + 20_000, ms: 20_000, name: "Fetch Full Record's limit" };
	const policy = { ...DEFAULT_RETRY_POLICY, totalTimeoutMs: 20_000 };
	it("names the caller's limit when both end in the same millisecond (the trigger's Fetch Full Record sets both to 20 s)", () => {
		expect(requestDeadline(1_000, policy, caller).name).toBe("Fetch Full Record's limit");
	});
	it("names the node's own limit when it ends first, and the caller's when that ends first", () => {
		expect(requestDeadline(500, policy, caller).name).toBe("the node's limit for one request");
		expect(requestDeadline(1_001, policy, caller).name).toBe("Fetch Full Record's limit");
	});
});

describe('parseRetryAfter', () => {
	it.each([
		['0', 0],
		['1', 1000],
		['30', 30_000],
		[' 120 ', 120_000],
		['3600', 3600_000],
		['86400', 86_400_000],
		[['5'], 5000],
		[7, 7000],
		['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
		['Monday, 02-Mar-26 10:00:30 GMT', 30_000],
		// a date in the past: "now"
		['Mon, 02 Mar 2026 09:00:00 GMT', 0],
	])('reads %j as %i ms', (header, ms) => {
		expect(parseRetryAfter(header, NOW)).toBe(ms);
	});

	it.each([
		['negative', '-1'],
		['negative seconds', '-30'],
		['signed', '+5'],
		['signed zero', '+0'],
		['fractional', '1.5'],
		['fractional with a comma', '1,5'],
		['leading dot', '.5'],
		['trailing dot', '5.'],
		['two dots', '1.2.3'],
		['exponent', '1e3'],
		['hexadecimal', '0x10'],
		['infinity', 'Infinity'],
		['not a number', 'NaN'],
		['a unit', '5s'],
		['words', 'soon'],
		['empty', ''],
		['blank', '   '],
		['two values', '5, 10'],
		['two headers', ['5', '10']],
		['huge', '99999999999999999999999'],
		['more than a day', String(MAX_SENSIBLE_RETRY_AFTER_MS / 1000 + 1)],
		['a date far ahead', 'Fri, 31 Dec 9999 23:59:59 GMT'],
		['a date that does not parse', 'Mon, 99 Foo 2026 25:61:00 GMT'],
		// Date.parse reads these as dates (January 5th 2001, the year 2026): not HTTP dates
		['a number Date.parse takes for a date', '1.5.2001'],
		['a bare year', '2026-'],
		['a date without its weekday', '02 Mar 2026 10:00:30 GMT'],
		['a negative number value', -5],
		['a fractional number value', 2.5],
		['an object', { seconds: 5 }],
		['null', null],
		['absent', undefined],
	])('treats %s (%j) as absent', (_label, header) => {
		expect(parseRetryAfter(header, NOW)).toBeUndefined();
	});
});

describe('a Retry-After the node cannot use', () => {
	it.each(['-1', '+5', '1.5', '1e3', '99999999999999999999', 'whenever'])(
		'%j: the request backs off on its own and the key is not held',
		async (header) => {
			nock(BASE_URL).get(`${PREFIX}/customers/1`).reply(429, {}, { 'Retry-After': header });
			nock(BASE_URL).get(`${PREFIX}/customers/1`).reply(200, { id: 1 });
			const { ctx, sent } = createExecuteContext({ parameters: {} });
			await expect(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1 })).resolves.toEqual({ id: 1 });
			expect(sent).toHaveLength(2);
			// the first backoff of the policy: between half and all of 500 ms
			expect(retryWaits()).toHaveLength(1);
			expect(retryWaits()[0]).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs / 2);
			expect(retryWaits()[0]).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs);
			expect(await pacerFor(CREDENTIALS).waitForSlot(0)).toEqual({ startedAt: expect.any(Number) });
		},
	);

	it('a Retry-After of an hour fails that request at once, and holds the key for a minute, not an hour', async () => {
		nock(BASE_URL).get(`${PREFIX}/customers/1`).reply(429, {}, { 'Retry-After': '3600' });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1 }));
		expect(error.message).toBe('Moment asked to wait 3600 s before the next request (429), longer than the node waits (60 s)');
		const held = await pacerFor(CREDENTIALS).waitForSlot(0);
		expect(held.heldForMs).toBeGreaterThan(MAX_HOLD_MS - 5000);
		expect(held.heldForMs).toBeLessThanOrEqual(MAX_HOLD_MS);
		// the next request of the key waits out that minute (skipped here) and asks Moment again
		nock(BASE_URL).get(`${PREFIX}/customers/2`).reply(200, { id: 2 });
		await expect(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 2 })).resolves.toEqual({ id: 2 });
	});
});
