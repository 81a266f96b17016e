/**
 * An answer is read up to 64 MB (issue 20, item 10): beyond that the node stops reading at once,
 * returns nothing and says what arrived. n8n's helper buffers any size (axios maxContentLength
 * Infinity), so the transport reads the stream itself (transport/response.ts). Over real sockets.
 */
import nock from 'nock';
import { sleep } from 'n8n-workflow';

import { momentApiRequest } from '../../nodes/Moment/transport';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { MAX_BODY_BYTES } from '../../nodes/Moment/transport/response';
import { CREDENTIALS, createExecuteContext } from '../helpers/context';
import { bigBody, startTestServer } from '../helpers/testServer';
import { invoice as invoiceResource } from '../../nodes/Moment/resources/invoice/invoice.facts';

const MB = 1024 * 1024;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
beforeEach(() => resetRateLimits());

async function fetchFrom(options: Parameters<typeof bigBody>[0], method: 'GET' | 'POST' = 'GET') {
	const body = bigBody(options);
	const server = await startTestServer({ handler: body.handler });
	try {
		const { ctx, sent } = createExecuteContext({ parameters: {}, credentials: { ...CREDENTIALS, baseUrl: server.url } });
		const outcome = await momentApiRequest
			.call(ctx, { method, resource: invoiceResource, id: method === 'GET' ? 7 : undefined, body: method === 'POST' ? { a: 1 } : undefined })
			.then(
				(value) => ({ value, error: undefined }),
				(error: Error & { description?: string; httpCode?: string }) => ({ value: undefined, error }),
			);
		// the client hangs up; under load the server may see it a little later
		for (let i = 0; i < 40 && server.openConnections() > 0; i++) await sleep(50);
		return { ...outcome, sent, written: body.sent, openConnections: server.openConnections() };
	} finally {
		await server.close();
	}
}

describe('a response body larger than 64 MB', () => {
	it('the limit is 64 MB', () => {
		expect(MAX_BODY_BYTES).toBe(64 * MB);
	});

	it('without Content-Length: reading stops just past 64 MB, nothing is returned, and the message says what arrived', async () => {
		const { error, sent, written, openConnections } = await fetchFrom({ bytes: 80 * MB });
		expect(error?.message).toBe("Moment's answer for Invoice 7 is larger than 64 MB, the most the node reads");
		expect(error?.description).toBe(
			'More than 64 MB arrived (status 200); the node stopped reading and returned nothing, so no partial data is passed on. Ask for less at a time: a Limit or filters, fewer Include parts.',
		);
		expect(error?.httpCode).toBe('200');
		// not retried, and the server was cut off well before its 80 MB
		expect(sent).toHaveLength(1);
		expect(written.finished).toBe(false);
		expect(openConnections).toBe(0);
	});

	it('with a Content-Length over 64 MB: refused before reading', async () => {
		const { error, written } = await fetchFrom({ bytes: 70 * MB, announce: true });
		expect(error?.description).toMatch(/^Moment announced 70 MB \(Content-Length\) \(status 200\); the node stopped reading and returned nothing/);
		expect(written.finished).toBe(false);
	});

	it('compressed: the limit counts what it unpacks to, not what came over the wire', async () => {
		const { error, written } = await fetchFrom({ bytes: 70 * MB, gzip: true });
		expect(written.bytes).toBeLessThan(MB);
		expect(error?.message).toBe("Moment's answer for Invoice 7 is larger than 64 MB, the most the node reads");
	});

	it('an error answer is bounded too', async () => {
		const { error } = await fetchFrom({ bytes: 65 * MB, status: 500, announce: true });
		expect(error?.message).toBe("Moment's answer for Invoice 7 is larger than 64 MB, the most the node reads");
		expect(error?.httpCode).toBe('500');
	});

	it('a write says Moment may have saved the change', async () => {
		const { error, sent } = await fetchFrom({ bytes: 65 * MB, announce: true }, 'POST');
		expect(error?.description).toContain('Moment may have applied the change: check in Moment before running again.');
		expect(sent).toHaveLength(1);
	});

	it('an answer of exactly 64 MB is read', async () => {
		const { value, error } = await fetchFrom({ bytes: 64 * MB });
		expect(error).toBeUndefined();
		expect(value).toEqual([]);
	});
});
