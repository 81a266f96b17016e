/**
 * Broken connections, cut-off bodies and unreachable hosts, over real sockets: the Moment
 * simulator (test/simulator) injects the faults, the transport talks to it through n8n's own HTTP
 * client. (nock's emulation of socket errors is unreliable under parallel test runs.)
 */
import nock from 'nock';

import { momentApiRequest } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import { throwLikeN8n1 } from '../helpers/n8nHttp';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';

const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
let sim: Simulator;

function context() {
	return createExecuteContext({
		parameters: {},
		credentials: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url },
	});
}


beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => await sim.close());
beforeEach(() => {
	resetRateLimits();
	sim.clearFaults();
	sim.clearLog();
});

describe('transport over broken connections', () => {
	it('retries a connection reset for GET and returns the record', async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'reset', count: 2 }]);
		const { ctx } = context();
		const record = await momentApiRequest.call(ctx, {
			method: 'GET',
			resource: customerResource,
			id: customer.id,
			retryPolicy: FAST,
		});
		expect((record as { id: number }).id).toBe(customer.id);
		expect(sim.log().map((entry) => entry.status)).toEqual([null, null, 200]);
	});

	it('gives up on persistent resets with a readable message (not n8n\'s generic one)', async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'reset', count: 10 }]);
		const { ctx } = context();
		const error = await failureOf(
			momentApiRequest.call(ctx, {
				method: 'GET',
				resource: customerResource,
				id: customer.id,
				retryPolicy: FAST,
				itemIndex: 2,
			}),
		);
		expect(error.message).toBe(`Could not reach Moment for Customer ${customer.id} after 5 attempts: the connection was closed unexpectedly`);
		expect(error.description).toMatch(/ECONNRESET/);
		expect(error.context.itemIndex).toBe(2);
		expect(sim.log()).toHaveLength(5);
	});

	it("retries a connection reset in n8n 1.123 too, whose error keeps neither the cause nor the code", async () => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'reset', count: 2 }]);
		const { ctx } = context();
		throwLikeN8n1(ctx.helpers);
		const record = await momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id, retryPolicy: FAST });
		expect((record as { id: number }).id).toBe(customer.id);
		expect(sim.log().map((entry) => entry.status)).toEqual([null, null, 200]);
	});

	it('does not repeat a POST after a reset, and says the change may have been applied', async () => {
		sim.setFaults([{ type: 'reset', count: 1 }]);
		const { ctx } = context();
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'POST', resource: customerResource, body: { name: 'Reset AS' }, retryPolicy: FAST }),
		);
		expect(sim.log()).toHaveLength(1);
		expect(error.description).toMatch(/may have applied the change/);
	});

	it.each(['content-length', 'close'] as const)('retries a GET whose body is cut off (%s)', async (mode) => {
		const [customer] = sim.data('customers');
		sim.setFaults([{ type: 'truncate', mode, count: 1 }]);
		const { ctx } = context();
		const record = await momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: customer.id, retryPolicy: FAST });
		expect((record as { id: number }).id).toBe(customer.id);
		expect(sim.log()).toHaveLength(2);
	});

	it.each(['content-length', 'close', 'short'] as const)(
		'never reports a create whose answer is cut off (%s) as a success',
		async (mode) => {
			sim.setFaults([{ type: 'truncate', mode, count: 1 }]);
			const { ctx } = context();
			const error = await failureOf(
				momentApiRequest.call(ctx, {
					method: 'POST',
					resource: customerResource,
					body: { name: 'Cut AS' },
					retryPolicy: FAST,
				}),
			);
			expect(error.message).toBe('Moment sent a response for customers that could not be read');
			expect(error.description).toMatch(/may have saved the change: check in Moment before running again/);
			expect(sim.log()).toHaveLength(1);
		},
	);

	it('an unreachable host fails at once and points at the Base URL', async () => {
		const { ctx, sent } = createExecuteContext({
			parameters: {},
			credentials: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: 'http://127.0.0.1:1' },
		});
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, retryPolicy: FAST }),
		);
		expect(sent).toHaveLength(1);
		expect(error.message).toBe('Could not reach Moment for Customer 1: the connection was refused');
		expect(error.description).toMatch(/Check the Base URL/);
		expect(JSON.stringify(error)).not.toContain(sim.apiKey);
	});
});
