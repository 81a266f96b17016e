/**
 * Every wait of a request has a bound (issue 20, item 7): one attempt until Moment's answer starts
 * (`attemptTimeoutMs`), the whole request, its attempts, the reading of its answers and its waits
 * (`totalTimeoutMs`, or the caller's deadline when earlier). Over real sockets: the simulator's
 * `hang` fault accepts the connection and never answers; a bare server sends a body that never
 * ends. Short bounds here; the node's own numbers are checked at the end.
 */
import nock from 'nock';
import { sleep } from 'n8n-workflow';

import { deadlineIn, momentApiRequest } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { DEFAULT_RETRY_POLICY } from '../../nodes/Moment/transport/retry';
import { FETCH_LIMIT_MS, TRIGGER_RETRY_POLICY } from '../../nodes/Moment/trigger/item';
import { createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import { throwLikeN8n1 } from '../helpers/n8nHttp';
import { retryWaits } from '../helpers/retryWaits';
import type { TestServer } from '../helpers/testServer';
import { startTestServer, trickle as dripping } from '../helpers/testServer';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';

let sim: Simulator;
let trickle: TestServer;

function context(baseUrl = sim.url) {
	return createExecuteContext({ parameters: {}, credentials: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl } });
}

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	sim = await startSimulator({ rateLimit: false });
	// headers at once, then one byte of JSON every 100 ms, never the end
	trickle = await startTestServer({ handler: dripping() });
});
afterAll(async () => await Promise.all([sim.close(), trickle.close()]));
beforeEach(() => {
	resetRateLimits();
	sim.reset();
});

const SHORT = { attemptTimeoutMs: 300, totalTimeoutMs: 1500, baseDelayMs: 50, maxDelayMs: 100 };

describe('a Moment that never answers', () => {
	it('a GET is tried again after each attempt\'s limit, and fails at the request\'s limit naming it', async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'hang', count: 100 }]);
		const { ctx, sent } = context();
		const started = Date.now();
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id, retryPolicy: SHORT, itemIndex: 2 }),
		);
		const took = Date.now() - started;
		expect(error.message).toMatch(new RegExp(`^No answer from Moment for Customer ${customer.id} within 1\\.5 s, the node's limit for one request \\(\\d attempts\\)$`));
		expect(error.description).toContain('one attempt may take 0.3 s at most until Moment\'s answer starts');
		expect(error.description).toContain('Last attempt: Could not reach Moment for Customer');
		expect(error.description).toContain('no answer within 0.3 s, the limit for one attempt');
		expect(error.description).not.toContain('may have applied');
		expect(error.context.itemIndex).toBe(2);
		// the backoff waits are skipped in tests but count as time passed (helpers/retryWaits.ts)
		const waited = retryWaits().reduce((sum, ms) => sum + ms, 0);
		expect(took + waited).toBeGreaterThanOrEqual(1200);
		expect(took).toBeLessThan(1500 + 1000);
		expect(sent.length).toBeGreaterThanOrEqual(2);
		// every attempt but the last reached Moment; the last may have been cut off by the request's
		// limit while still connecting (seen at load 12: 3 sent, 2 received). The log may lag a moment.
		for (let i = 0; i < 20 && sim.log().length < sent.length; i++) await sleep(50);
		expect(sim.log().every((e) => e.fault === 'hang')).toBe(true);
		expect(sim.log().length).toBeGreaterThanOrEqual(sent.length - 1);
		expect(sim.log().length).toBeLessThanOrEqual(sent.length);
	});

	it("n8n 1.123's error for a timeout (no cause, no code, n8n's own text) is still read as one and tried again", async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'hang', count: 100 }]);
		const { ctx, sent } = context();
		throwLikeN8n1(ctx.helpers);
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id, retryPolicy: SHORT }),
		);
		expect(error.message).toMatch(new RegExp(`^No answer from Moment for Customer ${customer.id} within 1\\.5 s, the node's limit for one request \\(\\d attempts\\)$`));
		expect(error.description).toContain('(ECONNABORTED) timeout of 300ms exceeded');
		expect(sent.length).toBeGreaterThanOrEqual(2);
	});

	it('a POST is not sent again: it fails at the attempt\'s limit, saying the change may have been applied', async () => {
		sim.setFaults([{ type: 'hang', count: 100 }]);
		const { ctx, sent } = context();
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'POST', resource: customerResource, body: { name: 'Hung AS' }, retryPolicy: { ...SHORT, totalTimeoutMs: 5000 } }),
		);
		expect(error.message).toBe('Could not reach Moment for customers: no answer within 0.3 s, the limit for one attempt');
		expect(error.description).toContain('Moment may have applied the change before the connection broke');
		expect(sent).toHaveLength(1);
	});

	it("the caller's deadline bounds all attempts when it is earlier than the request's own limit", async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'hang', count: 100 }]);
		const { ctx } = context();
		const started = Date.now();
		const error = await failureOf(
			momentApiRequest.call(ctx, {
				method: 'GET',
				resource: customerResource,
				id: customer.id,
				retryPolicy: { ...SHORT, attemptTimeoutMs: 5000, totalTimeoutMs: 60000 },
				deadline: deadlineIn(700, "the caller's test limit"),
			}),
		);
		expect(error.message).toBe(`No answer from Moment for Customer ${customer.id} within 0.7 s, the caller's test limit`);
		expect(Date.now() - started).toBeLessThan(700 + 1000);
	});

	it('an answer that starts but never ends is cut off at the request\'s limit (axios\'s timeout does not cover a body)', async () => {
		const { ctx } = context(trickle.url);
		const started = Date.now();
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 5, retryPolicy: { ...SHORT, attemptTimeoutMs: 200, totalTimeoutMs: 1000 } }),
		);
		expect(error.message).toBe("No answer from Moment for Customer 5 within 1 s, the node's limit for one request");
		expect(Date.now() - started).toBeLessThan(1000 + 1000);
		// the connection was closed, not left dripping
		await sleep(300);
		expect(trickle.connections()).toBe(1);
		expect(trickle.openConnections()).toBe(0);
	});
});

