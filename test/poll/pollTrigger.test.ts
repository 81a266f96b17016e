/**
 * The Moment Poll Trigger's poll() as n8n runs it (settings, transport, n8n's HTTP client) against
 * the Moment simulator, whose records change "in Moment" between polls through its control
 * methods: first polls, new / changed / deleted records, Event, filters, Fetch Full Record and the
 * change detection modes. Each poll's items are what the workflow would receive.
 */
import type { IDataObject } from 'n8n-workflow';

import { loadState } from '../../nodes/Moment/poll/state';
import type { PollHarness } from '../helpers/pollContext';
import { pollHarness } from '../helpers/pollContext';
import { credentialsFor } from '../simulator/httpClient';
import type { SimRecord, Simulator } from '../simulator/index';
import { DEFAULT_PARAMETERS, useSimulator } from './fixture';

jest.setTimeout(60000);

const COUNTS = { invoices: 60, customers: 12, projects: 15, offers: 6, claims: 6 };
const BASE = DEFAULT_PARAMETERS;

let sim: Simulator;
useSimulator(COUNTS, (started) => (sim = started));

const trigger = (parameters: IDataObject = {}): PollHarness => pollHarness({ parameters: { ...BASE, ...parameters }, credentials: credentialsFor(sim) });
const listed = (entity: 'invoices' | 'customers' = 'invoices') => sim.data(entity, { include: 'base' });
const recordWithId = (records: SimRecord[], id: number) => records.find((record) => record.id === id);
const summary = (items: IDataObject[] | null) => (items ?? []).map((item) => `${String(item.event)} ${String(item.id)}`);
const listRequests = () => sim.log().filter((entry) => entry.id === undefined).length;

describe('first poll (On First Poll)', () => {
	it('"Emit Nothing" remembers what exists and emits only what comes after', async () => {
		const poll = trigger();
		expect((await poll.poll()).items).toBeNull();
		expect(loadState(poll.staticData)).toMatchObject({ stampField: 'version' });
		expect(loadState(poll.staticData)?.fingerprints.size).toBe(COUNTS.invoices);
		const [created] = sim.createRecords('invoices');
		const run = await poll.poll();
		expect(run.items).toEqual([
			{ event: 'new', resource: 'invoice', id: created.id, changeKey: `invoice:${created.id}:version=0`, detectedAt: expect.any(String), record: recordWithId(listed(), created.id) },
		]);
		expect((await poll.poll()).items).toBeNull();
	});

	it('"Emit Every Existing Record" emits each invoice once as new, in list order', async () => {
		const poll = trigger({ start: 'all' });
		const first = await poll.poll();
		expect(first.items?.map((item) => item.id)).toEqual(listed().map((record) => record.id));
		expect(first.items?.every((item) => item.event === 'new')).toBe(true);
		expect(first.items?.[3].record).toEqual(listed()[3]);
		expect((await poll.poll()).items).toBeNull();
	});

	it('"Emit Records Changed Since a Date" uses the last change (New or Changed) or the creation date (New)', async () => {
		const since = '2024-06-01T00:00:00';
		const sinceMs = Date.parse('2024-06-01T00:00:00+02:00'); // Europe/Oslo in summer
		const changedSince = listed().filter((r) => Date.parse(String(r.lastModifiedDate)) >= sinceMs).map((r) => r.id);
		const createdSince = listed().filter((r) => Date.parse(String(r.createdDate)) >= sinceMs).map((r) => r.id);
		expect(changedSince.length).toBeGreaterThan(createdSince.length);
		expect((await trigger({ start: 'since', startDate: since }).poll()).items?.map((item) => item.id)).toEqual(changedSince);
		expect((await trigger({ start: 'since', startDate: since, event: 'new' }).poll()).items?.map((item) => item.id)).toEqual(createdSince);
	});

	it('starts over when the Resource changes, since the remembered records no longer apply', async () => {
		const poll = trigger();
		await poll.poll();
		const run = await poll.poll({ parameters: { ...BASE, resource: 'customer', start: 'all' } });
		expect(run.items?.map((item) => item.id)).toEqual(listed('customers').map((record) => record.id));
		expect(run.logs.join('\n')).toContain('this poll is a first poll');
		expect(loadState(poll.staticData)?.fingerprints.size).toBe(COUNTS.customers);
	});
});

