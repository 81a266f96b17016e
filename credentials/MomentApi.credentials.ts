/** credentials/: the Moment API credential (API key, company code, Base URL, Basic auth, the Test request) (map: docs/development.md). */
import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Moment (Milient Software) API key credential.
 *
 * Moment uses HTTP Basic auth with the literal user name `apikey` and the API key as password.
 * The company code selects the Moment database: every request goes to
 * `{baseUrl}/api/1.0/companies/{companyCode}/...` (built in nodes/Moment/transport/url.ts).
 */
export class MomentApi implements ICredentialType {
	name = 'momentApi';

	displayName = 'Moment API';

	icon: Icon = { light: 'file:../icons/moment.svg', dark: 'file:../icons/moment.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-moment/n8n-nodes-moment#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API key from Moment. Enable API access under Setup > Settings > Integrations > API Access, then create the key under Company > API keys (+ New key). Pick a dedicated, licensed API user as the resource and the environment (Prod, Sandbox or All). The key is shown only once.',
		},
		{
			displayName: 'Company Code',
			name: 'companyCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. acme',
			description:
				'The company code of your Moment database: the part right after app.moment.team/ in the address bar when you are logged in (acme in https://app.moment.team/acme/projects)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.moment.team',
			required: true,
			description:
				'Leave the default for Moment in production. Change it only to reach another Moment host, such as a sandbox host given to you by Milient, or a local test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: 'apikey',
				password: '={{$credentials.apiKey}}',
			},
		},
	};

	/**
	 * The editor's Test button. n8n's client would follow a redirect to any host and send the key
	 * there again (`sendCredentialsOnCrossOriginRedirect` defaults to true), so the test does not
	 * follow redirects at all: a 3xx fails the test with the rules below, and the key went only to
	 * the Base URL (the nodes follow a redirect within that origin themselves, transport/redirects.ts).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/api/1.0/companies/{{encodeURIComponent(String($credentials.companyCode).trim())}}/customers',
			qs: { page: 0, size: 1 },
			json: true,
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL answered with a redirect (${value}) to another address. The test does not follow it, so the API key was not sent there. Set the Base URL to the address Moment answers at (https://app.moment.team unless Milient gave you another).`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Moment rejected the API key. Check that it was copied completely and has not expired (keys last at most 2 years, Test keys 14 days).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid, but its user may not read customers in this company. Give the API user access to the company, or use a key for another user.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Moment does not know this company code. Copy it from the address bar after app.moment.team/ when logged in, and check the Base URL.',
				},
			},
		],
	};
}
