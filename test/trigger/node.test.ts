import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WEBHOOK_SOURCES } from '../../nodes/Moment/catalog';
import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import actionCodex from '../../nodes/Moment/Moment.node.json';
import { DEFAULT_SOURCE } from '../../nodes/Moment/trigger/settings';
import codex from '../../nodes/Moment/MomentTrigger.node.json';
import finalizedInvoiceExample from '../../examples/finalized-invoice-to-accounting.json';
import offerAcceptedExample from '../../examples/offer-accepted-notify.json';
import { makeTriggerNode } from '../helpers/webhookContext';

const { description } = new MomentTrigger();

function property(name: string, version: number): INodeProperties {
	const found = description.properties.find((entry) => entry.name === name && shownIn(entry, version));
	if (!found) throw new Error(`no property ${name} in version ${version}`);
	return found;
}

/** Whether n8n shows `entry` in a node of `version` (its own displayOptions logic). */
function shownIn(entry: INodeProperties, version: number, parameters: Record<string, unknown> = {}): boolean {
	const node = makeTriggerNode(parameters as never, { typeVersion: version });
	return NodeHelpers.displayParameter(parameters as never, entry, node, description);
}

function credentialsShown(version: number, parameters: Record<string, unknown>): string[] {
	const node = makeTriggerNode(parameters as never, { typeVersion: version });
	return (description.credentials ?? []).filter((entry) => NodeHelpers.displayParameter(parameters as never, entry, node, description)).map((entry) => entry.name);
}

