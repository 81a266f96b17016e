/**
 * Never skip, never repeat: API faults during a poll (through the simulator, with the transport's
 * real retries and waits), a list shorter than Moment announced, a record that drops out of a
 * listing while it still exists, overlapping polls, the time budget of Fetch Full Record, and
 * Moment answers of shapes nobody has seen (through nock). A poll either emits every change once
 * or fails with the memory untouched, so the next poll emits them then.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { REREAD_PAUSES_MS } from '../../nodes/Moment/poll/readRecords';
import type { WrittenState } from '../../nodes/Moment/poll/state';
import { freshness, loadState, STALE_GRACE_MS } from '../../nodes/Moment/poll/state';
import { DEFAULT_RETRY_POLICY } from '../../nodes/Moment/transport/retry';
import { BASE_URL, COMPANY, CREDENTIALS } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import type { PollHarness } from '../helpers/pollContext';
import { pollHarness } from '../helpers/pollContext';
import { credentialsFor } from '../simulator/httpClient';
import type { FaultRule, Simulator } from '../simulator/index';
import { DEFAULT_PARAMETERS, summary, useSimulator } from './fixture';

jest.setTimeout(90000);

const BASE: IDataObject = { ...DEFAULT_PARAMETERS, includeDeleted: true };
const ATTEMPTS = 1 + DEFAULT_RETRY_POLICY.maxTransientRetries;

describe('API faults during a poll (simulator)', () => {
	let sim: Simulator;
	useSimulator({ invoices: 1234 }, (started) => (sim = started)); // 3 pages of 500

	/** Baseline, then 2 new, 2 changed and 1 deleted invoice "in Moment"; returns the expected items. */
	async function changesAfterBaseline() {
		const poll = pollHarness({ parameters: BASE, credentials: credentialsFor(sim) });
		await poll.poll();
		const created = sim.createRecords('invoices', { count: 2 }).map((record) => `new ${record.id}`);
		const changed = sim.changeRecords('invoices', { ids: [sim.data('invoices')[10].id, sim.data('invoices')[900].id] }).map((id) => `changed ${id}`);
		const gone = sim.data('invoices')[600].id;
		sim.deleteRecord('invoices', gone);
		return { poll, expected: [...created, ...changed, `deleted ${gone}`].sort() };
	}

	const recoverable: Array<[string, FaultRule[]]> = [
		['429 twice (no Retry-After, as Moment)', [{ status: 429, count: 2, path: 'page=1&' }]],
		['503 and 502 on two pages', [{ status: 503, count: 2, path: 'page=0&' }, { status: 502, path: 'page=2&' }]],
		['a reset connection and truncated JSON', [{ type: 'reset', path: 'page=1&' }, { type: 'truncate', mode: 'content-length', path: 'page=2&' }]],
		['a 503 on the deletion check', [{ status: 503, method: 'GET', pathPattern: '/invoices/\\d+$' }]],
	];
	it.each(recoverable)('%s: retried, and every change is emitted exactly once', async (_name, faults) => {
		const { poll, expected } = await changesAfterBaseline();
		sim.setFaults(faults);
		expect(summary((await poll.poll()).items)).toEqual(expected);
		expect(sim.faults().injected).toBeGreaterThan(0);
		expect((await poll.poll()).items).toBeNull();
	});

	const fatal: Array<[string, FaultRule[], RegExp]> = [
		[`503 on all ${ATTEMPTS} attempts at page 2`, [{ status: 503, count: ATTEMPTS, path: 'page=2&' }], /^Moment answered 503 for invoices after 5 attempts/],
		['500 (not retried)', [{ status: 500, path: 'page=1&' }], /^Moment answered 500 for invoices/],
		[`truncated JSON on all ${ATTEMPTS} attempts`, [{ type: 'truncate', mode: 'short', count: ATTEMPTS, path: 'page=0&' }], /could not be read/],
		['a 500 on the deletion check', [{ status: 500, method: 'GET', pathPattern: '/invoices/\\d+$' }], /^Moment answered 500 for Invoice \d+/],
	];
	it.each(fatal)('%s: the poll fails loudly, the memory is untouched, the next poll emits every change once', async (_name, faults, message) => {
		const { poll, expected } = await changesAfterBaseline();
		const memory = JSON.stringify(poll.staticData);
		sim.setFaults(faults);
		const error = await failureOf(poll.poll());
		expect(error.message).toMatch(message);
		expect(error.description).toContain('the next poll sees the same changes again');
		expect(JSON.stringify(poll.staticData)).toBe(memory);
		sim.clearFaults();
		expect(summary((await poll.poll()).items)).toEqual(expected);
		expect((await poll.poll()).items).toBeNull();
	});

	it('runs one poll at a time per node: an overlapping poll waits for the running one and emits nothing', async () => {
		const { poll, expected } = await changesAfterBaseline();
		sim.settings({ latencyMs: 300 });
		try {
			const finished: string[] = [];
			const runs = await Promise.all([0, 1].map(async (n) => {
				const run = await poll.poll();
				finished.push(`poll ${n}`);
				return run;
			}));
			expect(runs.map((run) => run.items === null)).toEqual([false, true]);
			expect(runs[1].logs.join('\n')).toContain('the previous poll is still running, so this one only waits for it');
			expect(finished).toEqual(['poll 0', 'poll 1']); // the late one returns after the running one (n8n then releases the isolate)
			expect(summary(runs[0].items)).toEqual(expected);
		} finally {
			sim.settings({ latencyMs: 0 });
		}
		expect((await poll.poll()).items).toBeNull();
	});

	/** A poll of `first`, and a poll of `second` started 50 ms into it (Moment answering in 300 ms). */
	async function whileRunning(first: PollHarness, second: PollHarness) {
		sim.settings({ latencyMs: 300 });
		try {
			const inFlight = first.poll();
			await sleep(50);
			return await Promise.all([inFlight, second.poll()]);
		} finally {
			sim.settings({ latencyMs: 0 });
		}
	}

	// n8n 1.123.81 (ActiveWorkflows.activatePolling, WorkflowService.update): saving a published
	// workflow removes its registration and adds a new one, which loads the memory from the database
	// and polls at once, while the old registration's poll may still run; that poll's result is
	// still emitted and saved. Seen in the end-to-end suite (republish, step F).
	it('published again while a poll runs: the old registration emits nothing and the new one emits each change once', async () => {
		const { poll: old, expected } = await changesAfterBaseline();
		const loadedAtPublish = structuredClone(old.staticData); // what the new registration loads
		const republished = pollHarness({ parameters: BASE, credentials: credentialsFor(sim), staticData: loadedAtPublish, globalStaticData: structuredClone(old.globalStaticData), workflowId: old.workflowId });
		const runs = await whileRunning(old, republished);
		expect(runs.map((run) => run.items)).toEqual([null, null]);
		expect(runs[0].logs.join('\n')).toContain('published again while this poll ran, so it emits nothing');
		expect(old.staticData).toEqual(loadedAtPublish); // nothing written: n8n 1.123 would save nothing either
		const later = [await republished.poll()];
		const realNow = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + STALE_GRACE_MS + 1000);
		try {
			later.push(await republished.poll(), await republished.poll());
		} finally {
			clock.mockRestore();
		}
		expect(summary(later.flatMap((run) => run.items ?? []))).toEqual(expected); // each change once, also after the grace
	});

	it('a poll overlapped by a poll of the same registration (one memory object) still emits its changes', async () => {
		const { poll, expected } = await changesAfterBaseline();
		const runs = await whileRunning(poll, poll);
		expect(summary(runs[0].items)).toEqual(expected);
		expect(runs[1].items).toBeNull();
		expect((await poll.poll()).items).toBeNull();
	});

	it('a poll handed an older copy of the memory than an emitting poll wrote (durable cursors, commit pending) emits nothing', async () => {
		const { poll, expected } = await changesAfterBaseline();
		const committed = structuredClone(poll.staticData); // what n8n's cursor table still holds
		expect(summary((await poll.poll()).items)).toEqual(expected);
		const stale = pollHarness({ parameters: BASE, credentials: credentialsFor(sim), staticData: committed, workflowId: poll.workflowId });
		const run = await stale.poll();
		expect(run.items).toBeNull();
		expect(run.logs.join('\n')).toContain('older copy of the memory than the last poll wrote');
		expect(stale.staticData).toEqual(committed);
		expect((await poll.poll()).items).toBeNull(); // the committed copy: nothing new
	});

	it('a poll handed an older copy than a poll that emitted nothing continues from what that poll remembered', async () => {
		const poll = pollHarness({ parameters: BASE, credentials: credentialsFor(sim) });
		await poll.poll(); // the first-poll snapshot, which n8n does not keep at publishing with durable cursors
		const [created] = sim.createRecords('invoices');
		const dropped = pollHarness({ parameters: BASE, credentials: credentialsFor(sim), staticData: {}, workflowId: poll.workflowId });
		const run = await dropped.poll();
		expect(summary(run.items)).toEqual([`new ${created.id}`]); // not swallowed by a second first poll
		expect(run.logs.join('\n')).not.toContain('this poll is a first poll');
		expect(loadState(dropped.staticData)?.sequence).toBe(2);
	});

	it('tells the copy n8n handed over from the one written here by their sequence numbers', () => {
		const at = 1_000_000;
		const emitted: WrittenState = { sequence: 5, at, stored: {}, lastEmit: { sequence: 5, at } };
		expect(freshness(5, emitted, at + 1)).toBe('handed');
		expect(freshness(4, emitted, at + STALE_GRACE_MS - 1)).toBe('wait');
		expect(freshness(4, emitted, at + STALE_GRACE_MS)).toBe('handed'); // that commit failed: its changes come again
		const quiet: WrittenState = { sequence: 7, at: at + 5, stored: {}, lastEmit: { sequence: 5, at } };
		expect(freshness(5, quiet, at + 10)).toBe('written');
		expect(freshness(3, quiet, at + 10)).toBe('wait');
		expect(freshness(0, undefined, at)).toBe('handed');
	});

	it('Fetch Full Record defers what the time budget does not allow to the next poll, skipping nothing', async () => {
		const poll = pollHarness({ parameters: { ...BASE, fetchFullRecord: true }, credentials: credentialsFor(sim) });
		await poll.poll();
		const ids = sim.changeRecords('invoices', { count: 4 });
		const late = await poll.poll({ budgetMs: 0 }); // n8n 2.x says no time is left
		expect(late.items).toBeNull();
		expect(late.logs.join('\n')).toContain('4 changes wait for the next poll');
		const run = await poll.poll({ budgetMs: 30000 });
		expect(summary(run.items)).toEqual(ids.map((id) => `changed ${id}`).sort());
		expect(run.items?.every((item) => (item.record as IDataObject).id === item.id)).toBe(true);
	});
});

