/**
 * What the Moment Poll Trigger shows in the editor: its parameters (n8n's node rules on the
 * literal description, one Resource per listable catalog resource), Fetch Test Event (the most
 * recent record at once, the memory untouched), and parameter mistakes reported before any
 * request is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { LISTABLE_RESOURCES } from '../../nodes/Moment/catalog';
import { MomentPollTrigger } from '../../nodes/Moment/MomentPollTrigger.node';
import codex from '../../nodes/Moment/MomentPollTrigger.node.json';
import webhookAndPoll from '../../examples/new-invoices-webhook-and-poll.json';
import { nodeSource } from '../helpers/descriptionSource';
import { failureOf } from '../helpers/expectations';
import { lintNodeSource } from '../helpers/nodeLint';
import { pollHarness } from '../helpers/pollContext';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';
import { DEFAULT_PARAMETERS, useSimulator } from './fixture';

jest.setTimeout(60000);

const BASE = DEFAULT_PARAMETERS;
const description = new MomentPollTrigger().description;

describe('description', () => {
	it('passes the n8n node parameter rules', async () => {
		expect(await lintNodeSource(nodeSource('MomentPollTrigger', description), 'MomentPollTrigger', 'trigger')).toEqual([]);
	});

	it('offers every catalog resource that has Get Many, and is a polling trigger with the Moment credential', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(resource?.options?.map((option) => (option as { value: string }).value)).toEqual(LISTABLE_RESOURCES.map((r) => r.value));
		expect(resource?.options?.map((option) => option.name)).toEqual(LISTABLE_RESOURCES.map((r) => r.displayName));
		expect(description).toMatchObject({ polling: true, group: ['trigger'], inputs: [], credentials: [{ name: 'momentApi', required: true }] });
		for (const r of LISTABLE_RESOURCES) expect(description.subtitle).toContain(`${r.value}: "`);
	});
});

describe('codex and the example workflow', () => {
	it('has a codex entry pointing at the README section', () => {
		expect(codex.node).toBe('n8n-nodes-moment.momentPollTrigger');
		expect(codex.resources.primaryDocumentation[0].url).toBe('https://github.com/n8n-nodes-moment/n8n-nodes-moment#moment-poll-trigger');
	});

	it('the webhook + poll example passes each change once (Pass Each Once, on changeKey), with Fetch Full Record in both triggers', () => {
		const byType = (type: string) => webhookAndPoll.nodes.filter((node) => node.type === type);
		const [poll] = byType('n8n-nodes-moment.momentPollTrigger');
		const [webhook] = byType('n8n-nodes-moment.momentTrigger');
		const [dedupe] = byType('n8n-nodes-moment.moment');
		expect(poll.parameters).toMatchObject({ resource: 'invoice', event: 'new', fetchFullRecord: true, pollTimes: { item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] } });
		expect(webhook.parameters).toMatchObject({ eventSource: 'invoice', fetchFullRecord: true });
		// Key Automatic takes the changeKey both triggers put on their items (test/events/eventKey.test.ts)
		expect(dedupe.parameters).toMatchObject({ resource: 'event', operation: 'passEachOnce', key: 'automatic' });
		expect(byType('n8n-nodes-base.removeDuplicates')).toEqual([]);
		const into = (from: string) => (webhookAndPoll.connections as Record<string, { main: Array<Array<{ node: string }>> }>)[from].main[0].map((c) => c.node);
		expect([into(poll.name), into(webhook.name)]).toEqual([[dedupe.name], [dedupe.name]]);
		expect(JSON.stringify(webhookAndPoll)).not.toMatch(/"id":\s*"[^"]+",\s*"name":\s*"Moment account"/); // no credential id shipped
	});
});

describe('in the editor', () => {
	let sim: Simulator;
	useSimulator({ invoices: 80, customers: 10 }, (started) => (sim = started));
	const trigger = (parameters: IDataObject = {}, staticData: IDataObject = {}) =>
		pollHarness({ parameters: { ...BASE, ...parameters }, credentials: credentialsFor(sim), staticData });

	it('Fetch Test Event returns the most recent record at once and leaves the memory alone', async () => {
		const published = trigger();
		await published.poll();
		const memory = JSON.stringify(published.staticData);
		const latest = sim.data('invoices', { include: 'base' }).reduce((a, b) => (Date.parse(String(b.lastModifiedDate)) >= Date.parse(String(a.lastModifiedDate)) ? b : a));
		const run = await published.poll({ mode: 'manual' });
		expect(run.items).toEqual([{ event: 'new', resource: 'invoice', id: latest.id, changeKey: `invoice:${latest.id}:version=${String(latest.version)}`, detectedAt: expect.any(String), record: latest }]);
		expect(JSON.stringify(published.staticData)).toBe(memory);
		const fresh = trigger();
		await fresh.poll({ mode: 'manual' });
		expect(fresh.staticData).toEqual({});
		// the test event did not count as a first poll: the first real poll still emits nothing
		expect((await fresh.poll()).items).toBeNull();
	});

	it('Fetch Test Event follows the filters and Fetch Full Record, and says what to do when nothing matches', async () => {
		const [newest] = sim.createRecords('invoices', { fields: { exportState: 'doNotTransfer' } });
		const filtered = trigger({ fetchFullRecord: true, include: 'base+lines', filters: { fieldValues: { fieldValue: [{ field: 'exportState', value: 'doNotTransfer' }] } } });
		const run = await filtered.poll({ mode: 'manual' });
		expect(run.items?.[0]).toMatchObject({ id: newest.id, record: { id: newest.id, lines: newest.lines } });
		const none = trigger({ filters: { fieldValues: { fieldValue: [{ field: 'exportState', value: 'nothing-has-this' }] } } });
		const error = await failureOf(none.poll({ mode: 'manual' }));
		expect(error.message).toBe('Moment has no invoices matching the filters to show as a test event');
		expect(error.description).toContain('Create an invoice in Moment or change the filters');
	});

	const mistakes: Array<[string, IDataObject, RegExp]> = [
		['an unknown resource', { resource: 'allocation' }, /^Resource "allocation" cannot be watched/],
		['an unknown event', { event: 'updated' }, /^Event "updated" is not one this trigger knows/],
		['a Since that is not a date', { start: 'since', startDate: 'last Tuesday' }, /^Since "last Tuesday" is not a date/],
		['a Created From that is not a date', { filters: { createdFrom: '31.01.2025' } }, /^Created From "31.01.2025" is not a date/],
		['a field name with spaces', { filters: { fieldValues: { fieldValue: [{ field: 'export state', value: 'x' }] } } }, /^Field Values: "export state" is not a field name/],
		['Field I Name without a field', { options: { changeDetection: 'field', changeStampField: ' ' } }, /^Change Stamp Field "" is not a field name/],
		['an Include with a slash', { fetchFullRecord: true, include: 'base/../x' }, /^Include item "base\/\.\.\/x" is not valid/],
		['deleted records with changed-only reads', { includeDeleted: true, options: { changedSinceFilter: true } }, /needs complete reads/],
	];
	it.each(mistakes)('refuses %s before sending anything', async (_name, parameters, message) => {
		sim.clearLog();
		const error = await failureOf(trigger(parameters).poll());
		expect(error.message).toMatch(message);
		expect(typeof error.description === 'string' && error.description.length > 20).toBe(true);
		expect(sim.log()).toEqual([]);
	});
});
