import nock from 'nock';
import type { IDataObject, IWebhookResponseData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../../nodes/Moment/catalog';
import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { API_KEY, BASE_URL, PREFIX } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { LINES_PER_WINDOW, WINDOW_MS } from '../../nodes/Moment/trigger/webhook';
import type { LogEntry, WebhookRequest, WebhookTestContext } from '../helpers/webhookContext';
import { createWebhookContext, jsonRequest, textRequest } from '../helpers/webhookContext';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

const SECRET = 'dummy-webhook-secret-7Kp2';
const trigger = new MomentTrigger();

async function deliver(request: WebhookRequest, parameters: IDataObject = {}) {
	const context = createWebhookContext({ request, parameters: { eventSource: 'invoice', ...parameters } });
	const result = await trigger.webhook.call(context.ctx);
	return { result, ...context };
}

function itemsOf(result: IWebhookResponseData): IDataObject[] {
	expect(result.workflowData).toHaveLength(1);
	return result.workflowData![0].map((item) => item.json);
}

/** No execution: n8n starts one only for `workflowData`; the node wrote the answer itself. */
function expectAnswered(outcome: { result: IWebhookResponseData } & WebhookTestContext, status: number): IDataObject {
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.response.statusCode).toBe(status);
	return outcome.response.body as IDataObject;
}

useMomentNock();

describe('webhook(): deliveries that start the workflow', () => {
	it('turns the documented invoice payload into one item and answers {"received": true}', async () => {
		const before = Date.now();
		const outcome = await deliver(jsonRequest(DOCUMENTED_INVOICE));
		const [item] = itemsOf(outcome.result);
		expect(item).toEqual({
			event: 'CREATE_NEW',
			source: 'invoice',
			id: 106939080,
			recognized: true,
			idFrom: 'invoice.id',
			invoiceNumber: 1,
			customer: { id: 62788973, customerNumber: '10001' },
			project: { id: 62788980, projectNumber: '1' },
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			deliveryKey: expect.stringMatching(/^invoice:CREATE_NEW:106939080:[0-9a-f]{16}$/),
			payload: DOCUMENTED_INVOICE,
		});
		expect(Date.parse(item.receivedAt as string)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(item.receivedAt as string)).toBeLessThanOrEqual(Date.now());
		expect(Object.keys(item)).toEqual(['event', 'source', 'id', 'recognized', 'idFrom', 'invoiceNumber', 'customer', 'project', 'receivedAt', 'deliveryKey', 'payload']);
		expect(outcome.result.webhookResponse).toEqual({ received: true, source: 'invoice', event: 'CREATE_NEW', id: 106939080, recognized: true });
		expect(outcome.response.statusCode).toBeUndefined();
		expect(outcome.sent).toEqual([]);
	});

	it.each(WEBHOOK_SOURCES.map((source) => [source.value, source] as const))(
		'accepts a %s delivery at a trigger with that Event Source',
		async (value, source) => {
			const numberField = source.resource.numberField ?? 'number';
			const payload = { event: 'UPDATE', [source.payloadKey]: { id: 4711, [numberField]: '42' } };
			const outcome = await deliver(jsonRequest(payload), { eventSource: value });
			expect(itemsOf(outcome.result)).toEqual([
				{
					event: 'UPDATE',
					source: value,
					id: 4711,
					recognized: true,
					idFrom: `${source.payloadKey}.id`,
					[numberField]: '42',
					receivedAt: expect.any(String),
					deliveryKey: expect.stringMatching(new RegExp(`^${value}:UPDATE:4711:[0-9a-f]{16}$`)),
					payload,
				},
			]);
		},
	);

	it('reads JSON sent as text/plain, and JSON sent without a content type (from the raw bytes)', async () => {
		const text = JSON.stringify(DOCUMENTED_INVOICE);
		for (const request of [textRequest(text, 'text/plain; charset=utf-8'), textRequest(text)]) {
			const outcome = await deliver(request);
			expect(itemsOf(outcome.result)).toEqual([expect.objectContaining({ id: 106939080, payload: DOCUMENTED_INVOICE })]);
		}
	});

	it('prefers the raw bytes Moment sent over a body another parser produced', async () => {
		const request = textRequest(JSON.stringify(DOCUMENTED_INVOICE), 'application/x-www-form-urlencoded');
		const outcome = await deliver(request);
		// n8n parsed the JSON as a form: one key, the whole text
		expect(Object.keys(outcome.req.body as IDataObject)).toEqual([JSON.stringify(DOCUMENTED_INVOICE)]);
		expect(itemsOf(outcome.result)[0]).toMatchObject({ id: 106939080, payload: DOCUMENTED_INVOICE });
	});

	it('falls back to the parsed body when n8n kept no raw bytes (no n8n version does that today)', async () => {
		const request: WebhookRequest = { headers: { 'content-type': 'application/json' }, handedOver: { body: DOCUMENTED_INVOICE, readRawBody: false } };
		expect(itemsOf((await deliver(request)).result)[0]).toMatchObject({ id: 106939080, invoiceNumber: 1 });
		const text: WebhookRequest = { headers: { 'content-type': 'text/plain' }, handedOver: { body: JSON.stringify(DOCUMENTED_INVOICE), readRawBody: false } };
		expect(itemsOf((await deliver(text)).result)[0]).toMatchObject({ id: 106939080, invoiceNumber: 1 });
	});

	it('passes unknown fields through untouched in payload', async () => {
		const payload = { event: 'CREATE_NEW', invoice: { id: 5, kid: '000123', total: 1250.5 }, webhookVersion: 2, tags: ['a'] };
		const [item] = itemsOf((await deliver(jsonRequest(payload))).result);
		expect(item.payload).toEqual(payload);
	});
});