describe('waits count towards the limit', () => {
	it('a Retry-After that would end after the limit is not waited for', async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'status', status: 429, retryAfter: 30 }]);
		const { ctx, sent } = context();
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id, retryPolicy: { totalTimeoutMs: 20000 } }),
		);
		expect(error.message).toBe(`No answer from Moment for Customer ${customer.id} within 20 s, the node's limit for one request`);
		expect(error.description).toContain('Last attempt: Moment kept answering "too many requests" (429)');
		expect(retryWaits()).toEqual([]);
		expect(sent).toHaveLength(1);
	});

	it('retries stop when the next one could not start before the limit', async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'status', status: 503, count: 10 }]);
		const { ctx, sent } = context();
		const error = await failureOf(
			momentApiRequest.call(ctx, {
				method: 'GET',
				resource: customerResource,
				id: customer.id,
				retryPolicy: { baseDelayMs: 4000, maxDelayMs: 8000, totalTimeoutMs: 10000 },
			}),
		);
		expect(error.message).toMatch(new RegExp(`^No answer from Moment for Customer ${customer.id} within 10 s, the node's limit for one request \\(\\d attempts\\)$`));
		expect(error.description).toContain(`Last attempt: Moment answered 503 for Customer ${customer.id}`);
		// waits of 2-4 s, then 4-8 s: the sum stays under 10 s
		expect(retryWaits().reduce((sum, ms) => sum + ms, 0)).toBeLessThan(10000);
		expect(sent.length).toBeLessThan(5);
	});
});

describe("the node's own bounds", () => {
	it('the Moment node: 60 s for one attempt, 180 s for one request; the timeout n8n gets is the attempt\'s', async () => {
		expect(DEFAULT_RETRY_POLICY.attemptTimeoutMs).toBe(60000);
		expect(DEFAULT_RETRY_POLICY.totalTimeoutMs).toBe(180000);
		const [customer] = sim.data('customers');
		const { ctx, sent } = context();
		await momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id });
		expect(sent[0].options.timeout).toBe(60000);
		expect(sent[0].options.disableFollowRedirect).toBe(true);
		expect(sent[0].options.encoding).toBe('stream');
	});

	it("the Moment node's 180 s cover the Retry-After waits: three waits of 59 s, and the fourth is not made", async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'status', status: 429, retryAfter: 59, count: 10 }]);
		const { ctx, sent } = context();
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id }));
		expect(error.message).toBe(`No answer from Moment for Customer ${customer.id} within 180 s, the node's limit for one request (4 attempts)`);
		expect(retryWaits()).toEqual([59000, 59000, 59000]);
		expect(sent).toHaveLength(4);
	});

	it("the trigger's Fetch Full Record: 10 s for one attempt, 20 s in all (Moment waits for the answer; the issue's bound is 30 s)", () => {
		expect(TRIGGER_RETRY_POLICY.attemptTimeoutMs).toBe(10000);
		expect(FETCH_LIMIT_MS).toBe(20000);
		expect(TRIGGER_RETRY_POLICY.totalTimeoutMs).toBe(FETCH_LIMIT_MS);
	});
});
