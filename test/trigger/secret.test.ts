import crypto from 'crypto';

import type { ICredentialTestFunctions } from 'n8n-workflow';

import { checkToken, nodeWithoutSecret, secretProblem, testWebhookSecret, tokenFailureMessage } from '../../nodes/Moment/trigger/secret';
import { makeTriggerNode } from '../helpers/webhookContext';

const SECRET = 'dummy-webhook-secret-7Kp2';

describe('checkToken', () => {
	it('lets everything through when no secret is configured', () => {
		expect(checkToken('', undefined)).toEqual({ ok: true });
		expect(checkToken('', 'anything')).toEqual({ ok: true });
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