describe('webhook(): the Secret parameter of workflows saved with versions 1 and 1.1', () => {
	const payload = DOCUMENTED_INVOICE;

	it('runs with the right token and keeps the token out of the item and the answer', async () => {
		const outcome = await deliver(jsonRequest(payload, { token: SECRET }), { secret: SECRET });
		expect(itemsOf(outcome.result)).toHaveLength(1);
		expect(JSON.stringify(outcome.result)).not.toContain(SECRET);
	});

	it.each([
		['missing', {}, /add \?token=<the secret>/],
		['wrong', { token: 'dummy-webhook-secret-7Kp3' }, /does not match/],
		['empty', { token: '' }, /add \?token=/],
		['given twice', { token: [SECRET, SECRET] }, /does not match/],
	])('answers 401 and starts nothing when the token is %s', async (_label, query, message) => {
		const outcome = await deliver(jsonRequest(payload, query as IDataObject), { secret: SECRET });
		const body = expectAnswered(outcome, 401);
		expect(body).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
		expect(JSON.stringify(body)).not.toContain(SECRET);
		expect(outcome.logs).toEqual([{ level: 'warn', message: expect.stringContaining('refused a call (401)') }]);
		expect(JSON.stringify(outcome.logs)).not.toContain(SECRET);
	});

	it('checks the token before looking at the body', async () => {
		const outcome = await deliver(textRequest('not json', 'text/plain', { token: 'x' }), { secret: SECRET });
		expectAnswered(outcome, 401);
	});

	it('checks the Secret parameter of version 1.1 nodes the same way', async () => {
		const context = createWebhookContext({ request: jsonRequest(payload, { token: 'nope' }), parameters: { eventSource: 'invoice', secret: SECRET }, typeVersion: 1.1 });
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(401);
	});

	it('ignores spaces around the configured secret', async () => {
		const outcome = await deliver(jsonRequest(payload, { token: SECRET }), { secret: `  ${SECRET}\n` });
		expect(itemsOf(outcome.result)).toHaveLength(1);
	});

	it('accepts any call, with or without a token, when no secret is set', async () => {
		for (const query of [{}, { token: 'whatever' }]) {
			expect(itemsOf((await deliver(jsonRequest(payload, query), { secret: '' })).result)).toHaveLength(1);
			expect(itemsOf((await deliver(jsonRequest(payload, query), {})).result)).toHaveLength(1);
		}
	});

	it.each([
		['of spaces', '   ', undefined, /its Secret holds only spaces/],
		['too short', 'abc123', undefined, /its Secret is only 6 characters long/],
		['with a "#"', 'abcdefghij#klmnopqrstu', undefined, /its Secret contains "#"/],
		['that is an expression giving nothing', '={{ $env.MOMENT_SECRET }}', '', /its Secret is an expression that gave an empty value/],
	])('refuses every call (401) while the Secret parameter is %s: the user chose a secret, so an unusable one fails closed', async (_label, secret, resolved, problem) => {
		for (const query of [{}, { token: secret }, { token: 'anything' }]) {
			const context = createWebhookContext({
				request: jsonRequest(payload, query as IDataObject),
				parameters: { eventSource: 'invoice', secret },
				resolvedParameters: resolved === undefined ? {} : { secret: resolved },
				typeVersion: 1.1,
			});
			expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
			expect(context.response).toEqual({ statusCode: 401, body: { error: 'unauthorized', message: expect.stringContaining('because its Secret parameter is missing or not fit to be a secret') } });
			expect(context.logs).toEqual([{ level: 'warn', message: expect.stringMatching(problem) }]);
		}
	});
});

