import crypto from 'crypto';

import type { ICredentialTestFunctions, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { checkToken, nodeWithoutSecret, readSecret, secretProblem, testWebhookSecret, tokenFailureMessage } from '../../nodes/Moment/trigger/secret';
import { readTriggerSettings } from '../../nodes/Moment/trigger/settings';
import { createWebhookContext, jsonRequest, makeTriggerNode } from '../helpers/webhookContext';

const SECRET = 'dummy-webhook-secret-7Kp2';

/** Every shape of a secret that must not be one: empty, spaces, too short, too long, a character a URL changes. */
const UNUSABLE_SECRETS: Array<[string, string]> = [
	['that is empty', ''],
	['of one space', ' '],
	['of only spaces and line breaks', '  \n\t  '],
	['of one character', 'x'],
	['of 19 characters', 'abcdefghijklmnopqrs'],
	['of 257 characters', 'x'.repeat(257)],
	['with a space inside', 'abcdefghij klmnopqrstu'],
	['with a "+"', 'abcdefghij+klmnopqrstu'],
	['with a "%"', 'abcdefghij%klmnopqrstu'],
	['with a non-ASCII letter', 'abcdefghijæklmnopqrstu'],
];

describe('checkToken', () => {
	it.each(UNUSABLE_SECRETS)('lets nothing through with a secret %s, not even that same value', (_label, secret) => {
		for (const token of [undefined, '', secret, secret.trim(), 'anything', SECRET]) {
			expect(checkToken(secret, token)).toEqual({ ok: false, reason: 'unusable' });
		}
	});

	it('accepts exactly the configured secret', () => {
		expect(checkToken(SECRET, SECRET)).toEqual({ ok: true });
	});

	it('tells a missing token from a wrong one', () => {
		expect(checkToken(SECRET, undefined)).toEqual({ ok: false, reason: 'missing' });
		expect(checkToken(SECRET, '')).toEqual({ ok: false, reason: 'missing' });
		expect(checkToken(SECRET, 'nope')).toEqual({ ok: false, reason: 'wrong' });
		expect(checkToken(SECRET, SECRET.toLowerCase())).toEqual({ ok: false, reason: 'wrong' });
		expect(checkToken(SECRET, `${SECRET} `)).toEqual({ ok: false, reason: 'wrong' });
		expect(checkToken(SECRET, SECRET.slice(0, -1))).toEqual({ ok: false, reason: 'wrong' });
	});

	it('refuses a token given twice or in a non-text form', () => {
		expect(checkToken(SECRET, [SECRET, SECRET])).toEqual({ ok: false, reason: 'wrong' });
		expect(checkToken(SECRET, { token: SECRET })).toEqual({ ok: false, reason: 'wrong' });
	});

	it('compares equal-length SHA-256 digests with timingSafeEqual, whatever the token length', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			checkToken(SECRET, 'x');
			checkToken(SECRET, 'y'.repeat(5000));
			expect(spy).toHaveBeenCalledTimes(2);
			for (const [a, b] of spy.mock.calls) {
				expect((a as Buffer).length).toBe(32);
				expect((b as Buffer).length).toBe(32);
			}
		} finally {
			spy.mockRestore();
		}
	});
});

describe('tokenFailureMessage', () => {
	it('says how to fix it without any secret value', () => {
		expect(tokenFailureMessage('missing')).toContain('add ?token=<the secret> to the URL');
		expect(tokenFailureMessage('wrong')).toContain('does not match');
	});

	it('for an unusable secret, names the setting to fix and the rule, but nothing about the secret itself', () => {
		expect(tokenFailureMessage('unusable', 'credential')).toBe(
			'This Moment Trigger refuses every call because the secret of its Moment Webhook API credential is missing or not fit to be a secret. ' +
				'In n8n, set a secret of 20 to 256 letters, digits, "-", "_", "." or "~" there (n8n\'s log says what is wrong with the current one), ' +
				'then add ?token=<the secret> to the URL set in the Moment integration.',
		);
		expect(tokenFailureMessage('unusable', 'parameter')).toContain('because its Secret parameter is missing or not fit to be a secret');
	});
});

