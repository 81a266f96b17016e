import crypto from 'crypto';

import { checkToken, nodeWithoutSecret, tokenFailureMessage } from '../../nodes/Moment/trigger/secret';
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
		expect(tokenFailureMessage('missing')).toContain('add ?token=<the Secret> to the URL');
		expect(tokenFailureMessage('wrong')).toContain('does not match');
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