describe('webhook(): bad input is answered 400 and starts nothing', () => {
	const cases: Array<[string, WebhookRequest, RegExp]> = [
		['text that is not JSON', textRequest('event=CREATE_NEW', 'text/plain'), /not valid JSON/],
		['no content type and no JSON', textRequest('<invoice id="1"/>'), /not valid JSON/],
		['an empty body', { sent: Buffer.alloc(0), headers: {}, query: {} }, /empty/],
		['no body at all, sent as application/json', { headers: { 'content-type': 'application/json' } }, /empty/],
		['a JSON array', jsonRequest([DOCUMENTED_INVOICE]), /is a list/],
		['JSON null', jsonRequest(null), /is null/],
		['a JSON number', jsonRequest(7), /is the number "7"/],
		['a JSON string', jsonRequest('CREATE_NEW'), /is the text "CREATE_NEW"/],
		['a documented invoice without its id', jsonRequest({ event: 'CREATE_NEW', invoice: { invoiceNumber: 1 } }), /"invoice\.id" is missing/],
		['a documented invoice with a non-numeric id', jsonRequest({ invoice: { id: 'INV-1' } }), /not a positive whole number/],
		['a documented invoice with a negative id', jsonRequest({ invoice: { id: -1 } }), /not a positive whole number/],
		['a documented invoice with a fractional id', jsonRequest({ invoice: { id: 10.25 } }), /not a positive whole number/],
		['a documented invoice with a huge id', jsonRequest({ invoice: { id: 1e21 } }), /too large/],
	];

	it.each(cases)('%s', async (_label, request, message) => {
		const outcome = await deliver(request);
		expect(expectAnswered(outcome, 400)).toEqual({ error: 'bad request', message: expect.stringMatching(message) });
		expect(outcome.logs).toEqual([{ level: 'warn', message: expect.stringContaining('rejected a delivery (400)') }]);
	});
});

