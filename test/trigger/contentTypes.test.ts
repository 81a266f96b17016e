/**
 * A delivery is read whatever its content type. The request the node gets is what n8n 2.41.3 and
 * 1.123.81 make of the bytes and headers sent, for the node's typeVersion (n8nHandling in
 * test/helpers/webhookContext.ts mirrors their parseRequestBody and body-parser.ts): for a start
 * node above version 1 and a content type n8n does not parse (none, application/octet-stream,
 * application/vnd.moment+json, ...) the bytes are still unread in the request stream. The real runs
 * are in the end-to-end suite (test/e2e/scenarios/triggerContentTypes.mjs).
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { DRAIN_LIMIT, STREAM_READ_LIMIT } from '../../nodes/Moment/trigger/webhook';
import type { N8nVersion, WebhookRequest } from '../helpers/webhookContext';
import { N8N_PAYLOAD_SIZE_MAX, createWebhookContext, n8nHandling, textRequest } from '../helpers/webhookContext';
import { DOCUMENTED_INVOICE } from '../helpers/payloads';

const trigger = new MomentTrigger();
const JSON_TEXT = JSON.stringify(DOCUMENTED_INVOICE);

function parametersFor(typeVersion: number): IDataObject {
	return typeVersion < 2 ? { eventSource: 'invoice', secret: '', events: '', fetchFullRecord: false, include: '' } : { eventSource: 'invoice', authentication: 'none', fetchFullRecord: false, options: {} };
}

async function run(request: WebhookRequest, typeVersion = 2, n8n: N8nVersion = '2.41.3') {
	const context = createWebhookContext({ request, parameters: parametersFor(typeVersion), typeVersion, n8n });
	const result: IWebhookResponseData = await trigger.webhook.call(context.ctx);
	return { result, ...context };
}

function payloadOf(result: IWebhookResponseData): unknown {
	expect(result.workflowData).toHaveLength(1);
	const [item] = result.workflowData![0];
	return item.json.payload;
}

/** Content types whose JSON body reaches the node (n8n answers none of them itself). */
const READABLE = [
	'none',
	'application/json',
	'application/json; charset=utf-8',
	'Application/JSON; Charset="UTF-8"',
	'application/json-patch+json',
	'text/plain',
	'text/plain; charset=utf-8',
	'application/x-www-form-urlencoded',
	'application/octet-stream',
	'application/vnd.moment+json',
	'application/vnd.moment+json; charset=iso-8859-1',
	'text/html',
	'multipart/mixed; boundary=x',
	'',
];

describe('a JSON object reaches the workflow intact whatever its Content-Type, node version and n8n version', () => {
	const cases = READABLE.flatMap((contentType) => [1, 1.1, 2].flatMap((typeVersion) => (['2.41.3', '1.123.81'] as const).map((n8n) => [contentType, typeVersion, n8n] as const)));

	it.each(cases)('Content-Type %j, typeVersion %s, n8n %s', async (contentType, typeVersion, n8n) => {
		const request = textRequest(JSON_TEXT, contentType === 'none' ? undefined : contentType);
		const outcome = await run(request, typeVersion, n8n);
		expect(payloadOf(outcome.result)).toEqual(DOCUMENTED_INVOICE);
		expect(outcome.result.webhookResponse).toMatchObject({ received: true, id: 106939080, recognized: true });
	});

	it('reads the stream with n8n\'s own readRawBody, once, only when n8n left the body unread', async () => {
		const unread = await run(textRequest(JSON_TEXT, 'application/octet-stream'), 2);
		expect(unread.req.readRawBodyCalls).toBe(1);
		expect(unread.req.rawBody?.toString('utf8')).toBe(JSON_TEXT);
		const read = await run(textRequest(JSON_TEXT, 'application/octet-stream'), 1);
		expect(read.req.readRawBodyCalls).toBe(0);
		const json = await run(textRequest(JSON_TEXT, 'application/json'), 2);
		expect(json.req.readRawBodyCalls).toBe(0);
		expect(payloadOf(json.result)).toBe(json.req.body);
	});

	it('uses n8n\'s parse of application/json instead of parsing the bytes again', async () => {
		const context = createWebhookContext({ request: textRequest(JSON_TEXT, 'application/json'), parameters: parametersFor(2), typeVersion: 2 });
		// n8n's own parse happened in n8nHandling; the node must not parse again
		const parse = jest.spyOn(JSON, 'parse');
		try {
			const result = await trigger.webhook.call(context.ctx);
			expect(payloadOf(result)).toBe(context.req.body);
			expect(parse).not.toHaveBeenCalled();
		} finally {
			parse.mockRestore();
		}
	});

	it('reads the charset the Content-Type names when n8n did not read the body, else UTF-8', async () => {
		const body = { event: 'CREATE_NEW', invoice: { id: 7, comment: 'Kåre Ørsted – reise' } };
		const text = JSON.stringify(body);
		const latin1 = Buffer.from(text.replace('–', '-'), 'latin1');
		expect(payloadOf((await run(textRequest(latin1, 'application/vnd.moment+json; charset=ISO-8859-1'), 2)).result)).toEqual({ ...body, invoice: { ...body.invoice, comment: 'Kåre Ørsted - reise' } });
		const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le');
		expect(payloadOf((await run(textRequest(utf16, 'application/octet-stream; charset=utf-16le'), 2)).result)).toEqual(body);
		const utf8 = Buffer.from(`\ufeff${text}`, 'utf8');
		for (const contentType of ['application/octet-stream; charset=x-no-such-charset', 'application/octet-stream', undefined]) {
			expect(payloadOf((await run(textRequest(utf8, contentType), 2)).result)).toEqual(body);
		}
	});
});

