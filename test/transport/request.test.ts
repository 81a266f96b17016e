import nock from 'nock';
import type { NodeApiError } from 'n8n-workflow';

import { momentApiRequest } from '../../nodes/Moment/transport';
import { API_KEY, BASE_URL, createExecuteContext, PREFIX } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { retryWaits } from '../helpers/retryWaits';
import { claim as claimResource } from '../../nodes/Moment/resources/claim/claim.facts';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';
import { offer as offerResource } from '../../nodes/Moment/resources/offer/offer.facts';
import { project as projectResource } from '../../nodes/Moment/resources/project/project.facts';

const FAST = { baseDelayMs: 1, maxDelayMs: 5 };

function moment() {
	return nock(BASE_URL).matchHeader('accept', /application\/json/);
}


function expectNoKey(error: unknown) {
	const text = JSON.stringify(error) + String((error as Error).message) + String((error as NodeApiError).description);
	expect(text).not.toContain(API_KEY);
	expect(text).not.toContain(Buffer.from(`apikey:${API_KEY}`).toString('base64'));
}

useMomentNock();

describe('momentApiRequest', () => {
	it('sends Basic auth with user "apikey" and the key as password to the company URL', async () => {
		moment()
			.get(`${PREFIX}/invoices/106939080`)
			.basicAuth({ user: 'apikey', pass: API_KEY })
			.reply(200, { id: 106939080, invoiceNumber: 1 });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, { method: 'GET', resource: invoiceResource, id: '106939080' }),
		).resolves.toEqual({ id: 106939080, invoiceNumber: 1 });
	});

	it('sends query and JSON body', async () => {
		moment()
			.patch(`${PREFIX}/projects/7/include/base`, { name: 'New name' })
			.query({ dryRun: 'false' })
			.reply(200, { id: 7, name: 'New name' });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, {
				method: 'PATCH',
				resource: projectResource,
				id: 7,
				include: ['base'],
				qs: { dryRun: 'false' },
				body: { name: 'New name' },
			}),
		).resolves.toEqual({ id: 7, name: 'New name' });
	});

	it('turns an empty 204 on delete into an empty object', async () => {
		moment().delete(`${PREFIX}/customers/5`).reply(204);
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(momentApiRequest.call(ctx, { method: 'DELETE', resource: customerResource, id: 5 })).resolves.toEqual({});
	});

	it('retries a 429 with backoff and then succeeds', async () => {
		moment().get(`${PREFIX}/customers/1`).times(2).reply(429, { message: 'Too many requests' });
		moment().get(`${PREFIX}/customers/1`).reply(200, { id: 1 });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, retryPolicy: FAST }),
		).resolves.toEqual({ id: 1 });
		expect(sent).toHaveLength(3);
	});

	it('retries a 429 on a POST too, because Moment did not process it', async () => {
		moment().post(`${PREFIX}/customers`).reply(429);
		moment().post(`${PREFIX}/customers`, { name: 'A' }).reply(201, { id: 9, name: 'A' });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, { method: 'POST', resource: customerResource, body: { name: 'A' }, retryPolicy: FAST }),
		).resolves.toEqual({ id: 9, name: 'A' });
	});

	it('waits for Retry-After when Moment sends it', async () => {
		moment().get(`${PREFIX}/customers/1`).reply(429, {}, { 'Retry-After': '1' });
		moment().get(`${PREFIX}/customers/1`).reply(200, { id: 1 });
		const { ctx } = createExecuteContext({ parameters: {} });
		await momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, retryPolicy: FAST });
		expect(retryWaits()).toEqual([1000]);
	});

	it('fails at once when Retry-After is longer than it is worth waiting', async () => {
		moment().get(`${PREFIX}/customers/1`).reply(429, {}, { 'Retry-After': '3600' });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, retryPolicy: FAST }),
		);
		expect(error.message).toBe('Moment asked to wait 3600 s before the next request (429), longer than the node waits (60 s)');
		expect(error.httpCode).toBe('429');
	});

	it.each([502, 503, 504])('retries a %i for GET', async (status) => {
		moment().get(`${PREFIX}/projects/3`).reply(status, 'upstream down');
		moment().get(`${PREFIX}/projects/3`).reply(200, { id: 3 });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, { method: 'GET', resource: projectResource, id: 3, retryPolicy: FAST }),
		).resolves.toEqual({ id: 3 });
	});

	it('does not retry a 503 for POST (it may have been applied)', async () => {
		moment().post(`${PREFIX}/projects`).reply(503, { message: 'Service Unavailable' });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'POST', resource: projectResource, body: { name: 'x' }, retryPolicy: FAST }),
		);
		expect(sent).toHaveLength(1);
		expect(error.httpCode).toBe('503');
		expect(error.description).toContain('Service Unavailable');
	});

	it('retries a truncated JSON body for GET, and reports it if it stays broken', async () => {
		moment().get(`${PREFIX}/offers/2`).reply(200, '{"id": 2, "na', { 'Content-Type': 'application/json' });
		moment().get(`${PREFIX}/offers/2`).reply(200, { id: 2 });
		const { ctx } = createExecuteContext({ parameters: {} });
		await expect(
			momentApiRequest.call(ctx, { method: 'GET', resource: offerResource, id: 2, retryPolicy: FAST }),
		).resolves.toEqual({ id: 2 });

		moment().get(`${PREFIX}/offers/2`).times(5).reply(200, '{"id": 2, "na', { 'Content-Type': 'application/json' });
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: offerResource, id: 2, retryPolicy: FAST }),
		);
		expect(error.message).toBe('Moment sent a response for Offer 2 that could not be read (5 attempts)');
		expect(error.description).toMatch(/not valid JSON/);
	});

	it('gives up after the retry budget with a message that says what to do', async () => {
		moment().get(`${PREFIX}/invoices`).query(true).times(7).reply(429);
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(
			momentApiRequest.call(ctx, {
				method: 'GET',
				resource: invoiceResource,
				qs: { page: 0 },
				retryPolicy: FAST,
				itemIndex: 3,
			}),
		);
		expect(sent).toHaveLength(7);
		expect(error.message).toBe('Moment kept answering "too many requests" (429) after 7 attempts');
		expect(error.description).toMatch(/30 requests per second per API key/);
		// 7 refusals in a row, nothing accepted: the process had slowed down to its floor
		expect(error.description).toContain('this n8n process had already slowed down to 1.0 requests per second with it');
		expect(error.description).toContain('or use a separate API key for this workflow');
		expect(error.context.itemIndex).toBe(3);
		expectNoKey(error);
	});

	it('gives up on persistent 503s after the transient budget', async () => {
		moment().get(`${PREFIX}/invoices/1`).times(5).reply(503);
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: invoiceResource, id: 1, retryPolicy: FAST }),
		);
		expect(sent).toHaveLength(5);
		expect(error.message).toBe('Moment answered 503 for Invoice 1 after 5 attempts');
	});

	it('does not retry a 500', async () => {
		moment().get(`${PREFIX}/invoices/1`).reply(500, { message: 'NullPointerException' });
		const { ctx, sent } = createExecuteContext({ parameters: {} });
		const error = await failureOf(
			momentApiRequest.call(ctx, { method: 'GET', resource: invoiceResource, id: 1, retryPolicy: FAST }),
		);
		expect(sent).toHaveLength(1);
		expect(error.message).toBe('Moment answered 500 for Invoice 1');
		expect(error.description).toMatch(/failure on Moment's side.*NullPointerException/);
	});

	describe('error messages a user can act on', () => {
		it('401: the key is wrong or expired', async () => {
			moment().get(`${PREFIX}/customers/1`).reply(401, { error: 'Unauthorized' });
			const { ctx } = createExecuteContext({ parameters: {} });
			const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, itemIndex: 0 }));
			expect(error.message).toBe('Moment rejected the API key (401): it is wrong, revoked or expired');
			expect(error.description).toMatch(/paste the key again/);
			expect(error.httpCode).toBe('401');
			expectNoKey(error);
		});

		it('403: the API user lacks rights', async () => {
			moment().delete(`${PREFIX}/projects/4`).reply(403);
			const { ctx } = createExecuteContext({ parameters: {} });
			const error = await failureOf(
				momentApiRequest.call(ctx, { method: 'DELETE', resource: projectResource, id: 4 }),
			);
			expect(error.message).toBe('The Moment API user lacks rights to change Project 4 in company "acme" (403)');
		});

		it('404 with an id: the record is not in this company', async () => {
			moment().get(`${PREFIX}/invoices/999`).reply(404, { message: 'Not found' });
			const { ctx } = createExecuteContext({ parameters: {} });
			const error = await failureOf(
				momentApiRequest.call(ctx, { method: 'GET', resource: invoiceResource, id: 999, itemIndex: 2 }),
			);
			expect(error.message).toBe('Invoice 999 not found in company "acme"');
			expect(error.context.itemIndex).toBe(2);
		});

		it('404 on a list: check the company code', async () => {
			moment().get(`${PREFIX}/claims`).reply(404);
			const { ctx } = createExecuteContext({ parameters: {} });
			const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: claimResource }));
			expect(error.message).toBe(`Moment found nothing at ${PREFIX}/claims (404)`);
			expect(error.description).toMatch(/Company Code/);
		});

		it('an invalid company code fails before any request, naming the item', async () => {
			const { ctx, sent } = createExecuteContext({
				parameters: {},
				credentials: { apiKey: API_KEY, companyCode: '../other', baseUrl: BASE_URL },
			});
			const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, itemIndex: 4 }));
			expect(sent).toHaveLength(0);
			expect(error.message).toMatch(/Company Code "..\/other"/);
			expect(error.context.itemIndex).toBe(4);
		});

		it('never echoes the key, even when Moment echoes the Authorization header', async () => {
			const header = `Basic ${Buffer.from(`apikey:${API_KEY}`).toString('base64')}`;
			moment()
				.get(`${PREFIX}/customers/1`)
				.reply(function () {
					const authorization = String(this.req.headers.authorization);
					return [400, { message: `bad request from ${authorization}, key ${API_KEY}`, headers: { authorization } }];
				});
			const { ctx } = createExecuteContext({ parameters: {} });
			const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1 }));
			expect(error.message).toMatch(/invalid \(400\)/);
			expect(error.description).toContain('Moment said: bad request from Basic [redacted], key [redacted]');
			expect(JSON.stringify(error)).not.toContain(header.slice(6));
			expectNoKey(error);
		});
	});
});
