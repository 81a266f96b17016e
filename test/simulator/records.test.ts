/**
 * The simulator's single-record API: include semantics, create / update / delete round trips
 * (through the package's transport), write validation, and read-only invoices.
 */
import { momentApiRequest } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext } from '../helpers/context';
import type { ErrorBody, ListBody } from './httpClient';
import { call, credentialsFor } from './httpClient';
import type { SimRecord, Simulator } from './index';
import { startSimulator } from './index';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset();
	resetRateLimits();
});

function transport<T = SimRecord>(request: Parameters<typeof momentApiRequest>[0]): Promise<T> {
	const ctx = createExecuteContext({ parameters: {}, credentials: credentialsFor(sim) }).ctx;
	return momentApiRequest.call(ctx, { retryPolicy: { baseDelayMs: 1, maxDelayMs: 2 }, ...request }) as Promise<T>;
}

describe('includes (/include/a+b)', () => {
	it('returns the base fields without an include; extra fields like a customer email only when asked for', async () => {
		const customer = sim.data('customers')[0];
		const plain = await call(sim, 'GET', `/customers/${customer.id}`);
		expect(plain.body).toEqual(sim.data('customers', { include: 'base' })[0]);
		expect(plain.body.email).toBeUndefined();
		expect(plain.body).toMatchObject({ id: customer.id, customerNumber: customer.customerNumber, name: customer.name });

		const withEmail = await call(sim, 'GET', `/customers/${customer.id}/include/base+email`);
		expect(withEmail.body).toEqual({ ...plain.body, email: customer.email });

		const onlyEmail = await call(sim, 'GET', `/customers/${customer.id}/include/email`);
		expect(onlyEmail.body).toEqual({ id: customer.id, email: customer.email });
	});

	it('flattens linked fields (customer.name → customerName) and always returns id, on lists too', async () => {
		const invoice = sim.data('invoices')[3];
		const customer = sim.record('customers', (invoice.customer as SimRecord).id);
		const reply = await call(sim, 'GET', `/invoices/${invoice.id}/include/invoiceNumber+customer.name+customer.email`);
		expect(reply.body).toEqual({ id: invoice.id, invoiceNumber: invoice.invoiceNumber, customerName: customer?.name, customerEmail: customer?.email });

		const list = await call<ListBody>(sim, 'GET', '/projects/include/name?size=2');
		expect(list.body.content).toEqual(sim.data('projects', { limit: 2 }).map((p) => ({ id: p.id, name: p.name })));

		const viaTransport = await transport({ method: 'GET', resource: invoiceResource, id: Number(invoice.id), include: ['base', 'lines'] });
		expect(viaTransport).toEqual(sim.data('invoices', { include: 'base+lines' })[3]);
	});

	it('answers 400 with a message naming an unknown include, or a comma-joined one', async () => {
		for (const spec of ['colour', 'base,email', 'customer.colour', 'offer.name', 'base+']) {
			const reply = await call<ErrorBody>(sim, 'GET', `/customers/include/${spec}`);
			expect(reply.status).toBe(400);
			expect(reply.body.message).toContain(`Unknown include '${spec === 'base+' ? '' : spec}'`);
		}
	});
});

