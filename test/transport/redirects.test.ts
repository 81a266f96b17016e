/**
 * Redirects (issue 20, item 1): the API key never leaves the credential's origin. The Base URL is
 * the Moment simulator on 127.0.0.1; "another host" is a bare server on 127.0.0.2 (Linux routes
 * all of 127/8 to the loopback interface) or on another port of 127.0.0.1, which records every
 * connection. Requests go through n8n's real HTTP client (helpers/n8nHttp.ts) with real Basic
 * auth, so what n8n would have sent is what these servers would have received.
 */
import nock from 'nock';
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { momentApiRequest } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import type { TestServer } from '../helpers/testServer';
import { startTestServer } from '../helpers/testServer';
import type { FaultRule, Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';

let sim: Simulator;
let otherHost: TestServer;
let otherPort: TestServer;

function context() {
	return createExecuteContext({ parameters: {}, credentials: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url } });
}

const basic = () => Buffer.from(`apikey:${sim.apiKey}`).toString('base64');

/** Nothing about the request reached `server`: no connection, so no header and no body. */
function expectNothingReached(server: TestServer) {
	expect(server.connections()).toBe(0);
	expect(server.requests).toEqual([]);
}

function expectNoKey(error: unknown) {
	const text = `${JSON.stringify(error)} ${String((error as Error).message)} ${String((error as { description?: string }).description)}`;
	expect(text).not.toContain(sim.apiKey);
	expect(text).not.toContain(basic());
}

beforeAll(async () => {
	nock.enableNetConnect(/^127\.0\.0\.[12]:/);
	sim = await startSimulator({ rateLimit: false });
	otherHost = await startTestServer({ host: '127.0.0.2' });
	otherPort = await startTestServer({ host: '127.0.0.1' });
});
afterAll(async () => {
	await Promise.all([sim.close(), otherHost.close(), otherPort.close()]);
});
beforeEach(() => {
	resetRateLimits();
	sim.reset();
	otherHost.requests.length = 0;
	otherPort.requests.length = 0;
});

type Write = { method: IHttpRequestMethods; id?: () => number; body: IDataObject };
const REQUESTS: Record<'GET' | 'POST' | 'PATCH', Write> = {
	GET: { method: 'GET', id: () => sim.data('customers')[0].id, body: {} },
	POST: { method: 'POST', body: { name: 'Redirected AS' } },
	PATCH: { method: 'PATCH', id: () => sim.data('customers')[1].id, body: { name: 'Renamed AS' } },
};

async function send(which: keyof typeof REQUESTS, faults: FaultRule[]) {
	const request = REQUESTS[which];
	sim.setFaults(faults);
	const { ctx, sent } = context();
	const promise = momentApiRequest.call(ctx, {
		method: request.method,
		resource: customerResource,
		id: request.id?.(),
		body: request.method === 'GET' ? undefined : request.body,
		itemIndex: 1,
	});
	return { promise, sent };
}

describe('a redirect to another origin sends nothing there', () => {
	const cases: Array<[keyof typeof REQUESTS, number]> = [];
	for (const method of ['GET', 'POST', 'PATCH'] as const) for (const status of [301, 302, 303, 307, 308]) cases.push([method, status]);

	it.each(cases)('%s answered %i to 127.0.0.2: fails naming the host, and 127.0.0.2 receives nothing', async (method, status) => {
		const before = sim.data('customers').map((c) => `${c.id}:${String(c.name)}`);
		const { promise, sent } = await send(method, [{ type: 'redirect', status: status as 307, location: `${otherHost.url}/steal{path}?token=abc#frag` }]);
		const error = await failureOf(promise);
		expect(error.message).toBe(`Moment's address redirected the request for ${method === 'POST' ? 'customers' : `Customer ${REQUESTS[method].id!()}`} to another host, ${otherHost.url}: nothing was sent there`);
		expect(error.description).toContain(`set the Base URL in the Moment API credential to ${otherHost.url}`);
		expect(error.description).toContain(`(${sim.url})`);
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(1);
		// the host only: not the path or the query of the Location
		expect(`${error.message} ${error.description} ${JSON.stringify(error)}`).not.toMatch(/steal|token=abc|frag/);
		expectNoKey(error);
		expectNothingReached(otherHost);
		// one request, to the Base URL; not repeated, nothing changed in Moment
		expect(sent).toHaveLength(1);
		expect(sim.log().map((e) => `${e.method} ${e.status}`)).toEqual([`${method} ${status}`]);
		expect(sim.data('customers').map((c) => `${c.id}:${String(c.name)}`)).toEqual(before);
	});

	it.each(['GET', 'POST', 'PATCH'] as const)('%s redirected to another port of the same host: refused, and that port receives nothing', async (method) => {
		const { promise } = await send(method, [{ type: 'redirect', status: 307, location: `${otherPort.url}{path}` }]);
		const error = await failureOf(promise);
		expect(error.message).toContain(`to another host, ${otherPort.url}: nothing was sent there`);
		expectNothingReached(otherPort);
	});

	it.each([
		['another scheme on the same host and port (http to https)', () => `https://127.0.0.1:${sim.port}{path}`, () => `https://127.0.0.1:${sim.port}`],
		['a user and password in the Location', () => `http://user:${sim.apiKey}@127.0.0.2:${otherHost.port}{path}`, () => otherHost.url],
		['a scheme-relative Location', () => `//127.0.0.2:${otherHost.port}{path}`, () => otherHost.url],
		['a Location that is not http', () => 'file:///etc/passwd', () => 'file:'],
	])('%s counts as another origin', async (_label, location, shown) => {
		const { promise } = await send('GET', [{ type: 'redirect', status: 302, location: location() }]);
		const error = await failureOf(promise);
		expect(error.message).toContain(`to another host, ${shown()}: nothing was sent there`);
		expectNoKey(error);
		expectNothingReached(otherHost);
		expect(sim.log()).toHaveLength(1);
	});

	it('a target host that holds the API key is not repeated', async () => {
		const { promise } = await send('GET', [{ type: 'redirect', status: 302, location: `http://${sim.apiKey.toUpperCase()}.example.net/{path}` }]);
		const error = await failureOf(promise);
		expect(error.message).toContain('to another host, http://[redacted].example.net: nothing was sent there');
		expectNoKey(error);
		expect(JSON.stringify(error).toLowerCase()).not.toContain(sim.apiKey.toLowerCase());
	});

	it('a same-origin redirect that leads to another origin: the key went only to the Base URL', async () => {
		const { promise } = await send('GET', [
			{ type: 'redirect', status: 302, location: '{path}?hop=1', count: 1 },
			{ type: 'redirect', status: 307, location: `${otherHost.url}{path}`, path: 'hop=1' },
		]);
		const error = await failureOf(promise);
		expect(error.message).toContain(`to another host, ${otherHost.url}`);
		expect(sim.log().map((e) => e.status)).toEqual([302, 307]);
		expectNothingReached(otherHost);
	});
});

