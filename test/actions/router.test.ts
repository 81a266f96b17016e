import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { createExecuteContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import { byId, jsonOf, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';

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

/**
 * Holds every request the node sends until the test releases it, so tests of parallel items do
 * not depend on timing. `release` lets one request through and returns once the node has handled
 * its answer (the answer's promise chain has run).
 */
function holdRequests(ctx: IExecuteFunctions) {
	const http = ctx.helpers.httpRequestWithAuthentication as jest.Mock;
	const send = http.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
	const held = new Map<string, { go: () => void; handled: Promise<void> }>();
	http.mockImplementation(async (...args: unknown[]) => {
		const id = String((args[1] as { url: string }).url.split('/').pop());
		let go!: () => void;
		let answered!: () => void;
		const released = new Promise<void>((resolve) => (go = resolve));
		const handled = new Promise<void>((resolve) => (answered = resolve));
		held.set(id, { go, handled });
		await released;
		try {
			return await send(...args);
		} finally {
			answered();
		}
	});
	return {
		async sent(count: number) {
			for (let i = 0; i < 2000 && held.size < count; i++) await sleep(5);
			return [...held.keys()];
		},
		async release(id: string) {
			const request = held.get(id)!;
			request.go();
			await request.handled;
			// the node's own handling of the answer is a chain of promises, no timers
			for (let i = 0; i < 100; i++) await Promise.resolve();
		},
	};
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

	it('gives an item index to errors of n8n that had none, as a setting to fix', async () => {
		moment().get(`${PREFIX}/projects/3`).reply(200, { id: 3 });
		// Item 1 has no ID at all: n8n's getNodeParameter throws its own UserError.
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
		expect(error.level).toBe('warning');
	});

	it("reports an error that is not n8n's as a defect of the node, not as a setting", async () => {
		const { error } = await runMomentFailure({
			parameters: {
				resource: 'project',
				operation: 'get',
				get id(): never {
					throw new TypeError("Cannot read properties of undefined (reading 'x')");
				},
			},
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.level).toBe('error');
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toBe("Cannot read properties of undefined (reading 'x')");
		expect(error.description).toMatch(/^This is a defect of the Moment node, not a problem with your settings or data\. Please report it/);
	});

	it('with parallel reads, stops starting new items after a failure and throws the lowest failing item', async () => {
		// Items 0-3 are all sent before any answer; 3 fails, then 1; 0 and 2 succeed last; 4-9 never start.
		const { ctx } = createExecuteContext({
			parameters: (i) => ({ resource: 'claim', operation: 'get', id: byId(String(i + 1)), options: { parallelRequests: 4 } }),
			items: items(10),
		});
		const requests = holdRequests(ctx);
		moment().get(`${PREFIX}/claims/1`).reply(200, { id: 1 });
		moment().get(`${PREFIX}/claims/2`).reply(500, { message: 'boom two' });
		moment().get(`${PREFIX}/claims/3`).reply(200, { id: 3 });
		moment().get(`${PREFIX}/claims/4`).reply(500, { message: 'boom four' });
		const run = failureOf(new Moment().execute.call(ctx));
		expect((await requests.sent(4)).sort()).toEqual(['1', '2', '3', '4']);
		for (const id of ['4', '2', '1', '3']) await requests.release(id);
		const error = await run;
		expect(await requests.sent(4)).toHaveLength(4);
		expect(error.context.itemIndex).toBe(1);
		// a read changes nothing in Moment: no report of applied items
		expect(error.message).toBe('Moment answered 500 for Claim 2');
	});
});

describe('router: a failed write names what was already applied', () => {
	it('Update: the error says which items were updated and which did not start', async () => {
		moment().patch(`${PREFIX}/customers/5`).reply(200, { id: 5, name: 'New' });
		moment().patch(`${PREFIX}/customers/6`).reply(404);
		const { error, sent } = await runMomentFailure({
			parameters: (i) => ({ resource: 'customer', operation: 'update', id: byId(String(i + 5)), updateFields: { name: 'New' } }),
			items: items(3),
		});
		expect(sent).toHaveLength(2);
		expect(error.context.itemIndex).toBe(1);
		expect(error.message).toBe('Customer 6 not found in company "acme" (item 0 was already updated in Moment)');
		expect(error.description).toMatch(
			/^Item 0 was already updated in Moment \(Customer 5\); running the node again would update it again\. Item 2 was not started\. Check the ID/,
		);
		expect(error.context.applied).toEqual([{ item: 0, id: 5 }]);
	});

	it('Delete with Parallel Requests 3: items that finished after the failure are named, and other failures too', async () => {
		const { ctx } = createExecuteContext({
			parameters: (i) => ({ resource: 'offer', operation: 'delete', id: byId(String(i + 1)), options: { parallelRequests: 3 } }),
			items: items(5),
		});
		const requests = holdRequests(ctx);
		moment().delete(`${PREFIX}/offers/1`).reply(403);
		moment().delete(`${PREFIX}/offers/2`).reply(204);
		moment().delete(`${PREFIX}/offers/3`).reply(500, { message: 'locked' });
		const run = failureOf(new Moment().execute.call(ctx));
		expect((await requests.sent(3)).sort()).toEqual(['1', '2', '3']);
		// item 0 fails first; 1 and 2 were already sent, so they finish
		for (const id of ['1', '2', '3']) await requests.release(id);
		const error = await run;
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toBe('The Moment API user lacks rights to change Offer 1 in company "acme" (403) (item 1 was already deleted in Moment)');
		expect(error.description).toMatch(
			/^Item 1 was already deleted in Moment \(Offer 2\); running the node again would try to delete it again\. Item 2 failed too: Moment answered 500 for Offer 3\. Items 3 and 4 were not started\. The key acts as/,
		);
		expect(error.context.applied).toEqual([{ item: 1, id: 2 }]);
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
