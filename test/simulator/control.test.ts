/**
 * The simulator's request log, control API (/__sim) and webhook sender.
 */
import { WEBHOOK_SOURCES as CATALOG_SOURCES } from '../../nodes/Moment/catalog';
import type { ErrorBody } from './httpClient';
import { basicAuth, call } from './httpClient';
import type { FaultReport, RequestLogEntry, SimRecord, Simulator, WebhookSourceName } from './index';
import { buildWebhookPayload, sendWebhook, startSimulator, WEBHOOK_SOURCES } from './index';

let sim: Simulator;
/** An API key the simulator does not know. */
const WRONG = 'wrong-key-123456';

beforeAll(async () => {
	sim = await startSimulator({ apiKeys: ['sim-test-key-one', 'sim-test-key-two'], rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const control = <T>(method: string, path: string, body?: unknown) => call<T>(sim, method, `/__sim${path}`, { key: null, body });

describe('request log', () => {
	it('records method, path, query, status, duration, time and key label, never the key', async () => {
		const before = Date.now();
		await call(sim, 'GET', '/invoices?size=5&page=1&sort=invoiceNumber,desc&sort=id');
		await call(sim, 'GET', '/invoices/1', { key: sim.apiKeys[1] });
		await call(sim, 'GET', '/invoices', { key: WRONG });
		const log = sim.log();
		expect(log).toHaveLength(3);
		expect(log[0]).toMatchObject({
			method: 'GET',
			path: `/api/1.0/companies/${sim.companyCode}/invoices`,
			query: { size: '5', page: '1', sort: ['invoiceNumber,desc', 'id'] },
			status: 200,
			company: sim.companyCode,
			entity: 'invoices',
			key: 'key1',
		});
		expect(log[1]).toMatchObject({ id: '1', status: 404, key: 'key2' });
		expect(log[2]).toMatchObject({ status: 401 });
		expect(log[2].key).toBeUndefined();
		for (const entry of log) {
			expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before - 1000);
			expect(entry.durationMs).toBeGreaterThanOrEqual(0);
		}
		const everything = JSON.stringify(log) + (await control('GET', '/log')).text + (await control('GET', '/health')).text;
		for (const secret of [...sim.apiKeys, WRONG, basicAuth(sim.apiKey).slice(6), 'authorization']) {
			expect(everything).not.toContain(secret);
		}
	});

	it('reads entries after a sequence number, and clears', async () => {
		await call(sim, 'GET', '/customers');
		const [first] = sim.log();
		await call(sim, 'GET', '/projects');
		expect(sim.log({ since: first.seq }).map((entry) => entry.entity)).toEqual(['projects']);
		const taken = await control<{ entries: RequestLogEntry[] }>('GET', '/log?clear=1');
		expect(taken.body.entries).toHaveLength(2);
		expect(sim.log()).toEqual([]);
		await call(sim, 'GET', '/offers');
		expect((await control('DELETE', '/log')).status).toBe(200);
		expect(sim.log()).toEqual([]);
	});
});

describe('control API', () => {
	it('reports health, sets and clears faults, changes settings, and resets the data', async () => {
		const health = await control<{ ok: boolean; companies: string[]; records: Record<string, Record<string, number>> }>('GET', '/health');
		expect(health.body).toMatchObject({ ok: true, companies: [sim.companyCode] });
		expect(health.body.records[sim.companyCode]).toEqual(sim.counts()[sim.companyCode]);

		const set = await control<FaultReport>('POST', '/faults', { faults: [{ type: 'status', status: 502, count: 2 }] });
		expect(set.body.faults).toMatchObject([{ type: 'status', status: 502, remaining: 2 }]);
		expect((await control<FaultReport>('POST', '/faults?append=1', { type: 'reset' })).body.faults).toHaveLength(2);
		expect((await call(sim, 'GET', '/invoices')).status).toBe(502);
		expect((await control<FaultReport>('GET', '/faults')).body).toMatchObject({ injected: 1, faults: [{ remaining: 1 }, { remaining: 1 }] });
		await control('DELETE', '/faults');
		expect((await call(sim, 'GET', '/invoices')).status).toBe(200);
		const invalid = await control<ErrorBody>('POST', '/faults', [{ type: 'explode' }]);
		expect(invalid.status).toBe(400);
		expect(invalid.body.message).toContain('type must be one of');

		const settings = await control<{ latencyMs: number; rateLimit: { enabled: boolean } }>('POST', '/settings', { latencyMs: 5, rateLimit: true });
		expect(settings.body).toMatchObject({ latencyMs: 5, rateLimit: { enabled: true } });
		expect((await control<ErrorBody>('POST', '/settings', { latencyMs: -1 })).status).toBe(400);
		sim.settings({ latencyMs: 0, rateLimit: false });

		const created = await call(sim, 'POST', '/customers', { body: { name: 'Temporary AS' } });
		expect(sim.record('customers', created.body.id)).toBeDefined();
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sim.record('customers', created.body.id)).toBeUndefined();
		expect(sim.log()).toEqual([]);
		expect((await control('POST', '/reset', { counts: { invoices: 7 } })).status).toBe(200);
		expect(sim.counts()[sim.companyCode].invoices).toBe(7);
		sim.reset({ counts: { invoices: 120 } });
	});

	it('serves ground truth per entity (stored or as the API shows it) and per record', async () => {
		const all = await control<{ content: SimRecord[]; total: number }>('GET', '/data/customers');
		expect(all.body.total).toBe(sim.data('customers').length);
		expect(all.body.content).toEqual(sim.data('customers'));
		expect(all.body.content[0].email).toBeDefined();
		const asApi = await control<{ content: SimRecord[] }>('GET', '/data/customers?include=base');
		expect(asApi.body.content[0].email).toBeUndefined();
		const one = await control<SimRecord>('GET', `/data/invoices/${sim.data('invoices')[2].id}`);
		expect(one.body).toEqual(sim.data('invoices')[2]);
		expect((await control('GET', '/data/invoices/1')).status).toBe(404);
		expect((await control('GET', '/data/allocations')).status).toBe(400);
		expect((await control('GET', '/nothing')).status).toBe(404);
	});
});

describe('records changed "in Moment" while n8n runs', () => {
	it('every record carries version, raised with lastModifiedDate by each change through the API', async () => {
		const invoice = sim.data('invoices')[0];
		expect(Number.isInteger(invoice.version)).toBe(true);
		expect((await call(sim, 'GET', `/invoices/${invoice.id}`)).body.version).toBe(invoice.version);
		const customer = sim.data('customers')[1];
		const patched = await call(sim, 'PATCH', `/customers/${customer.id}`, { body: { name: 'Renamed AS' } });
		expect(patched.body).toMatchObject({ version: Number(customer.version) + 1, name: 'Renamed AS' });
		expect(Date.parse(String(patched.body.lastModifiedDate))).toBeGreaterThan(Date.parse(String(customer.lastModifiedDate)));
		const created = await call(sim, 'POST', '/customers', { body: { name: 'New AS' } });
		expect(created.body.version).toBe(0);
	});

	it('creates records like the seeded ones, changes and deletes them, invoices included', async () => {
		const before = sim.data('invoices').length;
		const made = await control<{ created: SimRecord[] }>('POST', '/data/invoices', { count: 2, fields: { exportState: 'toTransfer' } });
		expect(made.body.created).toHaveLength(2);
		const [first, second] = made.body.created;
		expect(first).toMatchObject({ version: 0, exportState: 'toTransfer', invoiceNumber: before + 1 });
		expect(sim.record('customers', Number(first.customerId))).toBeDefined();
		expect(second.id).toBeGreaterThan(first.id);
		expect(sim.data('invoices')).toHaveLength(before + 2);

		const changed = await control<SimRecord>('PATCH', `/data/invoices/${first.id}`, { fields: { exportState: 'transferred', version: 99, id: 1 } });
		expect(changed.body).toMatchObject({ id: first.id, exportState: 'transferred', version: 1 });
		const resaved = await control<{ changed: number[] }>('POST', '/data/invoices/changes', { ids: [first.id, second.id] });
		expect(resaved.body.changed).toEqual([first.id, second.id]);
		expect([sim.record('invoices', first.id)?.version, sim.record('invoices', second.id)?.version]).toEqual([2, 1]);
		const spread = sim.changeRecords('invoices', { count: 10 });
		expect(new Set(spread).size).toBe(10);

		expect((await control('DELETE', `/data/invoices/${first.id}`)).body).toEqual({ deleted: true, id: first.id });
		expect(sim.record('invoices', first.id)).toBeUndefined();
		expect((await control<ErrorBody>('DELETE', `/data/invoices/${first.id}`)).status).toBe(400);
		expect((await control<ErrorBody>('POST', '/data/invoices', { count: 0 })).body.message).toContain('count must be');
		expect(sim.log()).toEqual([]); // the control API is not Moment's: nothing in the request log
	});
});

describe('webhook sender', () => {
	it('knows the same event sources and payload keys as the catalog', () => {
		expect(Object.keys(WEBHOOK_SOURCES).sort()).toEqual(CATALOG_SOURCES.map((source) => source.value).sort());
		for (const source of CATALOG_SOURCES) {
			expect(WEBHOOK_SOURCES[source.value as WebhookSourceName]).toEqual({
				entity: source.resource.apiPath,
				payloadKey: source.payloadKey,
				numberField: source.resource.numberField,
			});
		}
	});

	it('builds the invoice payload exactly like Moment documents it', async () => {
		const documented = {
			event: 'CREATE_NEW',
			invoice: { id: 106939080, invoiceNumber: 1, customer: { id: 62788973, customerNumber: '10001' }, project: { id: 62788980, projectNumber: '1' } },
		};
		const sample = await sendWebhook(sim.inboxUrl, { source: 'invoice' });
		expect(JSON.stringify(sample.payload)).toBe(JSON.stringify(documented));
		const invoice = sim.data('invoices')[5];
		const payload = buildWebhookPayload('invoice', invoice);
		expect(JSON.stringify(payload)).toBe(
			JSON.stringify({ event: 'CREATE_NEW', invoice: { id: invoice.id, invoiceNumber: invoice.invoiceNumber, customer: invoice.customer, project: invoice.project } }),
		);
	});

	it('POSTs JSON for every source, with records from the simulator, and returns the answer', async () => {
		for (const [source, info] of Object.entries(WEBHOOK_SOURCES)) {
			const record = sim.data(info.entity)[1];
			const result = await sendWebhook(`${sim.inboxUrl}/${source}`, { source: source as WebhookSourceName, simulator: sim, id: record.id, event: 'UPDATE', token: 's3cret-token' });
			expect(result).toMatchObject({ status: 200, body: { received: true } });
			const received = sim.inbox().pop();
			expect(received).toMatchObject({ method: 'POST', path: `/__sim/inbox/${source}`, query: { token: 's3cret-token' } });
			expect(received?.headers['content-type']).toBe('application/json');
			expect(received?.body).toEqual({ event: 'UPDATE', [info.payloadKey]: expect.objectContaining({ id: record.id, [info.numberField]: record[info.numberField] }) });
		}
		const viaUrl = await sendWebhook(`${sim.inboxUrl}?status=401`, { source: 'project', simulator: sim.url });
		expect(viaUrl.status).toBe(401);
		expect(viaUrl.payload).toEqual({ event: 'CREATE_NEW', project: { id: sim.data('projects')[0].id, projectNumber: '1' } });
		const raw = await sendWebhook(sim.inboxUrl, { body: '{"event":', tokenParam: 'secret', token: 'x' });
		expect(sim.inbox().pop()).toMatchObject({ body: '{"event":', query: { secret: 'x' } });
		expect(raw.status).toBe(200);
		await expect(sendWebhook(sim.inboxUrl, { source: 'invoice', simulator: sim, id: 1 })).rejects.toThrow('no invoices record 1');
	});
});
