/**
 * webhook() of version 2 (the secret in a Moment Webhook API credential, Only Events and Include under
 * Options), deliveries that run flagged, and the throttled log of refused calls.
 */
import nock from 'nock';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { LINES_PER_WINDOW, WINDOW_MS } from '../../nodes/Moment/trigger/webhook';
import { BASE_URL, PREFIX } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import type { WebhookContextOptions, WebhookRequest } from '../helpers/webhookContext';
import { createWebhookContext, jsonRequest, textRequest } from '../helpers/webhookContext';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

const SECRET = 'dummy-credential-secret-Vb83Qp1';
const trigger = new MomentTrigger();

function v2(request: WebhookRequest, parameters: IDataObject = {}, options: Partial<WebhookContextOptions> = {}) {
	return createWebhookContext({ request, parameters: { eventSource: 'invoice', authentication: 'none', fetchFullRecord: false, options: {}, ...parameters }, typeVersion: 2, ...options });
}

function itemsOf(result: IWebhookResponseData): IDataObject[] {
	expect(result.workflowData).toHaveLength(1);
	return result.workflowData![0].map((item) => item.json);
}

useMomentNock();

describe('version 2: the secret token in a Moment Webhook API credential', () => {
	const withToken = { authentication: 'secretToken' };

	it('runs with the right token; the secret is nowhere in the node, the item or the answer', async () => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE, { token: SECRET }), withToken, { webhookSecret: SECRET });
		const result = await trigger.webhook.call(context.ctx);
		expect(itemsOf(result)).toHaveLength(1);
		expect(context.ctx.getCredentials).toHaveBeenCalledWith('momentWebhookApi');
		expect(JSON.stringify([result, context.node, context.logs])).not.toContain(SECRET);
	});

	it.each([
		['missing', {}, 'missing token'],
		['wrong', { token: `${SECRET}x` }, 'wrong token'],
		['in upper case', { token: SECRET.toUpperCase() }, 'wrong token'],
		['given twice', { token: [SECRET, SECRET] }, 'wrong token'],
	])('answers 401 and starts nothing when the token is %s', async (_label, query, logged) => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE, query as IDataObject), withToken, { webhookSecret: SECRET });
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response).toEqual({ statusCode: 401, body: { error: 'unauthorized', message: expect.stringMatching(/token/) } });
		expect(context.logs).toEqual([{ level: 'warn', message: `Moment Trigger "Moment Trigger" refused a call (401): ${logged}` }]);
		expect(JSON.stringify([context.response, context.logs])).not.toContain(SECRET);
	});

	it('trims spaces around the secret in the credential', async () => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE, { token: SECRET }), withToken, { webhookSecret: `  ${SECRET}\n` });
		expect(itemsOf(await trigger.webhook.call(context.ctx))).toHaveLength(1);
	});

	it('checks no token and reads no credential with Authentication None, whatever the query says', async () => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE, { token: 'anything' }), { authentication: 'none' }, { webhookSecret: SECRET });
		expect(itemsOf(await trigger.webhook.call(context.ctx))).toHaveLength(1);
		expect(context.ctx.getCredentials).not.toHaveBeenCalled();
	});

	it('ignores a Secret parameter left in a version 2 node (only the credential counts)', async () => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE), { secret: 'left-over-secret-from-v1-xxxx' });
		expect(itemsOf(await trigger.webhook.call(context.ctx))).toHaveLength(1);
	});

	it('refuses every call (401) when Authentication needs a credential and none is selected', async () => {
		const context = v2(jsonRequest(DOCUMENTED_INVOICE, { token: SECRET }), withToken);
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response).toEqual({ statusCode: 401, body: { error: 'unauthorized', message: expect.stringContaining('the secret of its Moment Webhook API credential is missing or not fit') } });
		expect(context.logs).toEqual([{ level: 'warn', message: expect.stringContaining('no Moment Webhook API credential is selected') }]);
	});
});

