/**
 * Smaller leaks (issue 20, item 10): the API key is scrubbed from any text from Moment or the
 * network before that text is cut to length, and a Base URL's user:password (or query) is never
 * repeated in a message.
 */
import nock from 'nock';
import type { INode } from 'n8n-workflow';

import { momentApiRequest, momentApiRequestAllItems } from '../../nodes/Moment/transport';
import type { FailureContext } from '../../nodes/Moment/transport/errors';
import { networkError } from '../../nodes/Moment/transport/errors';
import { secretScrubber } from '../../nodes/Moment/transport/request';
import { normalizeBaseUrl } from '../../nodes/Moment/transport/url';
import { API_KEY, BASE_URL, COMPANY, createExecuteContext, PREFIX } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { customer as customerResource } from '../../nodes/Moment/resources/customer/customer.facts';

const BASIC = Buffer.from(`apikey:${API_KEY}`).toString('base64');
/** A key without words that messages use ("moment"), for the Base URL messages. */
const URL_KEY = 'dummy-Zq9SecretKx7Lp2Wv4';

useMomentNock();

/** Every part of the key or of its Basic form long enough to mean something (6 characters and up). */
function expectNoPartOf(text: string, key = API_KEY) {
	for (const secret of [key, Buffer.from(`apikey:${key}`).toString('base64')]) {
		for (let i = 0; i + 6 <= secret.length; i++) expect({ leaked: text.includes(secret.slice(i, i + 6)), part: secret.slice(i, i + 6) }).toEqual({ leaked: false, part: secret.slice(i, i + 6) });
	}
}

function errorText(error: { message: string; description?: string | null }) {
	return `${error.message} ${String(error.description)} ${JSON.stringify(error)}`;
}

describe('the key is scrubbed before a message is cut to length', () => {
	// Moment's message is shown up to 300 characters: keys placed across that cut
	const offsets = [270, 285, 290, 295, 299, 300, 301];

	it.each(offsets)("the API key at character %i of Moment's message leaves no part of it", async (offset) => {
		nock(BASE_URL).get(`${PREFIX}/customers/1`).reply(400, { message: `${'x'.repeat(offset)}${API_KEY} and more text after it` });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1 }));
		expect(error.description).toContain('Moment said: xxxx');
		expectNoPartOf(errorText(error));
	});

	it.each(offsets)('the Basic header echoed at character %i leaves no part of it', async (offset) => {
		nock(BASE_URL)
			.get(`${PREFIX}/customers/1`)
			.reply(function () {
				return [401, { message: `${'y'.repeat(offset)}${String(this.req.headers.authorization)} was refused` }];
			});
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1 }));
		expectNoPartOf(errorText(error));
	});

	it('a key echoed JSON-escaped or percent-encoded is scrubbed too', () => {
		const key = 'k3y"with/odd+chars=\\';
		const scrub = secretScrubber({ apiKey: key });
		expect(scrub(`a ${JSON.stringify(key)} b ${encodeURIComponent(key)} c ${key}`)).toBe('a "[redacted]" b [redacted] c [redacted]');
	});

	it('a network error whose text holds the key past the cut leaves no part of it', () => {
		const node = { name: 'Moment' } as INode;
		const ctx: FailureContext = { method: 'GET', path: '/x', companyCode: COMPANY, scrub: secretScrubber({ apiKey: API_KEY }) };
		for (const offset of offsets) {
			const error = networkError(node, 'ECONNRESET', `${'z'.repeat(offset)}${API_KEY} ${BASIC}`, ctx);
			expectNoPartOf(errorText(error));
		}
	});

	it("a list in an unexpected shape names Moment's field names scrubbed and cut", async () => {
		nock(BASE_URL)
			.get(`${PREFIX}/customers`)
			.query(true)
			.reply(200, { [`${'f'.repeat(190)}${API_KEY}`]: 1, other: 2 });
		const { ctx } = createExecuteContext({ parameters: {} });
		const error = await failureOf(momentApiRequestAllItems.call(ctx, { resource: customerResource }));
		expect(error.message).toBe('Moment sent the customer list in an unexpected shape');
		expectNoPartOf(errorText(error));
	});
});

describe('a Base URL with user:password is never repeated', () => {
	it.each([
		`https://apikey:${URL_KEY}@app.moment.team`,
		`https://${URL_KEY}@app.moment.team`,
		`apikey:${URL_KEY}@app.moment.team`,
		`htp://apikey:${URL_KEY}@app.moment.team`,
		`https://apikey:${URL_KEY.slice(0, 10)}/${URL_KEY.slice(10)}@app.moment.team`,
		`https://app.moment.team@evil.example`,
	])('%s: the message names the problem without the value', (baseUrl) => {
		let message = '';
		try {
			normalizeBaseUrl(baseUrl);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^The Base URL in the Moment API credential must not contain a user name or password \(user:password@ before the host/);
		expectNoPartOf(message, URL_KEY);
		expect(message).not.toContain('evil');
	});

	it('the node fails before any request, with that message', async () => {
		const { ctx, sent } = createExecuteContext({ parameters: {}, credentials: { apiKey: URL_KEY, companyCode: COMPANY, baseUrl: `https://apikey:${URL_KEY}@app.moment.team` } });
		const error = await failureOf(momentApiRequest.call(ctx, { method: 'GET', resource: customerResource, id: 1, itemIndex: 0 }));
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(/must not contain a user name or password/);
		expectNoPartOf(errorText(error), URL_KEY);
	});

	it.each([
		[`https://app.moment.team/?apikey=${URL_KEY}`, 'The Base URL "https://app.moment.team" must be a plain host address without ?query or #fragment (not shown here)'],
		[`https://app.moment.team/moment#${URL_KEY}`, 'The Base URL "https://app.moment.team/moment" must be a plain host address without ?query or #fragment (not shown here)'],
		[`app.moment.team?key=${URL_KEY}`, 'The Base URL "app.moment.team" in the Moment API credential is not a URL.'],
		[`ftp://app.moment.team?key=${URL_KEY}`, 'The Base URL "ftp://app.moment.team" must start with https://'],
	])('%s: a query or fragment is not shown either', (baseUrl, expected) => {
		expect(() => normalizeBaseUrl(baseUrl)).toThrow(expected);
		try {
			normalizeBaseUrl(baseUrl);
		} catch (error) {
			expectNoPartOf((error as Error).message, URL_KEY);
		}
	});
});