describe('create, update, delete', () => {
	it('round-trips a customer through the transport: create, PATCH, PUT, read back, delete, 404', async () => {
		const created = await transport({ method: 'POST', resource: customerResource, body: { name: 'Havlys AS', email: 'post@havlys.no', colour: 'red' } });
		expect(created).toMatchObject({ name: 'Havlys AS', customerState: 'active', countryCode: 'NO' });
		expect(created.colour).toBeUndefined();
		expect(String(created.id)).toMatch(/^\d{8,9}$/);
		expect(created.customerNumber).toBe(String(10001 + sim.data('customers').length - 1));
		expect(sim.record('customers', created.id)).toMatchObject({ name: 'Havlys AS', email: 'post@havlys.no' });

		const patched = await transport({ method: 'PATCH', resource: customerResource, id: created.id, body: { phone: '+47 22 00 00 00' }, include: ['base', 'email'] });
		expect(patched).toMatchObject({ name: 'Havlys AS', phone: '+47 22 00 00 00', email: 'post@havlys.no' });
		const put = await transport({ method: 'PUT', resource: customerResource, id: created.id, body: { name: 'Havlys Marin AS' } });
		expect(put).toMatchObject({ name: 'Havlys Marin AS', phone: '+47 22 00 00 00' });
		expect(Date.parse(String(put.lastModifiedDate))).toBeGreaterThanOrEqual(Date.parse(String(created.lastModifiedDate)));
		expect((await call(sim, 'GET', `/customers/${created.id}`)).body).toMatchObject({ name: 'Havlys Marin AS' });

		const deleted = await call(sim, 'DELETE', `/customers/${created.id}`);
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expect((await call(sim, 'GET', `/customers/${created.id}`)).status).toBe(404);
		expect(sim.record('customers', created.id)).toBeUndefined();
		expect(sim.log().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST 200', 'PATCH 200', 'PUT 200', 'GET 200', 'DELETE 204', 'GET 404']);
	});

	it('links a created project to its customer and keeps the flattened name in step', async () => {
		const [first, second] = sim.data('customers');
		const project = (await call(sim, 'POST', '/projects', { body: { name: 'Kai', customerId: first.id } })).body;
		expect(project).toMatchObject({
			projectState: 'inProgress',
			customer: { id: first.id, customerNumber: first.customerNumber },
			customerId: first.id,
			customerName: first.name,
		});
		expect(project.projectNumber).toBe(String(sim.data('projects').length));
		const moved = (await call(sim, 'PATCH', `/projects/${project.id}`, { body: { customerId: String(second.id) } })).body;
		expect(moved).toMatchObject({ customerId: second.id, customerName: second.name });
	});

	it('rejects invalid writes with 400 / 404 / 409 / 415 and a message, and coerces a number to a string like Jackson', async () => {
		const customers = sim.data('customers');
		const cases: Array<[string, string, unknown, number, string]> = [
			['POST', '/customers', {}, 400, "Field 'name' is required"],
			['POST', '/customers', { name: '   ' }, 400, "Field 'name' is required"],
			['POST', '/customers', { name: 'X', customerNumber: customers[0].customerNumber }, 400, 'already used'],
			['POST', '/projects', { name: 'X', projectState: 'ACTIVE' }, 400, 'one of inProgress'],
			['POST', '/projects', { name: 'X', customerId: 1 }, 400, 'Customer 1 (customerId) does not exist'],
			['POST', '/claims', { billCustomer: 'maybe' }, 400, 'true or false'],
			['POST', '/customers', [{ name: 'X' }], 400, 'must be a JSON object'],
			['POST', '/customers', '{"name":', 400, 'Malformed JSON'],
			['PATCH', `/customers/${customers[0].id}`, { name: 42 }, 200, ''],
			['PATCH', '/customers/12345678', { name: 'X' }, 404, 'not found'],
			['DELETE', `/customers/${String(sim.data('projects')[0].customerId)}`, undefined, 409, 'cannot be deleted'],
		];
		for (const [method, path, body, status, message] of cases) {
			const reply = await call<ErrorBody>(sim, method, path, { body });
			expect([method, path, reply.status]).toEqual([method, path, status]);
			if (message) expect(reply.body.message).toContain(message);
		}
		expect(sim.record('customers', customers[0].id)?.name).toBe('42');
		const form = await call<ErrorBody>(sim, 'POST', '/customers', { body: 'name=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(form.status).toBe(415);
		expect(sim.data('customers')).toHaveLength(customers.length);
	});

	it('keeps invoices read only: POST, PATCH, PUT and DELETE answer 405 with Allow: GET', async () => {
		const id = sim.data('invoices')[0].id;
		for (const [method, path] of [['POST', '/invoices'], ['PATCH', `/invoices/${id}`], ['PUT', `/invoices/${id}`], ['DELETE', `/invoices/${id}`]]) {
			const reply = await call<ErrorBody>(sim, method, path, { body: method === 'DELETE' ? undefined : { description: 'x' } });
			expect(reply.status).toBe(405);
			expect(reply.headers.allow).toBe('GET');
			expect(reply.body.message).toContain('read only');
		}
		expect(sim.record('invoices', id)).toEqual(sim.data('invoices')[0]);
		expect((await call<ErrorBody>(sim, 'POST', `/customers/${sim.data('customers')[0].id}`, { body: {} })).status).toBe(405);
	});
});