describe('where n8n answers before the node runs (nothing the node can do; docs/moment-trigger.md says so)', () => {
	it.each([
		['broken JSON as application/json', textRequest('{"event": ', 'application/json')],
		['JSON as application/xml', textRequest(JSON_TEXT, 'application/xml')],
		['JSON as text/plain in a charset Node cannot decode', textRequest(JSON_TEXT, 'text/plain; charset=iso-8859-1')],
		['JSON as application/json in a charset Node cannot decode', textRequest(JSON_TEXT, 'application/json; charset=windows-1252')],
	])('%s: n8n answers 422', (_label, request) => {
		for (const typeVersion of [1, 1.1, 2]) expect(n8nHandling(request, typeVersion)).toEqual({ n8nAnswers: 422, reason: expect.stringMatching(/^Failed to parse request body/) });
	});

	it('a byte order mark before JSON sent as application/json: read by 2.41.3, refused (422) by 1.123.81', async () => {
		const request = textRequest(`\ufeff${JSON_TEXT}`, 'application/json');
		expect(payloadOf((await run(request, 2, '2.41.3')).result)).toEqual(DOCUMENTED_INVOICE);
		expect(n8nHandling(request, 2, '1.123.81')).toMatchObject({ n8nAnswers: 422 });
	});
});

describe('a body that cannot be read is answered with what to fix', () => {
	it('multipart/form-data (n8n splits it into form fields): 415 naming the type and the fix', async () => {
		for (const typeVersion of [1, 2]) {
			const outcome = await run(textRequest(JSON_TEXT, 'multipart/form-data; boundary=----x'), typeVersion);
			expect(outcome.result).toEqual({ noWebhookResponse: true });
			expect(outcome.response).toEqual({
				statusCode: 415,
				body: { error: 'unsupported media type', message: expect.stringMatching(/^The request came as multipart\/form-data, which n8n splits into form fields .* send the body as application\/json \(or without a Content-Type\)\.$/) },
			});
			expect(outcome.logs).toEqual([{ level: 'warn', message: expect.stringContaining('could not read a delivery (415)') }]);
		}
	});

	it('a body larger than N8N_PAYLOAD_SIZE_MAX that n8n left unread: 413 from n8n\'s own limit, naming the type', async () => {
		const huge = Buffer.alloc(N8N_PAYLOAD_SIZE_MAX + 1, 0x20);
		const outcome = await run(textRequest(huge, 'application/octet-stream'), 2);
		expect(outcome.response).toEqual({
			statusCode: 413,
			body: { error: 'payload too large', message: expect.stringMatching(/^The request body \(Content-Type "application\/octet-stream"\) is larger than n8n accepts \(N8N_PAYLOAD_SIZE_MAX, 16 MB by default\)/) },
		});
		expect(outcome.req.readRawBodyCalls).toBe(1);
		// the rest was taken off the connection (dropped, not kept), so the sender reads the 413
		expect(outcome.req.readableEnded).toBe(true);
		expect(outcome.req.rawBody).toBeUndefined();
	});

	it('readRawBody failing otherwise (the stream was read already): 400 with its reason, no hang', async () => {
		const request = textRequest(JSON_TEXT, 'application/octet-stream');
		const context = createWebhookContext({ request, parameters: parametersFor(2), typeVersion: 2 });
		for await (const chunk of context.req) expect(chunk.length).toBeGreaterThan(0);
		await trigger.webhook.call(context.ctx);
		expect(context.response).toEqual({ statusCode: 400, body: { error: 'bad request', message: expect.stringContaining('could not be read: Request body stream was aborted or is not readable') } });
	});
});

describe('an n8n without readRawBody (none today): the node reads the stream itself, bounded', () => {
	const unread = (bytes: Buffer, contentType = 'application/octet-stream'): WebhookRequest => ({
		...textRequest(bytes, contentType),
		handedOver: { contentType, encoding: 'utf-8', unread: bytes, readRawBody: false },
	});

	it('reads it once and keeps the bytes as n8n would (rawBody)', async () => {
		const outcome = await run(unread(Buffer.from(JSON_TEXT)));
		expect(payloadOf(outcome.result)).toEqual(DOCUMENTED_INVOICE);
		expect(outcome.req.rawBody?.toString('utf8')).toBe(JSON_TEXT);
		expect(outcome.req.readableEnded).toBe(true);
	});

	it(`keeps at most ${STREAM_READ_LIMIT / 1024 / 1024} MB: 413, the rest read and dropped up to ${DRAIN_LIMIT / 1024 / 1024} MB`, async () => {
		const outcome = await run(unread(Buffer.alloc(STREAM_READ_LIMIT + 70_000, 0x20)));
		expect(outcome.response.statusCode).toBe(413);
		expect(outcome.req.rawBody).toBeUndefined();
		expect(outcome.req.readableEnded).toBe(true);
	});

	it('does not wait for a stream that was read already: 400, empty', async () => {
		const context = createWebhookContext({ request: unread(Buffer.from(JSON_TEXT)), parameters: parametersFor(2), typeVersion: 2 });
		for await (const chunk of context.req) expect(chunk.length).toBeGreaterThan(0);
		await trigger.webhook.call(context.ctx);
		expect(context.response).toEqual({ statusCode: 400, body: { error: 'bad request', message: 'The request body is empty. Moment sends a JSON object.' } });
	});
});