describe('version 2: an unusable secret refuses every call (fails closed), checked at every call', () => {
	const withToken = { authentication: 'secretToken' };
	const BAD: Array<[string, string, RegExp]> = [
		['empty', '', /is empty/],
		['only spaces', '   ', /is empty/],
		['a line break', '\n', /is empty/],
		['too short', 'short-secret-12', /is only 15 characters long/],
		['too long', 'x'.repeat(300), /is 300 characters long/],
		['with a space', 'a secret with spaces in it', /contains a space/],
		['with a "&"', 'abcdefghij&klmnopqrstu', /contains "&"/],
	];

	it.each(BAD)('a credential secret %s: 401 for every token, a warning naming the problem, no secret anywhere', async (_label, secret, problem) => {
		for (const query of [{}, { token: '' }, { token: secret }, { token: secret.trim() }, { token: SECRET }]) {
			const context = v2(jsonRequest(DOCUMENTED_INVOICE, query), withToken, { webhookSecret: secret });
			expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
			expect(context.response).toEqual({
				statusCode: 401,
				body: { error: 'unauthorized', message: expect.stringMatching(/^This Moment Trigger refuses every call because the secret of its Moment Webhook API credential is missing or not fit to be a secret\. In n8n, set a secret of 20 to 256 letters/) },
			});
			expect(context.logs).toEqual([
				{ level: 'warn', message: expect.stringMatching(new RegExp(`^Moment Trigger "Moment Trigger" refused a call \\(401\\) because its secret token is unusable: the secret in its Moment Webhook API credential "Moment webhook secret" ${problem.source}`)) },
			]);
			if (secret.trim().length > 3) expect(JSON.stringify([context.response, context.logs])).not.toContain(secret.trim());
		}
	});

	it('reads the credential at every call: edited to an empty secret after publishing, the next call is refused; fixed, calls run again', async () => {
		const call = async (credentialSecret: string) => {
			const context = v2(jsonRequest(DOCUMENTED_INVOICE, { token: SECRET }), withToken, { webhookSecret: credentialSecret, workflowId: 'edited-later' });
			const result = await trigger.webhook.call(context.ctx);
			return result.workflowData ? 'ran' : context.response.statusCode;
		};
		expect(await call(SECRET)).toBe('ran');
		expect(await call('')).toBe(401);
		expect(await call('tooShort9')).toBe(401);
		expect(await call(SECRET)).toBe('ran');
	});

	it('logs a flood of calls to an unusable secret a few times a minute', async () => {
		const logs: string[] = [];
		for (let i = 0; i < 20; i++) {
			const context = v2(jsonRequest(DOCUMENTED_INVOICE), withToken, { webhookSecret: '', workflowId: 'unusable-flood' });
			await trigger.webhook.call(context.ctx);
			expect(context.response.statusCode).toBe(401);
			logs.push(...context.logs.map((entry) => entry.message));
		}
		expect(logs).toHaveLength(LINES_PER_WINDOW);
	});

	it('checks the secret before the body and the Event Source: an unusable secret answers 401 whatever was sent', async () => {
		const context = v2(textRequest('not json', 'text/plain'), { ...withToken, eventSource: 'timeRecord' }, { webhookSecret: '' });
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(401);
	});
});

describe('version 2: Options', () => {
	it('runs only for the events under Options > Only Events', async () => {
		const parameters = { options: { events: 'create_new' } };
		expect(itemsOf(await trigger.webhook.call(v2(jsonRequest(DOCUMENTED_INVOICE), parameters).ctx))).toHaveLength(1);
		const other = v2(jsonRequest({ ...DOCUMENTED_INVOICE, event: 'CREDIT' }), parameters);
		expect(await trigger.webhook.call(other.ctx)).toEqual({ noWebhookResponse: true });
		expect(other.response).toEqual({ statusCode: 200, body: { ignored: true, reason: 'Event "CREDIT" is not in this trigger\'s event filter (CREATE_NEW).' } });
	});

	it('fetches the full record with Options > Include', async () => {
		nock(BASE_URL).get(`${PREFIX}/invoices/106939080/include/base+email`).reply(200, { id: 106939080, email: 'a@b.no' });
		const context = v2(jsonRequest(DOCUMENTED_INVOICE), { fetchFullRecord: true, options: { include: 'base+email' } });
		expect(itemsOf(await trigger.webhook.call(context.ctx))[0].record).toEqual({ id: 106939080, email: 'a@b.no' });
	});

	it('ignores the version 1 parameters Only Events and Include in a version 2 node', async () => {
		nock(BASE_URL).get(`${PREFIX}/invoices/106939080`).reply(200, { id: 106939080 });
		const context = v2(jsonRequest({ ...DOCUMENTED_INVOICE, event: 'CREDIT' }), { fetchFullRecord: true, events: 'CREATE_NEW', include: 'x/../y' });
		expect(itemsOf(await trigger.webhook.call(context.ctx))[0]).toMatchObject({ event: 'CREDIT', record: { id: 106939080 } });
	});
});

