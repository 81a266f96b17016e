/**
 * A Moment that never answers does not hold the webhook's sender (issue 20, item 7). With Fetch
 * Full Record on, the trigger reads the record while Moment waits for the answer to its POST.
 * Against the simulator's `hang` fault (the connection is accepted, nothing is ever answered),
 * with the trigger's real bounds: the fetch fails within Fetch Full Record's 20 s limit, so n8n
 * can answer Moment long before 30 s, and the delivery is kept in the error (n8n 1.123 and 2.41,
 * webhook-helpers.js: a webhook node that throws gets a failed execution whose
 * resultData.error is the error with its own properties, `context.delivery` included; the
 * answer to the sender is a 500). The end-to-end suite measures the answer in a real n8n.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { FETCH_LIMIT_MS } from '../../nodes/Moment/trigger/item';
import { failureOf } from '../helpers/expectations';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';
import { createWebhookContext, jsonRequest } from '../helpers/webhookContext';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => await sim.close());
beforeEach(() => {
	resetRateLimits();
	sim.reset();
});

function delivery(invoiceId: number) {
	const payload = { ...DOCUMENTED_INVOICE, invoice: { ...DOCUMENTED_INVOICE.invoice, id: invoiceId } };
	return createWebhookContext({
		request: jsonRequest(payload),
		parameters: { eventSource: 'invoice', fetchFullRecord: true },
		credentials: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url },
	});
}

describe('Fetch Full Record against a Moment that never answers', () => {
	it(
		'fails within 20 s in all (the sender gets its answer well within 30 s), naming the limit and keeping the delivery',
		async () => {
			const invoice = sim.data('invoices')[3];
			sim.setFaults([{ type: 'hang', count: 100 }]);
			const outcome = delivery(invoice.id);
			const started = Date.now();
			const error = await failureOf(new MomentTrigger().webhook.call(outcome.ctx));
			const took = Date.now() - started;

			expect(took).toBeGreaterThanOrEqual(FETCH_LIMIT_MS - 1000);
			expect(took).toBeLessThan(FETCH_LIMIT_MS + 3000);
			expect(error.message).toBe(`Could not fetch the full invoice for Moment's webhook: invoice ${invoice.id} (event "CREATE_NEW", invoiceNumber 1)`);
			expect(error.description).toContain(
				`No answer from Moment for Invoice ${invoice.id} within 20 s, Fetch Full Record's limit (Moment waits for the webhook's answer meanwhile) (2 attempts)`,
			);
			expect(error.description).toContain('no answer within 10 s, the limit for one attempt');
			expect((error.context.delivery as IDataObject).id).toBe(invoice.id);
			expect((error.context.delivery as IDataObject).payload).toEqual({ ...DOCUMENTED_INVOICE, invoice: { ...DOCUMENTED_INVOICE.invoice, id: invoice.id } });
			// two attempts of 10 s at most each, both hung
			expect(sim.log().map((e) => `${e.method} ${e.id} ${e.fault}`)).toEqual([`GET ${invoice.id} hang`, `GET ${invoice.id} hang`]);
			expect(JSON.stringify(error)).not.toContain(sim.apiKey);
		},
		40_000,
	);

	it('a Moment that answers after a first hung attempt still delivers the record', async () => {
		const invoice = sim.data('invoices', { include: 'base' })[4];
		sim.setFaults([{ type: 'hang', count: 1 }]);
		const outcome = delivery(invoice.id);
		const result = await new MomentTrigger().webhook.call(outcome.ctx);
		expect(result.workflowData?.[0][0].json.record).toEqual(invoice);
		expect(sim.log().map((e) => e.status)).toEqual([null, 200]);
	}, 40_000);
});
