/**
 * The webhook lifecycle: nothing is registered in Moment (only a person can), and a set-up that
 * would make every delivery fail or be refused is refused when the workflow is published.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { failureOf } from '../helpers/expectations';
import type { HookContextOptions } from '../helpers/webhookContext';
import { WEBHOOK_CREDENTIAL_NAME, createHookContext } from '../helpers/webhookContext';

const methods = new MomentTrigger().webhookMethods.default;
const GOOD_SECRET = 'dummy-good-secret-Lk29Qm4x';

function v2(parameters: IDataObject, options: HookContextOptions = {}) {
	return createHookContext({ eventSource: 'invoice', authentication: 'none', fetchFullRecord: false, options: {}, ...parameters }, { typeVersion: 2, ...options });
}

describe('webhook lifecycle (the hook is registered by hand in Moment)', () => {
	it('reports nothing registered, so n8n calls create', async () => {
		const { ctx } = createHookContext({ eventSource: 'invoice' });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
	});

	it('create registers nothing in Moment and logs the URL and the Moment webhook type to use', async () => {
		const { ctx, logs } = createHookContext({ eventSource: 'offerDecision' });
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		expect(logs).toEqual([
			{
				level: 'debug',
				message: expect.stringMatching(/listening at https:\/\/n8n\.example\.com\/webhook\/moment-hook\/webhook.*"Offers: Decisions \(Accepted\/Declined\)" integration/),
			},
		]);
	});

	it('delete removes nothing in Moment and says where to remove the integration', async () => {
		const { ctx, logs } = createHookContext({ eventSource: 'customer' });
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(logs[0].message).toMatch(/stopped listening.*"Customers" integration.*Setup > Settings > Integrations/);
	});
});

describe('a bad set-up is refused at publish, with a message that says what to change', () => {
	async function refusal(ctx: ReturnType<typeof v2>['ctx']): Promise<string> {
		const error = await failureOf(methods.create.call(ctx));
		expect(error).toBeInstanceOf(NodeOperationError);
		return error.message;
	}

	it('accepts good set-ups of every version', async () => {
		const good = [
			v2({}),
			v2({ authentication: 'secretToken', fetchFullRecord: true, options: { include: 'base+email', events: 'CREATE_NEW' } }, { webhookSecret: GOOD_SECRET }),
			createHookContext({ eventSource: 'claim', secret: GOOD_SECRET, fetchFullRecord: true, include: 'base' }),
			createHookContext({ eventSource: 'claim', secret: '' }, { typeVersion: 1.1 }),
		];
		for (const { ctx } of good) await expect(methods.create.call(ctx)).resolves.toBe(true);
	});

	it('refuses an unknown Event Source', async () => {
		expect(await refusal(v2({ eventSource: 'timeRecord' }).ctx)).toBe(
			'Moment Trigger "Moment Trigger" cannot listen for Moment\'s webhooks: its Event Source "timeRecord" is not a Moment webhook type it knows: open the trigger and pick one from the list (Claim, Customer, Invoice, Offer Change, Offer Decision (Accepted/Declined), Project).',
		);
	});

	it('refuses an Include that cannot be sent to Moment (version 2 Options, and version 1)', async () => {
		const expected = /its Include cannot be sent to Moment: Include item "base\/\.\.\/x" is not valid\. Use Moment field or part names joined with "\+", e\.g\. base\+email/;
		expect(await refusal(v2({ fetchFullRecord: true, options: { include: 'base/../x' } }).ctx)).toMatch(expected);
		expect(await refusal(createHookContext({ eventSource: 'invoice', fetchFullRecord: true, include: 'base/../x' }).ctx)).toMatch(expected);
		// without Fetch Full Record the Include is not used, so it stops nothing
		await expect(methods.create.call(v2({ fetchFullRecord: false, options: { include: 'base/../x' } }).ctx)).resolves.toBe(true);
	});

	it.each([
		['empty', '', 'is empty; use at least 20 letters and digits'],
		['too short', 'short-secret-12', 'is only 15 characters long; use at least 20 letters and digits'],
		['with a space', 'a secret with spaces in it', 'contains a space that a URL would change'],
		['with a "%"', 'abcdefghij%klmnopqrstu', 'contains "%" that a URL would change'],
		['with a "&"', 'abcdefghij&klmnopqrstu', 'contains "&" that a URL would change'],
		['with a "#"', 'abcdefghij#klmnopqrstu', 'contains "#" that a URL would change'],
		['with a non-ASCII letter', 'abcdefghijæklmnopqrstu', 'contains a character that a URL would change'],
		['too long', 'x'.repeat(300), 'is 300 characters long; use at most 256'],
	])('refuses a credential secret that is %s, without quoting it', async (_label, secret, problem) => {
		const message = await refusal(v2({ authentication: 'secretToken' }, { webhookSecret: secret }).ctx);
		expect(message).toContain(`the secret in its Moment Webhook API credential "${WEBHOOK_CREDENTIAL_NAME}" ${problem}`);
		expect(message).toContain('Change it in the credential and in the URL set in Moment.');
		if (secret.length > 3) expect(message).not.toContain(secret);
	});

	it('refuses a version 1 Secret parameter that is too short', async () => {
		const message = await refusal(createHookContext({ eventSource: 'invoice', secret: 'abc123' }).ctx);
		expect(message).toMatch(/its Secret is only 6 characters long; use at least 20.*Change it in the node and in the URL set in Moment\./);
		expect(message).not.toContain('abc123');
	});

	it('refuses a secret token without a selected credential', async () => {
		expect(await refusal(v2({ authentication: 'secretToken' }).ctx)).toContain(
			'its Authentication is "Secret Token in URL" but no Moment Webhook API credential is selected: select or create one, or set Authentication to None.',
		);
	});

	it('names every problem at once', async () => {
		const message = await refusal(v2({ eventSource: 'x', fetchFullRecord: true, options: { include: '..' }, authentication: 'secretToken' }, { webhookSecret: 'short' }).ctx);
		expect(message.split(' Also, ')).toHaveLength(3);
	});

	it.each<[string, HookContextOptions['activation']]>([
		['a test (Listen for test event)', 'manual'],
		['a re-publish', 'update'],
	])('refuses at %s too', async (_label, activation) => {
		await expect(methods.create.call(v2({ eventSource: 'x' }, { activation }).ctx)).rejects.toThrow(/Event Source "x"/);
	});

	it.each<[string, HookContextOptions['activation']]>([
		['start-up', 'init'],
		['a leadership change', 'leadershipChange'],
	])('keeps listening when n8n re-activates it at %s, and logs the problem as an error', async (_label, activation) => {
		const { ctx, logs } = v2({ authentication: 'secretToken' }, { activation, webhookSecret: 'short' });
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		expect(logs[0]).toEqual({
			level: 'error',
			message: expect.stringMatching(/the secret in its Moment Webhook API credential .* is only 5 characters long.*It listens anyway because n8n re-activated it on its own; publishing it again will be refused until this is fixed\. Until its secret token is fixed, it refuses every call \(401\)\.$/),
		});
		expect(logs[0].message).not.toContain('short');
	});

	it('says nothing of refused calls when the secret is fine (only the Event Source is wrong)', async () => {
		const { ctx, logs } = v2({ eventSource: 'x' }, { activation: 'init' });
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		expect(logs[0].level).toBe('error');
		expect(logs[0].message).not.toContain('refuses every call');
	});

	it('refuses a version 1 Secret parameter of spaces at publish (an empty Secret checks nothing; spaces are a secret gone wrong)', async () => {
		expect(await refusal(createHookContext({ eventSource: 'invoice', secret: '   ' }).ctx)).toMatch(/its Secret holds only spaces; use at least 20/);
	});
});
