// Scenario 6: the Moment Poll Trigger inside real n8n, polling the simulator's invoices every second
// (regular mode, queue mode, and with n8n 2.x's durable poll cursors). Records are created,
// changed and deleted "in Moment" through the simulator while n8n runs, and while it is stopped;
// faults are injected into the list reads. Checked: what reached the recorder (one post per item,
// with the execution's id), n8n's execution list, the simulator's request log, and the static
// data n8n stored. Each mode polls with its own workflow, published only while its checks run.
import { MOMENT, MOMENT_POLL_TRIGGER, MOMENT_TRIGGER, pollEvery, pollWorkflow } from '../lib/workflows.mjs';
import { startRedis } from '../lib/redis.mjs';
import { stopGroup } from '../lib/processes.mjs';
import { deliver } from './trigger.mjs';

export const POLL_WORKFLOWS = { regular: 'e2ePollInvoice01', queue: 'e2ePollInvoiceQ1', durable: 'e2ePollInvoiceD1' };
const POLL_SECONDS = 1;
const PARAMETERS = { resource: 'invoice', event: 'newOrChanged', includeDeleted: true, start: 'nothing', fetchFullRecord: false, filters: {}, options: {} };
/** n8n 2.41's durable scheduler with durable poll cursors (read in its source: scheduler.config.js, poll-cursor.service.js). */
export const DURABLE_CURSOR_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_SCHEDULER_EXECUTOR_INTERVAL: '1',
	N8N_SCHEDULER_MATERIALIZATION_INTERVAL: '1',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => process.stderr.write(`[e2e ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);
const settled = (execution) => !['new', 'running', 'waiting'].includes(execution.status);

/**
 * A second simulator company for the example workflows with a poll trigger, which run during the
 * regular-mode checks: their polls and faults never mix with the scenario's (company in the path).
 */
export const POLL_EXAMPLE_COMPANY = { code: 'pollco', apiKeys: ['moment-sim-key-pollco'] };

export function pollSetup({ credential, recorder }) {
	return Object.values(POLL_WORKFLOWS).map((id) => pollWorkflow({ id, credential, recorderUrl: recorder.url, parameters: PARAMETERS, seconds: POLL_SECONDS }));
}

/** The examples with a Moment Poll Trigger, pointed at the example company and polling every second. */
export function preparePollExamples(examples, credential) {
	const prepared = examples.filter((example) => example.pollTriggers.length > 0);
	for (const example of prepared) {
		for (const node of example.workflow.nodes) {
			if ([MOMENT, MOMENT_TRIGGER, MOMENT_POLL_TRIGGER].includes(node.type)) node.credentials = { ...(node.credentials ?? {}), momentApi: { id: credential.id, name: credential.name } };
			if (node.type === MOMENT_POLL_TRIGGER) node.parameters.pollTimes = pollEvery(POLL_SECONDS);
		}
	}
	return prepared;
}

/**
 * An example with both triggers and Pass Each Once on changeKey: a new invoice announced by the
 * webhook and found by the poll, one found only by the poll, and a repeated webhook call reach
 * the example's HTTP Request node once per invoice.
 */
async function webhookAndPollExample({ n8n, sim, simLib, recorder, checks }, example, label) {
	const companyCode = POLL_EXAMPLE_COMPANY.code;
	const polls = () => sim.log().filter((e) => e.company === companyCode && e.entity === 'invoices' && e.id === undefined && e.query.page === '0').length;
	const waitForPolls = async (count) => {
		const until = polls() + count;
		const deadline = Date.now() + 30_000;
		while (polls() < until && Date.now() < deadline) await sleep(200);
	};
	const target = (r) => r.url.startsWith(`/example/${example.slug}/`);
	const url = `${n8n.baseUrl}/webhook/${example.triggers[0].path}`;
	const event = example.triggers[0].events.split(',')[0].trim() || undefined;
	const token = example.triggers[0].secret || undefined;
	await waitForPolls(2);
	const before = recorder.received.filter(target).length;
	const [announced] = sim.createRecords('invoices', { companyCode });
	const first = await deliver(simLib, sim, url, { source: 'invoice', id: announced.id, companyCode, event, token });
	const [unannounced] = sim.createRecords('invoices', { companyCode });
	await waitForPolls(3);
	const again = await deliver(simLib, sim, url, { source: 'invoice', id: announced.id, companyCode, event, token });
	await waitForPolls(2);
	await sleep(1500);
	const posted = recorder.received.filter(target).slice(before).map((r) => r.json);
	checks.equal([first.status, again.status], [200, 200], `${label}: example ${example.file}: both webhook calls were accepted`);
	checks.equal(
		posted.map((p) => [p.invoice?.id, p.changeKey]).sort(),
		[[announced.id, `invoice:${announced.id}:version=0`], [unannounced.id, `invoice:${unannounced.id}:version=0`]].sort(),
		`${label}: example ${example.file}: the invoice seen by webhook (twice) and poll, and the one only the poll saw, each reached accounting once`,
	);
}

/** The checks' view of one poll workflow: what reached the recorder and n8n's executions. */
function observer({ n8n, sim, recorder }, id) {
	const path = `/poll/${id}`;
	const polls = () => sim.log().filter((e) => e.company === sim.companyCode && e.entity === 'invoices' && e.id === undefined && e.query.page === '0');
	return {
		mark: async () => ({ items: recorder.at(path).length, polls: polls().length, executions: new Set((await n8n.executions(id)).map((e) => e.id)) }),
		items: (mark) => recorder.at(path).slice(mark.items).map((r) => r.json),
		polls: (mark) => polls().length - mark.polls,
		/** Waits (bounded) until `count` items arrived after `mark`, then for `extraPolls` more polls. */
		async waitForItems(mark, count, { timeoutMs = 45_000, extraPolls = 1 } = {}) {
			const deadline = Date.now() + timeoutMs;
			while (recorder.at(path).length - mark.items < count && Date.now() < deadline) await sleep(200);
			const after = polls().length;
			while (polls().length < after + extraPolls && Date.now() < deadline + 15_000) await sleep(200);
			return this.items(mark);
		},
		/** Executions started after `mark`, once all of them finished and `until` holds for them (bounded). */
		async newExecutions(mark, { timeoutMs = 20_000, until = () => true } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const fresh = (await n8n.executions(id)).filter((e) => !mark.executions.has(e.id));
				if ((fresh.every(settled) && until(fresh)) || Date.now() > deadline) return fresh;
				await sleep(250);
			}
		},
	};
}

const keyed = (items) => items.map((item) => item.changeKey).sort();
const versionOf = (sim, id) => sim.record('invoices', id)?.version;

/**
 * Fetch Test Event, as the editor runs it (a manual run from the trigger): the most recent invoice
 * at once, and the stored memory left as it was.
 */
async function testEvent({ n8n, sim, recorder, checks }, id, label) {
	const before = JSON.stringify(await n8n.staticData(id));
	const mark = recorder.at(`/poll/${id}`).length;
	const started = await n8n.runManually(id, 'Moment Poll Trigger');
	const deadline = Date.now() + 30_000;
	while (recorder.at(`/poll/${id}`).length === mark && Date.now() < deadline) await sleep(200);
	const items = recorder.at(`/poll/${id}`).slice(mark).map((r) => r.json);
	const latest = sim.data('invoices', { include: 'base' }).reduce((a, b) => (Date.parse(b.lastModifiedDate) >= Date.parse(a.lastModifiedDate) ? b : a));
	checks.equal(
		items.map((i) => [i.event, i.id, JSON.stringify(i.record), i.executionId === started?.executionId]),
		[['new', latest.id, JSON.stringify(latest), true]],
		`${label}: Fetch Test Event (a manual run) returned the most recent invoice at once`,
	);
	const after = JSON.stringify(await n8n.staticData(id));
	checks.ok(after === before && before.includes('momentPoll'), `${label}: Fetch Test Event left the stored memory as the published trigger wrote it`);
}

async function startN8n(n8n, mode, owner, redisPort) {
	if (mode === 'queue') {
		await n8n.start({ redisPort });
		await n8n.startWorker(redisPort);
	} else await n8n.start();
	await n8n.login(owner);
}

/** Phases B-F of the scenario, with n8n running. `restart` stops and starts it again. */
async function phases(ctx, id, label, restart, { testEventToo = true, faults = true } = {}) {
	const { sim, checks } = ctx;
	const watch = observer(ctx, id);
	const pages = Math.ceil(sim.data('invoices').length / 500);
	let phaseStart = Date.now();
	const phaseDone = (name) => {
		log(`${label}: ${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
		phaseStart = Date.now();
	};

	// A: the first poll remembers what exists and emits nothing
	let mark = await watch.mark();
	await watch.waitForItems(mark, 0, { extraPolls: 3 });
	checks.equal([watch.items(mark).length, (await watch.newExecutions(mark)).length], [0, 0], `${label}: the first polls (On First Poll: emit nothing) emitted nothing and ran nothing`);
	phaseDone('first polls');
	if (testEventToo) await testEvent(ctx, id, label);
	phaseDone('Fetch Test Event');

	// B: one change at a time, one execution each
	const changedId = sim.data('invoices')[17].id;
	const goneId = sim.data('invoices')[33].id;
	const steps = [
		() => {
			const [created] = sim.createRecords('invoices');
			return ['new', created.id, `invoice:${created.id}:version=0`];
		},
		() => {
			const { version } = sim.changeRecord('invoices', changedId, { exportState: 'transferred' });
			return ['changed', changedId, `invoice:${changedId}:version=${version}`];
		},
		() => {
			sim.deleteRecord('invoices', goneId);
			return ['deleted', goneId, `invoice:${goneId}:deleted`];
		},
	];
	for (const step of steps) {
		mark = await watch.mark();
		const [event, recordId, key] = step();
		const items = await watch.waitForItems(mark, 1);
		const runs = await watch.newExecutions(mark);
		checks.equal(items.map((i) => [i.event, i.id, i.changeKey]), [[event, recordId, key]], `${label}: a ${event} invoice was emitted once, with its change key`);
		checks.equal(runs.map((e) => e.status), ['success'], `${label}: the ${event} invoice ran exactly one execution`);
		checks.ok(items.length === 1 && items[0].executionId === runs[0]?.id, `${label}: that item came from that execution`, { item: items[0]?.executionId, run: runs[0]?.id });
		if (event !== 'deleted') checks.equal(items[0]?.record, sim.data('invoices', { include: 'base' }).find((r) => r.id === recordId), `${label}: the ${event} item carries the invoice as Moment lists it`);
	}
	phaseDone('new, changed, deleted');

	// C: changes made while n8n is down are emitted once when it is back
	mark = await watch.mark();
	const whileDown = await restart(() => sim.changeRecords('invoices', { count: 50 }));
	const expectedDown = whileDown.map((rid) => `invoice:${rid}:version=${versionOf(sim, rid)}`).sort();
	const afterRestart = await watch.waitForItems(mark, 50, { timeoutMs: 60_000 });
	checks.equal(keyed(afterRestart), expectedDown, `${label}: the 50 invoices changed while n8n was stopped were emitted after the restart, each exactly once, nothing else`);
	checks.ok((await watch.newExecutions(mark)).every((e) => e.status === 'success'), `${label}: those executions succeeded`);
	phaseDone('restart with 50 changes');

	if (faults) await faultPhases(ctx, watch, label, pages);
	phaseDone(faults ? 'faults' : 'no faults (covered by the regular and queue modes)');

	// F: idle polls cost ⌈invoices / 500⌉ requests each and run nothing
	mark = await watch.mark();
	sim.clearLog();
	mark.polls = 0;
	// bounded, but long enough for 10 polls on a loaded machine (the durable scheduler polled every ~10 s at load 17)
	await watch.waitForItems(mark, 0, { extraPolls: 10, timeoutMs: 120_000 });
	const requests = sim.log().filter((e) => e.company === sim.companyCode && e.entity === 'invoices');
	const starts = requests.flatMap((e, i) => (e.query.page === '0' ? [i] : []));
	const whole = requests.slice(starts[0], starts.at(-1)); // the polls that began and ended in the window
	checks.equal([watch.items(mark).length, (await watch.newExecutions(mark)).length], [0, 0], `${label}: ${starts.length} idle polls emitted nothing and ran no execution`);
	checks.ok(
		starts.length >= 10 && whole.length === (starts.length - 1) * pages && requests.every((e) => e.status === 200 && e.id === undefined),
		`${label}: each idle poll took ${pages} requests (the list, 500 per page), none failed`,
		{ polls: starts.length, requests: whole.length },
	);
	phaseDone('idle polls');
}