describe('webhook(): deliveries acknowledged but ignored (200, nothing runs)', () => {
	it('ignores a customer payload at an invoice trigger, says why, and logs it as a warning (a Moment integration pointed at the wrong trigger)', async () => {
		const outcome = await deliver(jsonRequest({ event: 'UPDATE', customer: { id: 62788973, customerNumber: '10001' } }));
		expect(expectAnswered(outcome, 200)).toEqual({
			ignored: true,
			reason: expect.stringContaining('"customer" payload (Moment webhook type "Customers")'),
		});
		expect(outcome.logs).toEqual([
			{ level: 'warn', message: expect.stringMatching(/^Moment Trigger "Moment Trigger" ignored a delivery: This is a "customer" payload .*Point that Moment integration at a Moment Trigger with the matching Event Source/) },
		]);
	});

	it('logs deliveries of another type a few times a minute per trigger, then how many were left out', async () => {
		let now = Date.parse('2026-11-23T10:00:00.000Z');
		const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
		try {
			const lines: LogEntry[] = [];
			const call = async () => {
				const context = createWebhookContext({ request: jsonRequest({ event: 'UPDATE', customer: { id: 1 } }), parameters: { eventSource: 'invoice' }, workflowId: 'wrong-integration' });
				await trigger.webhook.call(context.ctx);
				expect(context.response.statusCode).toBe(200);
				lines.push(...context.logs);
			};
			for (let i = 0; i < 50; i++) {
				now += 500;
				await call();
			}
			expect(lines).toHaveLength(LINES_PER_WINDOW);
			expect(lines.every((line) => line.level === 'warn')).toBe(true);
			now += WINDOW_MS;
			await call();
			expect(lines[LINES_PER_WINDOW].message).toMatch(new RegExp(`\\(${50 - LINES_PER_WINDOW} more like it in the minute from .* were not logged\\)$`));
		} finally {
			spy.mockRestore();
		}
	});

	it('runs only for events in the filter', async () => {
		const parameters = { events: 'CREATE_NEW' };
		expect(itemsOf((await deliver(jsonRequest(DOCUMENTED_INVOICE), parameters)).result)).toHaveLength(1);
		const other = await deliver(jsonRequest({ ...DOCUMENTED_INVOICE, event: 'CREDIT' }), parameters);
		expect(expectAnswered(other, 200)).toEqual({
			ignored: true,
			reason: 'Event "CREDIT" is not in this trigger\'s event filter (CREATE_NEW).',
		});
		// the user asked for this: debug level, not a warning
		expect(other.logs).toEqual([{ level: 'debug', message: expect.stringContaining('is not in this trigger\'s event filter') }]);
	});
});

