/**
 * The simulator's rate limit, latency and fault knobs over real HTTP, and the package's
 * transport recovering from injected faults.
 */
import { sleep } from 'n8n-workflow';

import { momentApiRequest, momentApiRequestAllItems } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext } from '../helpers/context';
import type { ErrorBody } from './httpClient';
import { call, credentialsFor } from './httpClient';
import type { Simulator } from './index';
import { RateLimiter, startSimulator } from './index';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';

const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 20 };

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ counts: { invoices: 2000 } });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset();
	sim.settings({ latencyMs: 0, rateLimit: { enabled: true, retryAfterSeconds: undefined, windowMs: 1000, requestsPerSecond: 30 } });
	resetRateLimits();
});

/** Fetch that resolves to the failure instead of throwing (connection reset, cut-off body). */
async function attempt(path: string): Promise<{ status?: number; text?: string; error?: Error }> {
	try {
		const reply = await call(sim, 'GET', path);
		return { status: reply.status, text: reply.text };
	} catch (error) {
		return { error: error as Error };
	}
}

describe('rate limit (30 requests/s per key, like Moment)', () => {
	it('refuses the 31st request within a window with 429 and no Retry-After, per key', async () => {
		// A 2.5 s window instead of Moment's 1 s, so that a loaded machine still fits 31 requests in one.
		sim.settings({ rateLimit: { windowMs: 2500 } });
		const replies = await Promise.all(Array.from({ length: 31 }, () => call<ErrorBody>(sim, 'GET', '/customers?size=1')));
		const refused = replies.filter((reply) => reply.status === 429);
		const times = sim.log().map((entry) => Date.parse(entry.time));
		expect(Math.max(...times) - Math.min(...times)).toBeLessThan(2500); // all 31 inside one window
		expect(replies.filter((reply) => reply.status === 200)).toHaveLength(30);
		expect(refused).toHaveLength(1);
		expect(refused[0].body).toMatchObject({ status: 429, error: 'Too Many Requests' });
		expect(refused[0].headers['retry-after']).toBeUndefined();
		expect(sim.rateLimited()).toBe(1);
		// The second key has its own budget.
		expect((await call(sim, 'GET', '/customers?size=1', { key: sim.apiKeys[1] })).status).toBe(200);
		await sleep(2550);
		expect((await call(sim, 'GET', '/customers?size=1')).status).toBe(200);
	});

	it("shares one key's budget between every client using it, and keeps keys and IPs apart", () => {
		// three n8n hosts (IPs) with one key, and a second key: driven with explicit times
		const limiter = new RateLimiter({ requestsPerSecond: 30, perIpRequestsPerSecond: 120, windowMs: 1000 });
		const verdicts = (key: string, ip: string, count: number, at: number) =>
			Array.from({ length: count }, (_, i) => limiter.check(key, ip, at + i) === undefined);
		const accepted = (list: boolean[]) => list.filter(Boolean).length;
		const hosts = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip, i) => verdicts('key1', ip, 15, i * 20));
		expect(hosts.map(accepted)).toEqual([15, 15, 0]);
		expect(accepted(verdicts('key2', '10.0.0.3', 15, 100))).toBe(15);
		expect(limiter.rejected).toBe(15);
		// a refused request does not use up the window: once the oldest accepted ones are a second old, requests pass again
		expect(accepted(verdicts('key1', '10.0.0.3', 10, 1000))).toBe(10);
		// and one IP is held to 120 per second across keys
		const busyIp = ['k1', 'k2', 'k3', 'k4', 'k5'].flatMap((key) => verdicts(key, '10.9.9.9', 30, 5000));
		expect(accepted(busyIp)).toBe(120);
	});

	it('sends Retry-After when asked to, and can be turned off', async () => {
		sim.settings({ rateLimit: { retryAfterSeconds: 2, requestsPerSecond: 2 } });
		const limited = await Promise.all(Array.from({ length: 3 }, () => call(sim, 'GET', '/customers?size=1')));
		expect(limited.map((reply) => reply.status).sort()).toEqual([200, 200, 429]);
		expect(limited.find((reply) => reply.status === 429)?.headers['retry-after']).toBe('2');

		sim.settings({ rateLimit: false });
		const free = await Promise.all(Array.from({ length: 45 }, () => call(sim, 'GET', '/customers?size=1')));
		expect(free.every((reply) => reply.status === 200)).toBe(true);
		sim.settings({ rateLimit: { enabled: true, requestsPerSecond: 30 } });
	});
});

describe('latency and slow responses', () => {
	it('adds the latency to every API response (errors too), not to the control API', async () => {
		sim.settings({ latencyMs: 150 });
		const started = Date.now();
		await call(sim, 'GET', '/invoices/1');
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		const control = Date.now();
		await call(sim, 'GET', '/__sim/health');
		expect(Date.now() - control).toBeLessThan(140);
		expect(sim.log()[0]).toMatchObject({ status: 404 });
		expect(sim.log()[0].durationMs).toBeGreaterThanOrEqual(145);
	});

	it('delays matching responses by a slow fault, which still returns the real answer', async () => {
		sim.setFaults({ type: 'slow', delayMs: 300, path: '/projects' });
		const started = Date.now();
		const reply = await call(sim, 'GET', '/projects?size=2');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(reply.status).toBe(200);
		const quick = Date.now();
		await call(sim, 'GET', '/projects?size=2');
		expect(Date.now() - quick).toBeLessThan(200);
		expect(sim.faults().byType).toEqual({ slow: 1 });
	});
});