/** D and E: faults during the polls. */
async function faultPhases({ sim, checks }, watch, label, pages) {
	// D: 429s, 503s, a reset and truncated JSON during the polls: retried, nothing lost or repeated
	const list = `/companies/${sim.companyCode}/invoices?`;
	const injectedBefore = sim.faults().injected;
	let mark = await watch.mark();
	sim.setFaults([
		{ status: 429, count: 2, path: list },
		{ status: 503, count: 2, path: `${list}page=1&` },
		{ type: 'reset', path: `${list}page=${pages - 1}&` },
		{ type: 'truncate', mode: 'short', path: `${list}page=0&`, skip: 1 },
	]);
	const faulted = [...sim.createRecords('invoices', { count: 2 }).map((r) => r.id), ...sim.changeRecords('invoices', { count: 3 })];
	const expectedFaulted = faulted.map((rid) => `invoice:${rid}:version=${versionOf(sim, rid)}`).sort();
	checks.equal(keyed(await watch.waitForItems(mark, 5)), expectedFaulted, `${label}: with 429s, 503s, a reset and truncated JSON injected, the 5 changes were emitted exactly once`);
	checks.ok(sim.faults().injected - injectedBefore >= 4, `${label}: the faults were injected (${sim.faults().injected - injectedBefore})`);
	sim.clearFaults();

	// E: a poll that cannot read the list fails visibly; the next one emits the changes once
	mark = await watch.mark();
	// on page 0, which every poll reads first: one poll fails on all 5 attempts, the next retries once
	sim.setFaults([{ status: 503, count: 6, path: `${list}page=0&` }]);
	const afterFailure = sim.changeRecords('invoices', { count: 3 });
	const expectedAfterFailure = afterFailure.map((rid) => `invoice:${rid}:version=${versionOf(sim, rid)}`).sort();
	const failing = await watch.newExecutions(mark, { timeoutMs: 45_000, until: (runs) => runs.some((e) => e.status === 'error') });
	checks.ok(failing.some((e) => e.status === 'error'), `${label}: the poll that got 503 on all 5 attempts shows as a failed execution`, failing.map((e) => e.status));
	checks.equal(keyed(await watch.waitForItems(mark, 3, { timeoutMs: 45_000 })), expectedAfterFailure, `${label}: the next poll emitted the 3 changes exactly once`);
	sim.clearFaults();
}