describe('deliveries whose record is not found run flagged', () => {
	it.each([
		['an invoice trigger', 'invoice', { event: 'CREDIT_NOTE', creditNote: { id: 7 } }, /^The body has no "invoice" object/],
		['a claim trigger', 'claim', { event: 'UPDATE', note: 'hello' }, /^No claim id found/],
		['a project trigger (two other records, ambiguous)', 'project', { event: 'UPDATE', customer: { id: 1 }, offer: { id: 2 } }, /^No project id found/],
	])('at %s: one item with recognized false, id null, a reason and the untouched body; Moment gets 200', async (_label, eventSource, body, reason) => {
		const context = v2(textRequest(JSON.stringify(body), 'text/plain'), { eventSource });
		const result = await trigger.webhook.call(context.ctx);
		const [item] = itemsOf(result);
		expect(item).toMatchObject({ source: eventSource, id: null, recognized: false, idFrom: null, reason: expect.stringMatching(reason), payload: body });
		expect(item.deliveryKey).toMatch(new RegExp(`^${eventSource}:[^:]*::[0-9a-f]{16}$`));
		expect(Object.keys(item).slice(0, 6)).toEqual(['event', 'source', 'id', 'recognized', 'idFrom', 'reason']);
		expect(result.webhookResponse).toEqual({ received: true, source: eventSource, event: body.event, id: null, recognized: false });
	});

	it('with Fetch Full Record, fails loudly without a request: the error names the delivery and carries it', async () => {
		const body = { event: 'UPDATE', note: 'no id here' };
		const context = v2(jsonRequest(body), { eventSource: 'claim', fetchFullRecord: true });
		const error = await failureOf(trigger.webhook.call(context.ctx));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Could not fetch the full claim for Moment\'s webhook: claim without an id (event "UPDATE")');
		expect(error.description).toContain('No claim id was found in the delivery, so there is nothing to fetch.');
		expect(error.description).toContain('No claim id found');
		expect(error.description).toContain('find the claim in context.delivery.payload with the Moment node, or turn off Fetch Full Record');
		expect(error.context.delivery).toMatchObject({ source: 'claim', id: null, recognized: false, payload: body });
		expect(context.sent).toEqual([]);
	});

	it('fetches the record found in an undocumented place', async () => {
		nock(BASE_URL).get(`${PREFIX}/offers/602`).reply(200, { id: 602, offerState: 'accepted' });
		const body = { event: 'DECIDED', decision: { id: 9, offerId: 602 } };
		const context = v2(jsonRequest(body), { eventSource: 'offerDecision', fetchFullRecord: true });
		expect(itemsOf(await trigger.webhook.call(context.ctx))[0]).toMatchObject({ id: 602, idFrom: 'decision.offerId', record: { offerState: 'accepted' } });
	});
});

describe('refused calls are logged a few times a minute per trigger, with a count of the rest', () => {
	afterEach(() => jest.restoreAllMocks());

	it(`logs ${LINES_PER_WINDOW} of 200 wrong-token calls in a minute (400s on their own budget), then the count with the next line`, async () => {
		let now = Date.parse('2026-11-23T10:00:00.000Z');
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		const logs: string[] = [];
		const call = async (query: IDataObject, body: unknown = DOCUMENTED_INVOICE) => {
			const context = v2(jsonRequest(body, query), { authentication: 'secretToken' }, { webhookSecret: SECRET, workflowId: 'flooded' });
			await trigger.webhook.call(context.ctx);
			logs.push(...context.logs.map((entry) => `${entry.level} ${entry.message}`));
			return context.response.statusCode;
		};
		for (let i = 0; i < 200; i++) {
			now += 100;
			expect(await call({ token: 'guess' })).toBe(401);
		}
		expect(logs).toHaveLength(LINES_PER_WINDOW);
		expect(await call({ token: SECRET }, [])).toBe(400);
		expect(logs).toHaveLength(LINES_PER_WINDOW + 1);
		now += WINDOW_MS;
		expect(await call({})).toBe(401);
		expect(logs[logs.length - 1]).toBe(
			`warn Moment Trigger "Moment Trigger" refused a call (401): missing token (${200 - LINES_PER_WINDOW} more like it in the minute from 2026-11-23T10:00:00.100Z were not logged)`,
		);
		// another trigger is logged on its own budget
		const other = v2(jsonRequest(DOCUMENTED_INVOICE), { authentication: 'secretToken' }, { webhookSecret: SECRET, workflowId: 'quiet' });
		await trigger.webhook.call(other.ctx);
		expect(other.logs).toHaveLength(1);
	});
});
