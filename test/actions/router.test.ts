import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { createExecuteContext } from '../helpers/context';
import { byId, jsonOf, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from './momentNode';

useMomentNock();

const items = (count: number) => Array.from({ length: count }, () => ({ json: {} }));

/** Wraps the context's HTTP helper to record when each request starts and how many run at once. */
function instrument(ctx: IExecuteFunctions) {
	const http = ctx.helpers.httpRequestWithAuthentication as jest.Mock;
	const send = http.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
	const stats = { starts: [] as number[], running: 0, maxRunning: 0 };
	http.mockImplementation(async (...args: unknown[]) => {
		stats.starts.push(Date.now());
		stats.running++;
		stats.maxRunning = Math.max(stats.maxRunning, stats.running);
		try {
			return await send(...args);
		} finally {
			stats.running--;
		}
	});
	return stats;
}

describe('router: errors', () => {
	it('with Continue On Fail, a failed item becomes { error } paired with its input; the others go on', async () => {
		moment().get(`${PREFIX}/customers/1`).reply(200, { id: 1 });
		moment().get(`${PREFIX}/customers/2`).reply(404);
		moment().get(`${PREFIX}/customers/4`).reply(200, { id: 4 });
		const ids = ['1', '2', 'x', '4'];
		const { items: output } = await runMoment({
			parameters: (i) => ({ resource: 'customer', operation: 'get', id: byId(ids[i]), options: { parallelRequests: 2 } }),
			items: items(4),
			continueOnFail: true,
		});
		expect(output).toEqual([
			{ json: { id: 1 }, pairedItem: { item: 0 } },
			{
				json: { error: 'Customer 2 not found in company "acme"', message: expect.stringMatching(/^Check the ID/) },
				pairedItem: { item: 1 },
			},
			{ json: { error: expect.stringMatching(/^Customer ID "x" is not valid/) }, pairedItem: { item: 2 } },
			{ json: { id: 4 }, pairedItem: { item: 3 } },
		]);
		// n8n routes an item to the error output only when its json holds nothing but `error` (+ `message`).
		expect(Object.keys(output[1].json)).toEqual(['error', 'message']);
		expect(Object.keys(output[2].json)).toEqual(['error']);
	});

	it('without Continue On Fail, the error names the failing item', async () => {
		moment().get(`${PREFIX}/offers/1`).reply(200, { id: 1 });
		moment().get(`${PREFIX}/offers/2`).reply(403);
		const { error } = await runMomentFailure({
			parameters: (i) => ({ resource: 'offer', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 1 } }),
			items: items(2),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.itemIndex).toBe(1);
		expect(error.message).toBe('The Moment API user lacks rights to read Offer 2 in company "acme" (403)');
	});

	it('gives an item index to errors that had none', async () => {
		moment().get(`${PREFIX}/projects/3`).reply(200, { id: 3 });
		// Item 1 has no ID at all: the fake getNodeParameter throws a plain Error, as n8n does for a
		// parameter it cannot resolve.
		const { error } = await runMomentFailure({
			parameters: (i) => ({
				resource: 'project',
				operation: 'get',
				options: { parallelRequests: 1 },
				...(i === 0 ? { id: byId('3') } : {}),
			}),
			items: items(2),
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(1);
		expect(error.message).toBe('Could not get parameter "id"');
	});

	it('with parallel items, stops starting new ones after a failure and throws the lowest failing item', async () => {
		// Items 0-3 start (evenly spaced by the rate limiter, ~36 ms apart); 1 and 3 fail, 0 and 2
		// succeed slowly, after both failures; 4-9 never start.
		moment().get(`${PREFIX}/claims/1`).delay(300).reply(200, { id: 1 });
		moment().get(`${PREFIX}/claims/2`).delay(40).reply(500, { message: 'boom two' });
		moment().get(`${PREFIX}/claims/3`).delay(300).reply(200, { id: 3 });
		moment().get(`${PREFIX}/claims/4`).reply(500, { message: 'boom four' });
		const { error, sent } = await runMomentFailure({
			parameters: (i) => ({ resource: 'claim', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 4 } }),
			items: items(10),
		});
		expect(sent).toHaveLength(4);
		expect(error.context.itemIndex).toBe(1);
		expect(error.message).toBe('Moment answered 500 for Claim 2');
	});
});

describe('router: Parallel Requests', () => {
	it('keeps output order equal to input order when answers arrive in reverse', async () => {
		for (let id = 1; id <= 6; id++) {
			// requests start ~36 ms apart (rate limiter); answers come back in reverse order
			moment().get(`${PREFIX}/projects/${id}`).delay((7 - id) * 100).reply(200, { id });
		}
		const { ctx } = createExecuteContext({
			parameters: (i) => ({ resource: 'project', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 6 } }),
			items: items(6),
		});
		const stats = instrument(ctx);
		const [output] = await new Moment().execute.call(ctx);
		expect(jsonOf(output)).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ id })));
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(stats.maxRunning).toBe(6);
	});

	it('never runs more items at once than Parallel Requests', async () => {
		// 150 ms answers (Moment-like latency) overlap although the rate limiter spaces starts ~36 ms apart
		moment().get(/\/customers\/\d+$/).times(12).delay(150).reply(200, (uri) => ({ id: Number(uri.split('/').pop()) }));
		const { ctx } = createExecuteContext({
			parameters: (i) => ({ resource: 'customer', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 3 } }),
			items: items(12),
		});
		const stats = instrument(ctx);
		const [output] = await new Moment().execute.call(ctx);
		expect(output.map((item) => item.json.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		expect(stats.maxRunning).toBe(3);
	});

	it('stays under 30 requests per second per key with the highest setting', async () => {
		const count = 45;
		moment().get(/\/invoices\/\d+$/).times(count).reply(200, (uri) => ({ id: Number(uri.split('/').pop()) }));
		const { ctx } = createExecuteContext({
			parameters: (i) => ({ resource: 'invoice', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 20 } }),
			items: items(count),
		});
		const stats = instrument(ctx);
		const [output] = await new Moment().execute.call(ctx);
		expect(output).toHaveLength(count);
		const busiestSecond = Math.max(
			...stats.starts.map((start) => stats.starts.filter((other) => other >= start && other < start + 1000).length),
		);
		expect(busiestSecond).toBeLessThanOrEqual(28);
		expect(stats.starts[count - 1] - stats.starts[0]).toBeGreaterThanOrEqual(1000);
	});

	it.each([0, 'fast'])('refuses Parallel Requests %j', async (parallelRequests) => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'invoice', operation: 'get', id: byId('1'), options: { parallelRequests } },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe(`Parallel Requests must be a whole number of at least 1; got ${JSON.stringify(parallelRequests)}`);
	});
});
