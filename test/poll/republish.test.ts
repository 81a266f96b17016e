/**
 * Republishing, editing and renaming: what the poll trigger does when n8n hands it an empty memory
 * although it has polled before, against the simulator. How n8n keeps the memory is faked here as
 * n8n's source does it (n8n-workflow Workflow.getStaticData, 1.123.81 and 2.41.3):
 * - one static data object per workflow; the node scope is `staticData['node:<node name>']`, the
 *   global scope `staticData.global`; renaming a node moves neither (n8n's renameNode renames
 *   nodes, connections and expressions, not static data keys), so the renamed node gets a new,
 *   empty scope and the same global one;
 * - with n8n 2.41's durable poll cursors the node scope is a cursor row keyed by workflow and node
 *   ID, seeded once from the static data; the poll n8n runs at publishing commits it only when it
 *   emitted (poll-trigger-executor.js: `else if (!testingTrigger) commitStagedCursor`), while the
 *   global scope is saved at publishing (workflow-trigger-activator.js activateInternal,
 *   `saveStaticData(workflow)`); the end-to-end suite shows both against a real n8n
 *   (test/e2e/scenarios/republish.mjs).
 * A new workflow ID stands for a restarted n8n process: poll/state.ts (lastWrittenFor) keeps its memory per
 * process, keyed by workflow and node ID.
 */
import type { IDataObject } from 'n8n-workflow';

import { readPollSettings } from '../../nodes/Moment/poll/settings';
import { CATCH_UP_OVERLAP_MS, loadState, MARKERS_KEY, MAX_MARKERS, readMarker, rememberMarker, STATE_KEY } from '../../nodes/Moment/poll/state';
import type { PollHarness, PollRun } from '../helpers/pollContext';
import { makePollNode, pollHarness } from '../helpers/pollContext';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';
import { DEFAULT_PARAMETERS, summary, useSimulator } from './fixture';

jest.setTimeout(60000);

const BASE: IDataObject = { ...DEFAULT_PARAMETERS, includeDeleted: true };
const NODE_ID = makePollNode(BASE).id;
const LOST = 'n8n handed this poll an empty memory, but this trigger remembered';

let sim: Simulator;
useSimulator({ invoices: 80 }, (started) => (sim = started));

let workflows = 0;
const ids = new WeakMap<IDataObject, string>();

/** A workflow's static data as n8n keeps it: one object, a scope per node name and a global one. */
function workflowStaticData(): IDataObject {
	const root: IDataObject = { global: {} };
	ids.set(root, `republish-workflow-${++workflows}`);
	return root;
}

/** The trigger, filed under `name` in `root` (a new name: the scope n8n hands a renamed node), in one n8n process. */
function triggerIn(root: IDataObject, name: string, parameters: IDataObject = {}): PollHarness {
	const scope = `node:${name}`;
	root[scope] ??= {};
	const workflowId = ids.get(root) as string;
	return pollHarness({ parameters: { ...BASE, ...parameters }, credentials: credentialsFor(sim), staticData: root[scope] as IDataObject, globalStaticData: root.global as IDataObject, workflowId });
}

const warnings = (run: PollRun) => run.logs.filter((line) => line.startsWith('warn '));
const keys = (run: PollRun) => (run.items ?? []).map((item) => String(item.changeKey)).sort();
const listed = () => sim.data('invoices', { include: 'base' });
const dateOf = (id: number) => Date.parse(String(listed().find((record) => record.id === id)?.lastModifiedDate));