describe('new, changed and deleted records', () => {
	it('emits each new, changed and deleted record once, with its change key, and confirms the deletion by ID', async () => {
		const poll = trigger({ includeDeleted: true });
		await poll.poll();
		const [created] = sim.createRecords('invoices');
		const changed = listed()[7];
		sim.changeRecord('invoices', changed.id, { exportState: 'transferred' });
		const gone = listed()[20];
		sim.deleteRecord('invoices', gone.id);
		sim.clearLog();
		const run = await poll.poll();
		expect(summary(run.items)).toEqual([`changed ${changed.id}`, `new ${created.id}`, `deleted ${gone.id}`]);
		const [changedItem, , deletedItem] = run.items ?? [];
		expect(changedItem).toMatchObject({ changeKey: `invoice:${changed.id}:version=${Number(changed.version) + 1}`, record: recordWithId(listed(), changed.id) });
		expect(deletedItem).toEqual({ event: 'deleted', resource: 'invoice', id: gone.id, changeKey: `invoice:${gone.id}:deleted`, detectedAt: expect.any(String), record: null });
		expect(sim.log().map((entry) => `${entry.method} ${entry.id ?? 'list'} ${entry.status}`)).toEqual(['GET list 200', `GET ${gone.id} 404`]);
		expect((await poll.poll()).items).toBeNull();
	});

	it('with Event "New Records", a change is remembered but never emitted', async () => {
		const poll = trigger({ event: 'new' });
		await poll.poll();
		const changed = listed()[3];
		sim.changeRecord('invoices', changed.id, { description: 'edited' });
		expect((await poll.poll()).items).toBeNull();
		const [created] = sim.createRecords('invoices');
		expect(summary((await poll.poll()).items)).toEqual([`new ${created.id}`]);
		expect((await poll.poll({ parameters: { ...BASE } })).items).toBeNull(); // switching Event later does not replay it
	});

	it('without Include Deleted Records, a deleted record is confirmed and forgotten silently', async () => {
		const poll = trigger();
		await poll.poll();
		const gone = listed()[0];
		sim.deleteRecord('invoices', gone.id);
		expect((await poll.poll()).items).toBeNull();
		expect(loadState(poll.staticData)?.fingerprints.has(String(gone.id))).toBe(false);
		sim.clearLog();
		expect((await poll.poll()).items).toBeNull();
		expect(sim.log()).toHaveLength(1); // only the list: nothing left to confirm
	});

	it('an idle poll reads the list (one request per 500 records) and writes nothing', async () => {
		sim.reset({ counts: { ...COUNTS, invoices: 1234 } });
		const poll = trigger();
		await poll.poll();
		const before = JSON.stringify(poll.staticData);
		sim.clearLog();
		for (let i = 0; i < 3; i++) expect((await poll.poll()).items).toBeNull();
		expect(listRequests()).toBe(3 * 3);
		expect(JSON.stringify(poll.staticData)).toBe(before);
	});
});

describe('filters', () => {
	it('Field Values: emits only records with those values, and remembers the others', async () => {
		const target = listed()[5];
		const customerNumber = String((target.customer as IDataObject).customerNumber);
		const poll = trigger({ filters: { fieldValues: { fieldValue: [{ field: 'exportState', value: 'toTransfer' }, { field: 'customer.customerNumber', value: customerNumber }] } } });
		await poll.poll();
		const other = listed().find((r) => (r.customer as IDataObject).customerNumber !== customerNumber)!;
		sim.changeRecord('invoices', target.id, { exportState: 'toTransfer' });
		sim.changeRecord('invoices', other.id, { exportState: 'toTransfer' });
		expect(summary((await poll.poll()).items)).toEqual([`changed ${target.id}`]);
		sim.changeRecord('invoices', target.id, { exportState: 'transferred' });
		expect((await poll.poll()).items).toBeNull();
	});

	it('Created From: only records created at or after the date', async () => {
		const poll = trigger({ start: 'all', filters: { createdFrom: '2025-01-01T00:00:00' } });
		const expected = listed().filter((r) => Date.parse(String(r.createdDate)) >= Date.parse('2025-01-01T00:00:00+01:00')).map((r) => r.id);
		expect(expected.length).toBeGreaterThan(0);
		expect((await poll.poll()).items?.map((item) => item.id)).toEqual(expected);
	});
});

describe('Fetch Full Record', () => {
	it('reads each emitted record by ID (with Include) and computes the change key from it', async () => {
		const poll = trigger({ fetchFullRecord: true, include: 'base+lines' });
		await poll.poll();
		const changed = listed()[9];
		sim.changeRecord('invoices', changed.id);
		sim.clearLog();
		const run = await poll.poll();
		const full = sim.data('invoices', { include: 'base+lines' }).find((r) => r.id === changed.id)!;
		expect(run.items).toEqual([expect.objectContaining({ event: 'changed', id: changed.id, record: full, changeKey: `invoice:${changed.id}:version=${String(full.version)}` })]);
		expect(Array.isArray(full.lines) && !('lines' in changed)).toBe(true);
		expect(sim.log().map((entry) => entry.path.split('/').slice(-3).join('/'))).toEqual(['companies/acme/invoices', `${changed.id}/include/base+lines`]);
	});
});

describe('change detection', () => {
	it('Automatic picks version; a named field or Record Hash is used when chosen', async () => {
		const auto = trigger();
		await auto.poll();
		expect(loadState(auto.staticData)?.stampField).toBe('version');
		const named = trigger({ options: { changeDetection: 'field', changeStampField: 'lastModifiedDate' } });
		await named.poll();
		expect(loadState(named.staticData)?.stampField).toBe('lastModifiedDate');
		const hash = trigger({ options: { changeDetection: 'hash' } });
		await hash.poll();
		expect(loadState(hash.staticData)?.stampField).toBeNull();
		const changed = listed()[2];
		sim.changeRecord('invoices', changed.id, { description: 'edited' });
		for (const poll of [auto, named, hash]) expect(summary((await poll.poll()).items)).toEqual([`changed ${changed.id}`]);
	});

	it('"Ask Moment for Changed Records Only" sends lastModifiedDateFrom after the first poll and still emits each change once', async () => {
		const poll = trigger({ options: { changedSinceFilter: true } });
		await poll.poll();
		const highWater = Math.max(...listed().map((record) => Date.parse(String(record.lastModifiedDate))));
		const changed = listed()[11];
		sim.changeRecord('invoices', changed.id, { exportState: 'doNotTransfer' });
		sim.clearLog();
		const run = await poll.poll();
		expect(summary(run.items)).toEqual([`changed ${changed.id}`]);
		const [list] = sim.log();
		expect(list.query.lastModifiedDateFrom).toBe(new Date(highWater - 86400000).toISOString());
		expect((await poll.poll()).items).toBeNull(); // the same change comes back (inside the day of overlap) and is not repeated
		expect(sim.log().filter((entry) => entry.query.lastModifiedDateFrom !== undefined)).toHaveLength(2);
	});
});