/**
 * Runs the scenario in `mode` ('regular', 'queue' or 'durable'); n8n must be stopped. Publishes the
 * mode's poll workflow, starts n8n, runs the phases, stops n8n and unpublishes the workflow.
 */
export async function pollTrigger(ctx, { mode, owner, redisPort, examples = [] }) {
	const { n8n, sim, checks } = ctx;
	const id = POLL_WORKFLOWS[mode];
	const withExamples = mode === 'regular' ? examples : [];
	const label = `poll trigger (${mode === 'regular' ? 'regular mode' : mode === 'queue' ? 'queue mode' : 'durable poll cursors'})`;
	const redis = mode === 'queue' ? await startRedis(redisPort, n8n.dir) : undefined;
	const savedEnv = n8n.extraEnv;
	if (mode === 'durable') n8n.extraEnv = { ...savedEnv, ...DURABLE_CURSOR_ENV };
	let published = false;
	try {
		published = true;
		await n8n.activate(id);
		for (const example of withExamples) await n8n.activate(example.workflow.id);
		await startN8n(n8n, mode, owner, redisPort);
		for (const example of withExamples) await webhookAndPollExample(ctx, example, label);
		const restart = async (whileStopped) => {
			await n8n.stop();
			const changed = whileStopped();
			await startN8n(n8n, mode, owner, redisPort);
			return changed;
		};
		await phases(ctx, id, label, restart, { testEventToo: mode !== 'durable', faults: mode !== 'durable' });
		// unpublishing saves the static data; with durable cursors it lives in n8n's cursor table
		await n8n.deactivateLive(id);
		for (const example of withExamples) await n8n.deactivateLive(example.workflow.id);
		published = false;
		if (mode !== 'durable') {
			const stored = (await n8n.staticData(id))?.['node:Moment Poll Trigger']?.momentPoll;
			const invoices = sim.data('invoices').length;
			const bytes = JSON.stringify(stored ?? null).length;
			checks.ok(stored?.count === invoices && bytes / invoices < 12, `${label}: n8n stored the memory of all ${invoices} invoices in the workflow's static data, ${(bytes / invoices).toFixed(1)} bytes each`, { count: stored?.count, bytes });
		}
	} finally {
		await n8n.stop();
		n8n.extraEnv = savedEnv;
		if (redis) await stopGroup(redis.pid);
		// after a failure, so that no later scenario meets these polls
		if (published) for (const workflowId of [id, ...withExamples.map((e) => e.workflow.id)]) await n8n.deactivate(workflowId).catch(() => undefined);
	}
}