describe('a renamed trigger (n8n\'s default scheduler files the memory under the node name)', () => {
	it('notices the lost memory, warns, and catches up: every change made meanwhile comes once, deletions excepted', async () => {
		const root = workflowStaticData();
		const before = triggerIn(root, 'Moment Poll Trigger');
		expect((await before.poll()).items).toBeNull();
		const emittedBefore = sim.changeRecords('invoices', { count: 2 });
		const firstRun = await before.poll();
		expect(summary(firstRun.items)).toEqual(emittedBefore.map((id) => `changed ${id}`).sort());
		expect((await before.poll()).items).toBeNull(); // the idle poll after it: this process no longer holds a newer copy

		// renamed (and published again): n8n hands the scope of the new name, empty
		const [created] = sim.createRecords('invoices');
		const [changed] = sim.changeRecords('invoices', { count: 1 });
		const gone = listed()[40].id;
		sim.deleteRecord('invoices', gone);
		const renamed = triggerIn(root, 'New Invoices');
		const run = await renamed.poll();

		expect(warnings(run)).toHaveLength(1);
		expect(warnings(run)[0]).toContain(`${LOST} 80 invoices`);
		expect(warnings(run)[0]).toContain('It catches up');
		const newKeys = [`invoice:${created.id}:version=0`, `invoice:${changed}:version=${sim.record('invoices', changed)?.version}`];
		// what comes again is only what was emitted within the overlap before the loss (a repeat filter holds it back)
		const repeats = keys(run).filter((key) => !newKeys.includes(key));
		expect(keys(run).filter((key) => newKeys.includes(key))).toEqual(newKeys.sort());
		expect(repeats.every((key) => (firstRun.items ?? []).some((item) => item.changeKey === key))).toBe(true);
		expect(summary(run.items)).toContain(`new ${created.id}`);
		expect(summary(run.items)).toContain(`changed ${changed}`);
		expect(summary(run.items)).not.toContain(`deleted ${gone}`); // the documented limit: what existed was the memory
		expect(loadState(renamed.staticData)?.fingerprints.size).toBe(80);
		expect((await renamed.poll()).items).toBeNull();
		expect(root['node:Moment Poll Trigger']).toHaveProperty(STATE_KEY); // n8n leaves the old scope where it was
	});

	it('without its marker (memory written before this version) a renamed trigger has a plain first poll, as before', async () => {
		const root = workflowStaticData();
		const before = triggerIn(root, 'Moment Poll Trigger');
		await before.poll();
		await before.poll();
		delete (root.global as IDataObject)[MARKERS_KEY];
		sim.createRecords('invoices');
		const run = await triggerIn(root, 'New Invoices').poll();
		expect(run.items).toBeNull(); // On First Poll: Emit Nothing
		expect(warnings(run)).toEqual([]);
	});

	it('catches up New Records by creation date, and labels a changed record "changed"', async () => {
		const root = workflowStaticData();
		const before = triggerIn(root, 'Moment Poll Trigger', { event: 'new' });
		await before.poll();
		await before.poll();
		const [created] = sim.createRecords('invoices');
		const [changed] = sim.changeRecords('invoices', { count: 1 });
		expect(summary((await triggerIn(root, 'Renamed', { event: 'new' }).poll()).items)).toEqual([`new ${created.id}`]);

		const root2 = workflowStaticData();
		const before2 = triggerIn(root2, 'Moment Poll Trigger');
		await before2.poll();
		await before2.poll();
		const [changed2] = sim.changeRecords('invoices', { ids: [changed] });
		const run = await triggerIn(root2, 'Renamed').poll();
		expect(summary(run.items)).toContain(`changed ${changed2}`);
		expect(summary(run.items)).not.toContain(`new ${changed2}`);
	});

	it('a changed Resource, Change Detection or company is a first poll by design, not a lost memory', async () => {
		const root = workflowStaticData();
		const before = triggerIn(root, 'Moment Poll Trigger');
		await before.poll();
		await before.poll();
		const renamed = triggerIn(root, 'Renamed', { options: { changeDetection: 'hash' } });
		const run = await renamed.poll();
		expect(warnings(run)).toEqual([]);
		expect(run.items).toBeNull();
	});
});

describe('durable poll cursors: the first poll\'s memory not kept by n8n, then a restart', () => {
	it('the restarted trigger notices it, warns, and emits what changed after publishing', async () => {
		const root = workflowStaticData();
		const published = triggerIn(root, 'Moment Poll Trigger');
		const activation = await published.poll(); // the poll at publishing: emits nothing, so n8n drops its cursor
		expect(activation.items).toBeNull();
		const marker = readMarker(root.global as IDataObject, NODE_ID);
		expect(marker).toMatchObject({ count: 80 });
		const since = Date.parse(String(marker?.since));
		const [created] = sim.createRecords('invoices');
		const [changed] = sim.changeRecords('invoices', { count: 1 });

		// n8n restarted: a new process, the cursor row still the seed, the global scope as saved at publishing
		const restarted = pollHarness({ parameters: BASE, credentials: credentialsFor(sim), staticData: {}, globalStaticData: root.global as IDataObject, workflowId: 'republish-workflow-durable-restarted' });
		const run = await restarted.poll();
		expect(warnings(run)).toHaveLength(1);
		expect(warnings(run)[0]).toContain('n8n restarted before it kept the first poll\'s memory');
		// the changes after publishing, and the records last changed within the overlap before it (their date, not a guess)
		const overlap = listed().filter((record) => record.id !== created.id && record.id !== changed && dateOf(record.id) >= since - CATCH_UP_OVERLAP_MS).map((record) => `changed ${record.id}`);
		expect(overlap.length).toBeLessThan(5);
		expect(summary(run.items)).toEqual([`new ${created.id}`, `changed ${changed}`, ...overlap].sort());
		expect((await restarted.poll()).items).toBeNull();
	});

	it('a memory n8n hands over is used as it is, whatever the marker says (commit not arrived: the last copy written, poll/state.ts, decides)', async () => {
		const root = workflowStaticData();
		const poll = triggerIn(root, 'Moment Poll Trigger');
		await poll.poll();
		const committed = structuredClone(poll.staticData);
		sim.changeRecords('invoices', { count: 3 });
		await poll.poll(); // emits; its marker is saved, its cursor commit fails
		const restarted = pollHarness({ parameters: BASE, credentials: credentialsFor(sim), staticData: committed, globalStaticData: root.global as IDataObject, workflowId: 'republish-workflow-marker-ahead-2' });
		const run = await restarted.poll();
		expect(warnings(run)).toEqual([]);
		expect(run.items).toHaveLength(3); // the failed execution does not exist: its changes come again
	});
});