describe('readSecret: the secret, read afresh at every call, fails closed', () => {
	const CREDENTIAL = { authentication: 'secretToken' };
	async function read(parameters: IDataObject, options: { typeVersion?: number; webhookSecret?: string; resolvedParameters?: IDataObject; withWebhookCredential?: boolean } = {}) {
		const { ctx } = createWebhookContext({ request: jsonRequest({}), parameters: { eventSource: 'invoice', ...parameters }, ...options });
		return await readSecret.call(ctx as IWebhookFunctions, readTriggerSettings(ctx).token);
	}

	it('checks nothing only when the user chose no secret: Authentication None, or an empty or absent Secret parameter', async () => {
		expect(await read({ authentication: 'none' }, { typeVersion: 2, webhookSecret: SECRET })).toEqual({ kind: 'none' });
		expect(await read({ secret: '' }, { typeVersion: 1 })).toEqual({ kind: 'none' });
		expect(await read({}, { typeVersion: 1.1 })).toEqual({ kind: 'none' });
	});

	it('reads a good secret from the credential (version 2) or the Secret parameter (1, 1.1), spaces around it removed', async () => {
		expect(await read(CREDENTIAL, { typeVersion: 2, webhookSecret: ` ${SECRET}\n` })).toEqual({ kind: 'usable', secret: SECRET });
		expect(await read({ secret: `${SECRET} ` }, { typeVersion: 1.1 })).toEqual({ kind: 'usable', secret: SECRET });
	});

	it.each(UNUSABLE_SECRETS)('calls a credential secret %s unusable, saying why without quoting it', async (_label, secret) => {
		const reading = await read(CREDENTIAL, { typeVersion: 2, webhookSecret: secret });
		expect(reading).toEqual({ kind: 'unusable', where: 'credential', problem: expect.stringMatching(/^the secret in its Moment Webhook API credential "Moment webhook secret" (is|contains) .*Change it in the credential/) });
		if (secret.trim().length > 1) expect(JSON.stringify(reading)).not.toContain(secret.trim());
	});

	it.each(UNUSABLE_SECRETS.filter(([, secret]) => secret !== ''))('calls a version 1 Secret parameter %s unusable', async (_label, secret) => {
		const reading = await read({ secret }, { typeVersion: 1 });
		expect(reading).toEqual({ kind: 'unusable', where: 'parameter', problem: expect.stringMatching(/^its Secret (is|contains|holds) .*Change it in the node/) });
	});

	it('says "holds only spaces" for a Secret parameter of spaces, and names an expression that gave nothing', async () => {
		expect(await read({ secret: '   ' })).toMatchObject({ problem: expect.stringMatching(/^its Secret holds only spaces; use at least 20/) });
		const expression = await read({ secret: '={{ $env.MOMENT_SECRET }}' }, { resolvedParameters: { secret: '' } });
		expect(expression).toMatchObject({ kind: 'unusable', problem: expect.stringMatching(/^its Secret is an expression that gave an empty value; use at least 20/) });
		expect(await read({ secret: '={{ $env.MOMENT_SECRET }}' }, { resolvedParameters: { secret: SECRET } })).toEqual({ kind: 'usable', secret: SECRET });
	});

	it('calls a credential that is not selected, cannot be read or holds no text unusable', async () => {
		expect(await read(CREDENTIAL, { typeVersion: 2 })).toMatchObject({ kind: 'unusable', problem: expect.stringContaining('no Moment Webhook API credential is selected') });
		expect(await read(CREDENTIAL, { typeVersion: 2, withWebhookCredential: true })).toMatchObject({
			kind: 'unusable',
			problem: expect.stringMatching(/^its Moment Webhook API credential "Moment webhook secret" could not be read \(Node does not have any credentials set/),
		});
		const { ctx } = createWebhookContext({ request: jsonRequest({}), parameters: { eventSource: 'invoice', ...CREDENTIAL }, typeVersion: 2, webhookSecret: SECRET });
		jest.mocked(ctx.getCredentials).mockResolvedValue({ secret: 123456789012345 } as never);
		expect(await readSecret.call(ctx, readTriggerSettings(ctx).token)).toMatchObject({ kind: 'unusable', problem: expect.stringContaining('is empty') });
	});
});

describe('secretProblem: a secret fit for the URL pasted into Moment', () => {
	it.each(['abcdefghijklmnopqrst', 'A1b2C3d4E5f6G7h8I9j0-_.~', 'x'.repeat(256)])('accepts %s', (secret) => {
		expect(secretProblem(secret)).toBeUndefined();
	});

	it.each([
		['', 'is empty'],
		['a', 'is only 1 character long'],
		['abcdefghijklmnopqrs', 'is only 19 characters long'],
		['x'.repeat(257), 'is 257 characters long; use at most 256'],
		['abcdefghijklmnopqrst+', 'contains "+" that a URL would change'],
		['abcdefghijklmnopqrst=', 'contains "=" that a URL would change'],
		['abcdefghijklmnopqrst?', 'contains "?" that a URL would change'],
		['abcdefghijklmnopqrst/', 'contains "/" that a URL would change'],
		['abcdefghijklmnopqrst\n', 'contains a character that a URL would change'],
	])('refuses %j: %s', (secret, problem) => {
		expect(secretProblem(secret)).toMatch(new RegExp(`^${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
	});
});

describe('testWebhookSecret: the Moment Webhook API credential\'s Test button', () => {
	const test = async (secret: unknown) =>
		await testWebhookSecret.call({} as ICredentialTestFunctions, { id: '1', name: 'x', type: 'momentWebhookApi', data: { secret } as never });

	it('passes a good secret and says what to do with it', async () => {
		expect(await test(SECRET)).toEqual({ status: 'OK', message: expect.stringContaining('add ?token= and the secret to the end of the URL') });
		expect(await test(`  ${SECRET}  `)).toMatchObject({ status: 'OK' });
	});

	it('fails a secret unfit for the URL, without quoting it', async () => {
		const result = await test('my secret');
		expect(result).toEqual({ status: 'Error', message: 'The secret is only 9 characters long; use at least 20 letters and digits (a password manager can make one).' });
		expect(await test(undefined)).toMatchObject({ status: 'Error', message: expect.stringContaining('is empty') });
	});
});

describe('nodeWithoutSecret', () => {
	it('replaces a configured secret in the node that errors carry, and changes nothing else', () => {
		const node = makeTriggerNode({ eventSource: 'invoice', secret: SECRET });
		const clean = nodeWithoutSecret(node);
		expect(JSON.stringify(clean)).not.toContain(SECRET);
		expect(clean).toEqual({ ...node, parameters: { eventSource: 'invoice', secret: '[redacted]' } });
		expect(node.parameters.secret).toBe(SECRET);
	});

	it('returns a node without a secret as it is', () => {
		const node = makeTriggerNode({ eventSource: 'invoice', secret: '' });
		expect(nodeWithoutSecret(node)).toBe(node);
	});
});