describe('Moment Trigger description', () => {
	it('is a webhook trigger without inputs, not usable as a tool', () => {
		expect(description).toMatchObject({ name: 'momentTrigger', displayName: 'Moment Trigger', group: ['trigger'], inputs: [] });
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		]);
	});

	it('gives new nodes version 2 and still loads 1 and 1.1; the examples use version 2', () => {
		expect(description.version).toEqual([1, 1.1, 2]);
		expect(description.defaultVersion).toBe(2);
		const triggers = [finalizedInvoiceExample, offerAcceptedExample].flatMap((example) =>
			example.nodes.filter((node) => node.type === 'n8n-nodes-moment.momentTrigger'),
		);
		expect(triggers.map((node) => node.typeVersion)).toEqual([2, 2]);
	});

	it('offers every catalog webhook source as Event Source, naming its Moment webhook type', () => {
		const options = property('eventSource', 2).options as INodePropertyOptions[];
		expect(options.map((option) => [option.value, option.name])).toEqual(WEBHOOK_SOURCES.map((source) => [source.value, source.displayName]));
		for (const source of WEBHOOK_SOURCES) {
			const option = options.find((entry) => entry.value === source.value);
			expect(option?.description).toBe(`Moment webhook type "${source.momentWebhookType}" (payload ${source.payloadDocumented ? 'documented' : 'assumed'})`);
		}
	});

	it('defaults to the Event Source the runtime falls back to, and names every event Moment documents in Only Events', () => {
		expect(property('eventSource', 2).default).toBe(DEFAULT_SOURCE);
		const known = WEBHOOK_SOURCES.flatMap((source) => source.knownEvents.map((event) => `${event} (${source.momentWebhookType})`));
		expect(known.length).toBeGreaterThan(0);
		const onlyEvents = (property('options', 2).options as INodeProperties[]).find((option) => option.name === 'events');
		for (const text of known) {
			expect(property('events', 1).description).toContain(text);
			expect(onlyEvents?.description).toContain(text);
		}
	});

	it('shows the source name under the node, for every source', () => {
		const mapping = /^=\{\{ (\{.*\})\[\$parameter\["eventSource"\]\] \}\}$/.exec(String(description.subtitle));
		expect(mapping).not.toBeNull();
		expect(JSON.parse(mapping![1])).toEqual(Object.fromEntries(WEBHOOK_SOURCES.map((source) => [source.value, source.displayName])));
	});

	it('shows one set-up notice in every version that names every Moment webhook type', () => {
		const notices = description.properties.filter((entry) => entry.type === 'notice');
		expect(notices).toHaveLength(1);
		const text = notices[0].displayName;
		for (const version of [1, 1.1, 2]) expect(shownIn(notices[0], version)).toBe(true);
		for (const source of WEBHOOK_SOURCES) expect(text).toContain(source.momentWebhookType);
		expect(text).toContain('copy the Production URL');
		expect(text).toContain('Setup > Settings > Integrations > + New integration');
		expect(text).toContain('add ?token= and the secret to its end');
		expect(text).toMatch(/publish \(activate\) this workflow/);
	});

	it('keeps the parameters of versions 1 and 1.1: Secret (a password field), Only Events, Fetch Full Record, Include', () => {
		for (const version of [1, 1.1]) {
			const names = description.properties.filter((entry) => shownIn(entry, version, { fetchFullRecord: true })).map((entry) => entry.name);
			expect(names).toEqual(['eventSource', 'notice', 'secret', 'events', 'fetchFullRecord', 'include']);
		}
		expect(property('secret', 1).typeOptions).toEqual({ password: true });
		expect(property('events', 1).description).toContain('CREATE_NEW (Invoices)');
	});

	it('version 2: Authentication instead of Secret, Fetch Full Record, and Only Events and Include under Options', () => {
		const names = description.properties.filter((entry) => shownIn(entry, 2)).map((entry) => entry.name);
		expect(names).toEqual(['eventSource', 'notice', 'authentication', 'fetchFullRecord', 'options']);
		expect((property('authentication', 2).options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['none', 'secretToken']);
		expect(property('authentication', 2).default).toBe('none');
		const options = property('options', 2).options as INodeProperties[];
		expect(options.map((option) => option.name)).toEqual(['include', 'events']);
		// Include is offered only with Fetch Full Record on
		const include = options[0];
		const node = makeTriggerNode({}, { typeVersion: 2 });
		expect(NodeHelpers.displayParameterPath({ fetchFullRecord: true, options: {} }, include, 'options', node, description)).toBe(true);
		expect(NodeHelpers.displayParameterPath({ fetchFullRecord: false, options: {} }, include, 'options', node, description)).toBe(false);
	});

	it('asks for the Moment API credential only with Fetch Full Record, and the Moment Webhook API credential only for a secret token', () => {
		expect(credentialsShown(1, { fetchFullRecord: false })).toEqual([]);
		expect(credentialsShown(1, { fetchFullRecord: true, secret: 'x' })).toEqual(['momentApi']);
		expect(credentialsShown(2, { fetchFullRecord: false, authentication: 'none' })).toEqual([]);
		expect(credentialsShown(2, { fetchFullRecord: true, authentication: 'none' })).toEqual(['momentApi']);
		expect(credentialsShown(2, { fetchFullRecord: false, authentication: 'secretToken' })).toEqual(['momentWebhookApi']);
		expect(credentialsShown(2, { fetchFullRecord: true, authentication: 'secretToken' })).toEqual(['momentApi', 'momentWebhookApi']);
	});

	it('names Fetch Full Record by its root path in the credential rule, so n8n 1.123\'s editor does not hide the switch', () => {
		// 1.123 takes a parameter that a credential rule names plainly for the node's Authentication
		// field and leaves it out of the form; "/fetchFullRecord" reads the same value.
		expect(description.credentials?.find((entry) => entry.name === 'momentApi')?.displayOptions).toEqual({ show: { '/fetchFullRecord': [true] } });
	});

	it('has the Moment Webhook API credential tested by the trigger, and one entry per credential (n8n finds them by name)', () => {
		const names = (description.credentials ?? []).map((entry) => entry.name);
		expect(new Set(names).size).toBe(names.length);
		const webhook = description.credentials?.find((entry) => entry.name === 'momentWebhookApi');
		expect(webhook).toMatchObject({ required: true, testedBy: 'momentWebhookSecret' });
		expect(typeof new MomentTrigger().methods.credentialTest.momentWebhookSecret).toBe('function');
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