describe('Moment answers nobody has seen (nock)', () => {
	const LIST = `/api/1.0/companies/${COMPANY}/invoices`;
	const page = (content: IDataObject[], totalElements = content.length) => ({ content, page: { number: 0, size: 500, totalElements, totalPages: 1 } });
	const api = () => nock(BASE_URL);
	useMomentNock();
	const trigger = (parameters: IDataObject = {}) => pollHarness({ parameters: { ...BASE, ...parameters }, credentials: CREDENTIALS });
	const v = (id: number, version = 1): IDataObject => ({ id, version, name: `r${id}` });

	it('a list shorter than Moment announced is read again, and fails the poll if it stays short, deleting nothing', async () => {
		const poll = trigger();
		api().get(LIST).query(true).reply(200, page([v(1), v(2), v(3)]));
		await poll.poll();
		api().get(LIST).query(true).times(1 + REREAD_PAUSES_MS.length).reply(200, page([v(1), v(3)], 3));
		const error = await failureOf(poll.poll());
		expect(error.message).toBe('Moment announced 3 invoices but sent 2');
		expect(loadState(poll.staticData)?.fingerprints.size).toBe(3);
		// a record deleted while the pages were read: the second read is consistent
		api().get(LIST).query(true).reply(200, page([v(1), v(3)], 3));
		api().get(LIST).query(true).reply(200, page([v(1), v(3)]));
		api().get(`${LIST}/2`).reply(404, { message: 'Invoice 2 not found' });
		const run = await poll.poll();
		expect(summary(run.items)).toEqual(['deleted 2']);
		expect(run.logs.join('\n')).toContain('the invoices list changed while it was read');
	});

	it('a record missing from a listing that Moment still has is not deleted, and not new when listed again', async () => {
		const poll = trigger();
		api().get(LIST).query(true).reply(200, page([v(1), v(2), v(3)]));
		await poll.poll();
		api().get(LIST).query(true).reply(200, page([v(1), v(3)]));
		api().get(`${LIST}/2`).reply(200, v(2));
		expect((await poll.poll()).items).toBeNull();
		expect(loadState(poll.staticData)?.unlisted).toEqual(new Set(['2']));
		api().get(LIST).query(true).reply(200, page([v(1), v(3)])); // still unlisted: not asked again
		expect((await poll.poll()).items).toBeNull();
		api().get(LIST).query(true).reply(200, page([v(1), v(2, 2), v(3)]));
		expect(summary((await poll.poll()).items)).toEqual(['changed 2']);
		expect(loadState(poll.staticData)?.unlisted.size).toBe(0);
	});

	it('a record deleted between the list and Fetch Full Record is emitted later as deleted, never as a half item', async () => {
		const poll = trigger({ fetchFullRecord: true });
		api().get(LIST).query(true).reply(200, page([v(1), v(2)]));
		await poll.poll();
		api().get(LIST).query(true).reply(200, page([v(1), v(2, 2)]));
		api().get(`${LIST}/2`).reply(404, { message: 'Invoice 2 not found' });
		expect((await poll.poll()).items).toBeNull();
		api().get(LIST).query(true).reply(200, page([v(1)]));
		api().get(`${LIST}/2`).reply(404, { message: 'Invoice 2 not found' });
		expect(summary((await poll.poll()).items)).toEqual(['deleted 2']);
	});

	it('records without a stamp are compared by content; records without an ID are emitted once by content', async () => {
		const poll = trigger();
		const plain = (id: number, name: string): IDataObject => ({ id, name });
		api().get(LIST).query(true).reply(200, page([plain(1, 'a'), plain(2, 'b')]));
		await poll.poll();
		expect(loadState(poll.staticData)?.stampField).toBeNull();
		api().get(LIST).query(true).reply(200, page([plain(1, 'a'), plain(2, 'B'), { name: 'no id' }]));
		const run = await poll.poll();
		expect(summary(run.items)).toEqual(['changed 2', expect.stringMatching(/^new content:/)]);
		expect(run.items?.find((item) => item.event === 'changed')?.changeKey).toMatch(/^invoice:2:hash=[0-9a-f]{32}$/);
		api().get(LIST).query(true).reply(200, page([plain(1, 'a'), plain(2, 'B'), { name: 'no id' }]));
		expect((await poll.poll()).items).toBeNull();
	});

	it('a change that keeps the version is not a change for Automatic, but is for Record Hash', async () => {
		const auto = trigger();
		const hash = trigger({ options: { changeDetection: 'hash' } });
		api().get(LIST).query(true).times(2).reply(200, page([v(1), v(2)]));
		await auto.poll();
		await hash.poll();
		api().get(LIST).query(true).times(2).reply(200, page([v(1), { ...v(2), name: 'renamed' }]));
		expect((await auto.poll()).items).toBeNull();
		expect(summary((await hash.poll()).items)).toEqual(['changed 2']);
	});

	it('On First Poll "since" fails loudly when the records carry no date, and remembers nothing', async () => {
		const poll = trigger({ start: 'since', startDate: '2025-01-01T00:00:00' });
		api().get(LIST).query(true).reply(200, page([v(1), v(2)]));
		const error = await failureOf(poll.poll());
		expect(error.message).toContain('needs records that carry a date in lastModifiedDate');
		expect(poll.staticData).toEqual({});
	});
});
