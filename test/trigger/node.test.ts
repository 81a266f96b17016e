import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../../nodes/Moment/catalog';
import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import actionCodex from '../../nodes/Moment/Moment.node.json';
import codex from '../../nodes/Moment/MomentTrigger.node.json';
import finalizedInvoiceExample from '../../examples/finalized-invoice-to-accounting.json';
import offerAcceptedExample from '../../examples/offer-accepted-notify.json';
import { createHookContext } from '../helpers/webhookContext';

const { description } = new MomentTrigger();

function property(name: string): INodeProperties {
	const found = description.properties.find((entry) => entry.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

describe('Moment Trigger description', () => {
	it('is a webhook trigger without inputs, not usable as a tool', () => {
		expect(description).toMatchObject({ name: 'momentTrigger', displayName: 'Moment Trigger', group: ['trigger'], inputs: [] });
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		]);
	});

	it('gives new nodes version 1.1 (not 1, which n8n parses with an extra expression per request) and still loads 1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		const triggers = [finalizedInvoiceExample, offerAcceptedExample].flatMap((example) =>
			example.nodes.filter((node) => node.type === 'n8n-nodes-moment.momentTrigger'),
		);
		expect(triggers.map((node) => node.typeVersion)).toEqual([1.1, 1.1]);
	});

	it('needs the Moment API credential only when fetching the full record', () => {
		expect(description.credentials).toEqual([
			{ name: 'momentApi', required: true, displayOptions: { show: { fetchFullRecord: [true] } } },
		]);
	});

	it('offers every catalog webhook source as Event Source', () => {
		const options = (property('eventSource').options ?? []) as Array<{ value: string; description: string }>;
		expect(options.map((option) => option.value)).toEqual(['claim', 'customer', 'invoice', 'offer', 'offerDecision', 'project']);
		expect(options.find((option) => option.value === 'offerDecision')?.description).toContain(
			'"Offers: Decisions (Accepted/Declined)"',
		);
	});

	it.each(WEBHOOK_SOURCES.map((source) => [source.value, source.momentWebhookType]))(
		'shows set-up steps for %s that name the Moment webhook type %s',
		(value, momentWebhookType) => {
			const notices = description.properties.filter(
				(entry) => entry.type === 'notice' && entry.displayOptions?.show?.eventSource?.includes(value),
			);
			expect(notices).toHaveLength(1);
			const text = notices[0].displayName;
			expect(text).toContain(`pick the webhook type "${momentWebhookType}"`);
			expect(text).toContain('copy the Production URL');
			expect(text).toContain('Setup > Settings > Integrations > + New integration');
			expect(text).toContain('?token=');
			expect(text).toContain('Test URL only listens while you click "Listen for test event"');
			expect(text).toMatch(/publish \(activate\) this workflow/);
		},
	);

	it('keeps the secret in a password field and names the known events in the filter', () => {
		expect(property('secret').typeOptions).toEqual({ password: true });
		expect(property('events').description).toContain('CREATE_NEW (Invoices)');
		expect(property('include').displayOptions).toEqual({ show: { fetchFullRecord: [true] } });
	});

	it('shows the source name under the node', () => {
		const mapping = /^=\{\{ (\{.*\})\[\$parameter\["eventSource"\]\] \}\}$/.exec(String(description.subtitle));
		expect(mapping).not.toBeNull();
		expect(JSON.parse(mapping![1]).offerDecision).toBe('Offer Decision (Accepted/Declined)');
	});

	it('has a codex entry pointing at the README section', () => {
		expect(codex.node).toBe('n8n-nodes-moment.momentTrigger');
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://github.com/n8n-nodes-moment/n8n-nodes-moment#moment-trigger',
		);
	});

	it("has its search aliases in the Moment node's codex too", () => {
		// n8n 2.41's nodes panel merges "momentTrigger" into "moment" (one "Moment" entry) and
		// searches that entry by the Moment node's codex only (the browser suite checks it)
		expect(actionCodex.alias).toEqual(expect.arrayContaining(codex.alias));
	});
});

describe('webhook lifecycle (the hook is registered by hand in Moment)', () => {
	const methods = new MomentTrigger().webhookMethods.default;

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
				message: expect.stringMatching(
					/listening at https:\/\/n8n\.example\.com\/webhook\/moment-hook\/webhook.*"Offers: Decisions \(Accepted\/Declined\)" integration/,
				),
			},
		]);
	});

	it('delete removes nothing in Moment and says where to remove the integration', async () => {
		const { ctx, logs } = createHookContext({ eventSource: 'customer' });
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(logs[0].message).toMatch(/stopped listening.*"Customers" integration.*Setup > Settings > Integrations/);
	});
});