describe('a redirect within the Base URL\'s origin is followed as HTTP says', () => {
	it.each([301, 302, 303, 307, 308])('GET answered %i: the redirected GET returns the record', async (status) => {
		const customer = sim.data('customers')[0];
		const { promise, sent } = await send('GET', [{ type: 'redirect', status: status as 307, location: '{path}?via=redirect', count: 1 }]);
		await expect(promise).resolves.toMatchObject({ id: customer.id });
		expect(sim.log().map((e) => `${e.method} ${e.status} ${JSON.stringify(e.query)}`)).toEqual([`GET ${status} {}`, 'GET 200 {"via":"redirect"}']);
		// each hop authenticated by n8n for the Base URL's origin
		expect(sent).toHaveLength(2);
		expect(sent.map((s) => new URL(s.options.url).origin)).toEqual([sim.url, sim.url]);
	});

	it.each([307, 308])('POST answered %i: sent again with its method and body, and created once', async (status) => {
		const before = sim.data('customers').length;
		const { promise, sent } = await send('POST', [{ type: 'redirect', status: status as 307, location: '{path}?via=redirect', count: 1 }]);
		await expect(promise).resolves.toMatchObject({ name: 'Redirected AS' });
		expect(sim.log().map((e) => `${e.method} ${e.status}`)).toEqual([`POST ${status}`, 'POST 200']);
		expect(sent[1].options.body).toEqual({ name: 'Redirected AS' });
		expect(sim.data('customers')).toHaveLength(before + 1);
	});

	it.each([307, 308])('PATCH answered %i: sent again with its method and body', async (status) => {
		const customer = sim.data('customers')[1];
		const { promise } = await send('PATCH', [{ type: 'redirect', status: status as 307, location: '{path}?via=redirect', count: 1 }]);
		await expect(promise).resolves.toMatchObject({ id: customer.id, name: 'Renamed AS' });
		expect(sim.record('customers', customer.id)?.name).toBe('Renamed AS');
	});

	it('POST answered 303: the Location is read with a GET without body', async () => {
		const before = sim.data('customers').length;
		const customer = sim.data('customers')[0];
		const { promise, sent } = await send('POST', [{ type: 'redirect', status: 303, location: `/api/1.0/companies/${sim.companyCode}/customers/${customer.id}`, count: 1 }]);
		await expect(promise).resolves.toMatchObject({ id: customer.id });
		expect(sim.log().map((e) => `${e.method} ${e.status}`)).toEqual(['POST 303', 'GET 200']);
		expect(sent[1].options.method).toBe('GET');
		expect(sent[1].options.body).toBeUndefined();
		expect(sim.data('customers')).toHaveLength(before);
	});

	it.each([
		['POST', 301],
		['POST', 302],
		['PATCH', 301],
		['PATCH', 302],
	] as const)('%s answered %i: not followed (it would become a GET and the change would not be sent)', async (method, status) => {
		const before = sim.data('customers').map((c) => `${c.id}:${String(c.name)}`);
		const { promise, sent } = await send(method, [{ type: 'redirect', status, location: '{path}?via=redirect', count: 1 }]);
		const error = await failureOf(promise);
		expect(error.message).toContain(`with a redirect (${status}) the node does not follow`);
		expect(sent).toHaveLength(1);
		expect(sim.data('customers').map((c) => `${c.id}:${String(c.name)}`)).toEqual(before);
	});

	it('stops after 5 redirects', async () => {
		const { promise, sent } = await send('GET', [{ type: 'redirect', status: 302, location: '{path}', count: 50 }]);
		const error = await failureOf(promise);
		expect(error.message).toBe(`Moment's address redirected the request for Customer ${REQUESTS.GET.id!()} more than 5 times`);
		expect(sent).toHaveLength(6);
	});

	it('a redirect without a Location fails with the status', async () => {
		const { promise } = await send('GET', [{ type: 'redirect', status: 302, location: ' ' }]);
		const error = await failureOf(promise);
		expect(error.message).toMatch(/answered 302 for Customer \d+ without a usable Location/);
	});
});
