import nock from 'nock';

import { MomentApi } from '../credentials/MomentApi.credentials';
import { MomentWebhookApi } from '../credentials/MomentWebhookApi.credentials';
import { applyMomentAuthentication, makeHttpRequestWithAuthentication } from './helpers/n8nHttp';
import { API_KEY, BASE_URL, CREDENTIALS, makeNode } from './helpers/context';

const credential = new MomentApi();

describe('Moment API credential', () => {
	it('is named and documented as n8n expects', () => {
		expect(credential.name).toBe('momentApi');
		expect(credential.displayName).toBe('Moment API');
		expect(credential.documentationUrl).toMatch(/^https:\/\/github\.com\/.+#credentials$/);
		expect(credential.icon).toEqual({ light: 'file:../icons/moment.svg', dark: 'file:../icons/moment.dark.svg' });
	});

	it('asks for the API key as a password, the company code and the base URL', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(byName)).toEqual(['apiKey', 'companyCode', 'baseUrl']);
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.apiKey.description).toMatch(/Setup > Settings > Integrations > API Access/);
		expect(byName.apiKey.description).toMatch(/Company > API keys/);
		expect(byName.companyCode.description).toMatch(/app\.moment\.team\//);
		expect(byName.baseUrl.default).toBe('https://app.moment.team');
	});

	it('authenticates with Basic auth, user "apikey" and the key as password', () => {
		const options = applyMomentAuthentication({ url: 'https://x' }, CREDENTIALS);
		expect(options.auth).toEqual({ username: 'apikey', password: API_KEY });
	});

	it('tests the key with one customer of the company, and explains 401 / 403 / 404', () => {
		expect(credential.test.request).toMatchObject({
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/api/1.0/companies/{{encodeURIComponent(String($credentials.companyCode).trim())}}/customers',
			qs: { page: 0, size: 1 },
		});
		const rules = credential.test.rules ?? [];
		const messages = Object.fromEntries(
			rules.map((rule) => [(rule.properties as { value: number }).value, (rule.properties as { message: string }).message]),
		);
		expect(messages[401]).toMatch(/rejected the API key/);
		expect(messages[403]).toMatch(/may not read customers/);
		expect(messages[404]).toMatch(/company code/);
	});

	it('the test request, sent the way n8n sends it, reaches Moment with the right auth', async () => {
		nock.disableNetConnect();
		const scope = nock(BASE_URL)
			.get('/api/1.0/companies/acme/customers')
			.query({ page: 0, size: 1 })
			.basicAuth({ user: 'apikey', pass: API_KEY })
			.reply(200, { content: [], page: { number: 0, size: 1, totalElements: 0, totalPages: 0 } });
		const send = makeHttpRequestWithAuthentication(makeNode(), CREDENTIALS);
		// n8n resolves the expressions; for these credentials they give:
		await send('momentApi', {
			baseURL: BASE_URL,
			url: '/api/1.0/companies/acme/customers',
			qs: credential.test.request.qs,
			json: true,
		});
		expect(scope.isDone()).toBe(true);
		nock.cleanAll();
		nock.enableNetConnect();
	});
});

describe('Moment Webhook API credential (the Moment Trigger\'s secret token)', () => {
	const webhook = new MomentWebhookApi();

	it('is named and documented as n8n expects, and holds one secret as a password field', () => {
		expect(webhook.name).toBe('momentWebhookApi');
		expect(webhook.displayName).toBe('Moment Webhook API');
		expect(webhook.documentationUrl).toMatch(/^https:\/\/github\.com\/.+#secret-token$/);
		expect(webhook.icon).toEqual(credential.icon);
		expect(webhook.properties.map((p) => [p.name, p.type, p.typeOptions, p.required])).toEqual([['secret', 'string', { password: true }, true]]);
		expect(webhook.properties[0].description).toMatch(/At least 20 letters and digits.*\?token=/);
	});

	it('sends nothing anywhere: no authenticate block and no test request (the trigger tests it)', () => {
		expect((webhook as unknown as Record<string, unknown>).authenticate).toBeUndefined();
		expect((webhook as unknown as Record<string, unknown>).test).toBeUndefined();
	});
});