describe('webhook(): Fetch Full Record', () => {
	const moment = () => nock(BASE_URL).matchHeader('accept', /application\/json/);
	const fetchParameters = { fetchFullRecord: true, secret: SECRET };
	const request = () => jsonRequest(DOCUMENTED_INVOICE, { token: SECRET });

	it('adds the record read with the Moment API credential', async () => {
		const record = { id: 106939080, invoiceNumber: 1, invoiceDate: '2026-11-20', total: 1250 };
		moment().get(`${PREFIX}/invoices/106939080`).basicAuth({ user: 'apikey', pass: API_KEY }).reply(200, record);
		const outcome = await deliver(request(), fetchParameters);
		const [item] = itemsOf(outcome.result);
		expect(item).toMatchObject({ event: 'CREATE_NEW', id: 106939080, payload: DOCUMENTED_INVOICE, record });
		expect(Object.keys(item).slice(-2)).toEqual(['payload', 'record']);
	});

	it.each(WEBHOOK_SOURCES.map((source) => [source.value, source] as const))(
		'reads a %s from its own API path',
		async (value, source) => {
			moment().get(`${PREFIX}/${source.resource.apiPath}/77`).reply(200, { id: 77 });
			const outcome = await deliver(jsonRequest({ event: 'UPDATE', [source.payloadKey]: { id: 77 } }), {
				eventSource: value,
				fetchFullRecord: true,
			});
			expect(itemsOf(outcome.result)[0].record).toEqual({ id: 77 });
		},
	);

	it('sends the Include option as /include/a+b', async () => {
		moment().get(`${PREFIX}/invoices/106939080/include/base+customer.name`).reply(200, { id: 106939080 });
		const outcome = await deliver(request(), { ...fetchParameters, include: 'base, customer.name' });
		expect(itemsOf(outcome.result)[0].record).toEqual({ id: 106939080 });
	});

	it('does not use the credential or the network when it is off', async () => {
		const outcome = await deliver(request(), { secret: SECRET, fetchFullRecord: false });
		expect(itemsOf(outcome.result)[0].record).toBeUndefined();
		expect(outcome.ctx.getCredentials).not.toHaveBeenCalled();
		expect(outcome.sent).toEqual([]);
	});

	it('fails loudly when Moment answers 404: the error names the event and carries it, no item, no answer', async () => {
		moment().get(`${PREFIX}/invoices/106939080`).reply(404, { message: 'Invoice not found' });
		const outcome = createWebhookContext({ request: request(), parameters: { eventSource: 'invoice', ...fetchParameters } });
		const error = await failureOf(trigger.webhook.call(outcome.ctx));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(
			'Could not fetch the full invoice for Moment\'s webhook: invoice 106939080 (event "CREATE_NEW", invoiceNumber 1)',
		);
		expect(error.description).toContain('Invoice 106939080 not found in company "acme".');
		expect(error.description).toContain('Moment said: Invoice not found.');
		expect(error.description).toContain('read invoice 106939080 with the Moment node, or turn off Fetch Full Record');
		expect(error.context.delivery).toEqual({
			event: 'CREATE_NEW',
			source: 'invoice',
			id: 106939080,
			recognized: true,
			idFrom: 'invoice.id',
			invoiceNumber: 1,
			customer: { id: 62788973, customerNumber: '10001' },
			project: { id: 62788980, projectNumber: '1' },
			receivedAt: expect.any(String),
			deliveryKey: expect.stringMatching(/^invoice:CREATE_NEW:106939080:/),
			payload: DOCUMENTED_INVOICE,
		});
		expect(outcome.response.statusCode).toBeUndefined();
		const everything = JSON.stringify(error) + error.message + String(error.description);
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain(API_KEY);
		expect(error.node.parameters.secret).toBe('[redacted]');
	});

	it('retries a 503 twice (Moment waits for the answer), then fails with the event data', async () => {
		moment().get(`${PREFIX}/invoices/106939080`).times(3).reply(503, 'Service Unavailable');
		const outcome = createWebhookContext({ request: request(), parameters: { eventSource: 'invoice', ...fetchParameters } });
		const error = await failureOf(trigger.webhook.call(outcome.ctx));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('invoice 106939080 (event "CREATE_NEW"');
		expect(error.description).toContain('Moment answered 503 for Invoice 106939080 after 3 attempts');
		expect(outcome.sent).toHaveLength(3);
	});

	it('fails loudly when the connection breaks', async () => {
		// n8n's HTTP helper rejects with a NodeApiError around the socket error (as test/helpers/
		// n8nHttp.ts does). Simulated here without a socket: nock's replyWithError races under load.
		const outcome = createWebhookContext({ request: request(), parameters: { eventSource: 'invoice', ...fetchParameters } });
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		jest.mocked(outcome.ctx.helpers.httpRequestWithAuthentication).mockRejectedValue(new NodeApiError(outcome.node, reset as unknown as JsonObject));
		const error = await failureOf(trigger.webhook.call(outcome.ctx));
		expect(error.message).toBe(
			'Could not fetch the full invoice for Moment\'s webhook: invoice 106939080 (event "CREATE_NEW", invoiceNumber 1)',
		);
		expect(error.description).toContain('Try again; if it keeps happening, check the network between n8n and Moment.');
		expect((error.context.delivery as IDataObject).id).toBe(106939080);
		expect(outcome.ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledTimes(3);
	});

	it('fails when Moment answers with something other than a record', async () => {
		moment().get(`${PREFIX}/invoices/106939080`).reply(200, [{ id: 1 }]);
		const error = await failureOf(deliver(request(), fetchParameters));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toContain('Moment answered with a list');
	});

	it('fails with a fix-it message for an invalid Include, before calling Moment', async () => {
		const error = await failureOf(deliver(request(), { ...fetchParameters, include: 'base/../x' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toContain('Include item "base/../x" is not valid');
	});
});

describe('webhook(): configuration', () => {
	it('refuses an Event Source that is not in the catalog', async () => {
		const error = await failureOf(deliver(jsonRequest(DOCUMENTED_INVOICE, { token: SECRET }), { eventSource: 'timeRecord', secret: SECRET }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Unknown Event Source "timeRecord"');
		expect(JSON.stringify(error.node)).not.toContain(SECRET);
	});
});
