/**
 * One pacer per API key serves every request the process makes with it: the Moment node's items
 * and Return All pages, the record picker and the Moment Trigger's Fetch Full Record. What Moment
 * answers to one of them (a 429, a Retry-After) slows or holds all the others.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { LIST_PAGE_SIZE } from '../../nodes/Moment/methods/listSearch';
import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { Moment } from '../../nodes/Moment/Moment.node';
import { pacerFor } from '../../nodes/Moment/transport/rateLimit';
import { byId, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';
import { CREDENTIALS, createLoadOptionsContext } from '../helpers/context';
import { failureOf } from '../helpers/expectations';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';
import { spendRetryWaitsForReal } from '../helpers/retryWaits';
import { createWebhookContext, jsonRequest } from '../helpers/webhookContext';

useMomentNock();

const INVOICE_ID = DOCUMENTED_INVOICE.invoice.id;
const page = (content: IDataObject[]) => ({ content, page: { number: 0, size: 500, totalElements: content.length, totalPages: 1 } });

/** Each way the package sends a request, run once; resolves with what was sent. */
const PATHS: Record<string, { url: string; query?: Record<string, number>; run: () => Promise<{ sent: unknown[] }> }> = {
	'Moment node, Get': {
		url: `${PREFIX}/invoices/${INVOICE_ID}`,
		run: async () => await runMoment({ parameters: { resource: 'invoice', operation: 'get', id: byId(String(INVOICE_ID)) } }),
	},
	'Moment node, Get Many with Return All': {
		url: `${PREFIX}/invoices`,
		query: { page: 0, size: 500 },
		run: async () => await runMoment({ parameters: { resource: 'invoice', operation: 'getAll', returnAll: true } }),
	},
	'record picker': {
		url: `${PREFIX}/invoices`,
		query: { page: 0, size: LIST_PAGE_SIZE },
		run: async () => {
			const { ctx, sent } = createLoadOptionsContext({ resource: 'invoice' });
			await new Moment().methods.listSearch.searchRecords.call(ctx);
			return { sent };
		},
	},
	"Moment Trigger's Fetch Full Record": {
		url: `${PREFIX}/invoices/${INVOICE_ID}`,
		run: async () => {
			const context = createWebhookContext({ request: jsonRequest(DOCUMENTED_INVOICE), parameters: { eventSource: 'invoice', fetchFullRecord: true } });
			await new MomentTrigger().webhook.call(context.ctx);
			return context;
		},
	},
};

function reply(path: (typeof PATHS)[string]) {
	const scope = moment().get(path.url);
	return path.query ? scope.query(path.query) : scope;
}

describe('one pacer per key for every kind of request', () => {
	it.each(Object.keys(PATHS))('a 429 met by the %s slows down the key for every other request', async (name) => {
		const path = PATHS[name];
		const record = { id: INVOICE_ID, invoiceNumber: 1 };
		reply(path).reply(429, { message: 'Too many requests' });
		reply(path).reply(200, path.query ? page([record]) : record);
		const { sent } = await path.run();
		expect(sent).toHaveLength(2);
		// nothing accepted in the window yet: slowed from 28 to a quarter, and the accepted retry
		// brought a little back
		expect(pacerFor(CREDENTIALS).currentRate()).toBeGreaterThanOrEqual(7);
		expect(pacerFor(CREDENTIALS).currentRate()).toBeLessThan(7.5);
	});

	it("holds every kind of request for a minute at most after a long Retry-After: the request that got it fails at once naming the wait, the others ask Moment again after the hold (the trigger, which waits 5 s at most, fails at once)", async () => {
		moment().get(`${PREFIX}/invoices/1`).reply(429, {}, { 'Retry-After': '3600' });
		const first = await runMomentFailure({ parameters: { resource: 'invoice', operation: 'get', id: byId('1') } });
		expect(first.error.message).toBe('Moment asked to wait 3600 s before the next request (429), longer than the node waits (60 s)');
		const heldFor = pacerFor(CREDENTIALS).waitForSlot(0);
		await expect(heldFor).resolves.toEqual({ heldForMs: expect.any(Number) });
		expect((await heldFor).heldForMs).toBeLessThanOrEqual(60_000);
		expect((await heldFor).heldForMs).toBeGreaterThan(55_000);

		for (const [name, path] of Object.entries(PATHS)) {
			const record = { id: INVOICE_ID, invoiceNumber: 1 };
			const scope = reply(path).reply(200, path.query ? page([record]) : record);
			if (name === "Moment Trigger's Fetch Full Record") {
				const error = await failureOf(path.run());
				expect(`${error.message} ${String(error.description)}`).toMatch(/Moment asked to wait (59|60) s before the next request \(429\), longer than the node waits \(5 s\)/);
				expect(scope.isDone()).toBe(false);
				nock.cleanAll();
			} else {
				// the hold is waited out (skipped in tests, see helpers/retryWaits.ts), then Moment is asked again
				const { sent } = await path.run();
				expect({ name, sent: sent.length }).toEqual({ name, sent: 1 });
				expect(scope.isDone()).toBe(true);
			}
		}
	});

	it('lets the trigger wait for a short Retry-After that Moment sent to the Moment node', async () => {
		// the hold is measured in real time here (elsewhere tests skip it, see helpers/retryWaits.ts)
		spendRetryWaitsForReal();
		moment().get(`${PREFIX}/invoices/1`).reply(429, {}, { 'Retry-After': '1' });
		moment().get(`${PREFIX}/invoices/1`).reply(200, { id: 1 });
		moment().get(`${PREFIX}/invoices/${INVOICE_ID}`).reply(200, { id: INVOICE_ID });
		const action = runMoment({ parameters: { resource: 'invoice', operation: 'get', id: byId('1') } });
		// the trigger's fetch starts while the action waits out the Retry-After
		await sleep(200);
		const started = Date.now();
		const trigger = PATHS["Moment Trigger's Fetch Full Record"].run();
		await Promise.all([action, trigger]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(700);
	});
});