describe('the marker', () => {
	const settings = () => readPollSettings.call(pollHarnessContext());
	function pollHarnessContext() {
		return { getTimezone: () => 'Europe/Oslo', getNodeParameter: (name: string, fallback: unknown) => (BASE[name] ?? fallback), getNode: () => makePollNode(BASE) } as never;
	}
	const write = (global: IDataObject, nodeId: string, records: IDataObject[], extra: Partial<{ kept: boolean; pending: boolean; signature: string }> = {}) =>
		rememberMarker(global, nodeId, settings(), { signature: 'invoice|auto|abc', sequence: 3, count: records.length, records, pending: false, kept: true, startedAt: Date.parse('2026-03-01T12:00:00Z'), ...extra });

	it('holds the latest date seen, never after the poll\'s start, and moves only at the writes n8n keeps', () => {
		const global: IDataObject = {};
		write(global, 'n1', [{ id: 1, lastModifiedDate: '2026-03-01T11:00:00Z' }, { id: 2, createdDate: '2026-03-01T11:30:00Z' }]);
		expect(readMarker(global, 'n1')?.since).toBe('2026-03-01T11:30:00.000Z');
		write(global, 'n1', [{ id: 1, lastModifiedDate: '2026-03-01T11:45:00Z' }], { kept: false });
		expect(readMarker(global, 'n1')?.since).toBe('2026-03-01T11:30:00.000Z'); // a poll n8n does not keep: unchanged
		write(global, 'n1', [{ id: 1, lastModifiedDate: '2026-03-01T11:45:00Z' }], { pending: true });
		expect(readMarker(global, 'n1')?.since).toBe('2026-03-01T11:30:00.000Z'); // a change still waits: not past it
		write(global, 'n1', [{ id: 1, lastModifiedDate: '2027-01-01T00:00:00Z' }]);
		expect(readMarker(global, 'n1')?.since).toBe('2026-03-01T12:00:00.000Z'); // a date ahead of the poll is capped
		write(global, 'n1', [{ id: 1, name: 'no dates' }], { signature: 'invoice|hash|abc' });
		expect(readMarker(global, 'n1')?.since).toBeUndefined(); // another memory: nothing carried over
	});

	it(`keeps at most ${MAX_MARKERS} triggers per workflow, dropping the oldest, and ignores what it did not write`, () => {
		const global: IDataObject = {};
		for (let i = 0; i <= MAX_MARKERS; i++) write(global, `n${i}`, []);
		expect(Object.keys(global[MARKERS_KEY] as IDataObject)).toHaveLength(MAX_MARKERS);
		expect(readMarker(global, 'n0')).toBeUndefined();
		expect(readMarker(global, `n${MAX_MARKERS}`)).toBeDefined();
		expect(readMarker({ [MARKERS_KEY]: { x: { signature: 's', at: 'now', sequence: 'one', count: 1 } } }, 'x')).toBeUndefined();
		expect(readMarker({ [MARKERS_KEY]: 'not an object' }, 'x')).toBeUndefined();
	});

	it('is not written by idle polls', async () => {
		const root = workflowStaticData();
		const poll = triggerIn(root, 'Moment Poll Trigger');
		await poll.poll();
		const marker = JSON.stringify(root.global);
		await poll.poll();
		await poll.poll();
		expect(JSON.stringify(root.global)).toBe(marker);
	});
});