describe('fault injection', () => {
	it('answers the next N requests with an injected 429 burst (optionally with Retry-After), then normally', async () => {
		sim.setFaults({ type: 'status', status: 429, count: 3, retryAfter: 1 });
		const statuses = [];
		for (let i = 0; i < 4; i++) {
			const reply = await call(sim, 'GET', '/invoices?size=1');
			statuses.push([reply.status, reply.headers['retry-after']]);
		}
		expect(statuses).toEqual([[429, '1'], [429, '1'], [429, '1'], [200, undefined]]);
		expect(sim.faults()).toMatchObject({ injected: 3, byType: { status429: 3 } });
		expect(sim.log().map((entry) => entry.fault)).toEqual(['status', 'status', 'status', undefined]);
	});

	it('injects 500/502/503 on every Nth request of a path only, after skipping some', async () => {
		sim.setFaults([
			{ status: 503, every: 2, path: '/customers' },
			{ status: 502, count: 1, method: 'GET', path: '/offers' },
			{ status: 500, count: 1, skip: 2, path: '/claims' },
		]);
		const customerStatuses = [];
		for (let i = 0; i < 4; i++) customerStatuses.push((await call(sim, 'GET', '/customers?size=1')).status);
		expect(customerStatuses).toEqual([200, 503, 200, 503]);
		expect((await call(sim, 'GET', '/invoices?size=1')).status).toBe(200);
		expect((await call(sim, 'GET', '/offers?size=1')).status).toBe(502);
		expect((await call(sim, 'GET', '/offers?size=1')).status).toBe(200);
		const claimStatuses = [];
		for (let i = 0; i < 4; i++) claimStatuses.push((await call(sim, 'GET', '/claims?size=1')).status);
		expect(claimStatuses).toEqual([200, 200, 500, 200]);
		expect(sim.faults()).toMatchObject({ injected: 4, byType: { status503: 2, status502: 1, status500: 1 } });
	});

	it('does not apply a write answered by an injected 500', async () => {
		sim.setFaults({ status: 500, method: 'POST' });
		const before = sim.data('customers').length;
		expect((await call(sim, 'POST', '/customers', { body: { name: 'Lost AS' } })).status).toBe(500);
		expect(sim.data('customers')).toHaveLength(before);
	});

	it('resets the connection', async () => {
		sim.setFaults({ type: 'reset' });
		const broken = await attempt('/invoices?size=1');
		expect(broken.error).toBeDefined();
		expect((await attempt('/invoices?size=1')).status).toBe(200);
		expect(sim.log()[0]).toMatchObject({ status: null, fault: 'reset' });
	});

	it('truncates JSON three ways: full Content-Length then close, chunked then close, or a short complete body', async () => {
		sim.setFaults({ type: 'truncate', mode: 'content-length' });
		sim.setFaults({ type: 'truncate', mode: 'close' }, { append: true });
		sim.setFaults({ type: 'truncate', mode: 'short' }, { append: true });
		expect((await attempt('/invoices?size=50')).error).toBeDefined();
		expect((await attempt('/invoices?size=50')).error).toBeDefined();
		const short = await attempt('/invoices?size=50');
		expect(short.status).toBe(200);
		const whole = await attempt('/invoices?size=50');
		expect(short.text?.length).toBe(Math.floor((whole.text ?? '').length / 2));
		expect(() => JSON.parse(short.text ?? '')).toThrow();
		expect(sim.faults().byType).toEqual({ truncate: 3 });
	});

	it('lets the transport read the exact list through 503, 429, reset and truncated pages', async () => {
		sim.setFaults([
			{ status: 503, path: 'page=1&' },
			{ status: 429, path: 'page=2&' },
			{ type: 'reset', path: 'page=3&' },
			{ type: 'truncate', mode: 'short', path: 'page=0&' },
		]);
		const ctx = createExecuteContext({ parameters: {}, credentials: credentialsFor(sim) }).ctx;
		const records = await momentApiRequestAllItems.call(ctx, { resource: invoiceResource, retryPolicy: FAST_RETRIES });
		expect(records.map((record) => record.id)).toEqual(sim.data('invoices').map((record) => record.id));
		expect(sim.faults().injected).toBe(4);
		expect(sim.log()).toHaveLength(4 + 4);
	});

	it('makes the transport fail clearly, not silently, when faults outlast its retries', async () => {
		sim.setFaults({ status: 503, count: 100 });
		const ctx = createExecuteContext({ parameters: {}, credentials: credentialsFor(sim) }).ctx;
		await expect(
			momentApiRequest.call(ctx, { method: 'GET', resource: invoiceResource, id: 106939080, retryPolicy: FAST_RETRIES }),
		).rejects.toThrow(/503/);
		expect(sim.faults().injected).toBe(5);
	});
});
