// Republishing: a workflow with the Moment Poll Trigger is unpublished, edited and published again
// through n8n's REST API the way its editor does it, with invoices created, changed and deleted "in
// Moment" in between; then its trigger node is renamed, then n8n restarts. Run with n8n's default
// scheduler (1.123 and 2.41) and with 2.41's durable poll cursors.
//
// What the editor sends, read in the editors shipped with n8n (n8n-editor-ui/dist/assets):
// - 2.41.3: save = PATCH /rest/workflows/:id with { name, nodes, pinData, connections, active,
//   settings, tags, versionId, meta, nodeGroups, expectedChecksum, autosaved } (workflowDocument
//   serialize(); no staticData); publish = POST /rest/workflows/:id/activate { versionId,
//   expectedChecksum }; unpublish = POST /rest/workflows/:id/deactivate { expectedChecksum }.
// - 1.123.81: save = PATCH with { name, nodes, pinData, connections, active, settings, tags,
//   versionId, meta } (getWorkflowDataToSave; no staticData); the activation switch = PATCH with
//   { versionId, active } (useWorkflowActivate -> updateWorkflow).
//
// Every change must come once: the first time its changeKey reaches the recorder it passes, a later
// arrival is a repeat that a repeat filter on changeKey (the examples') holds back. Checked per
// step: the keys that pass are exactly the changes of that step, and a repeat is only ever a key
// that passed before.
import { readFileSync } from 'node:fs';
import { pollWorkflow } from '../lib/workflows.mjs';
import { DURABLE_CURSOR_ENV } from './poll.mjs';

export const REPUBLISH_WORKFLOWS = { regular: 'e2eRepublish0001', durable: 'e2eRepublishDur1' };
/** With durable cursors: a workflow that polls once a minute, for a restart between publishing and its first scheduled poll. */
export const FIRST_POLL_WORKFLOW = 'e2eRepublishDur2';
const TRIGGER = 'Moment Poll Trigger';
const RENAMED = 'New Or Changed Invoices';
const PARAMETERS = { resource: 'invoice', event: 'newOrChanged', includeDeleted: true, start: 'nothing', fetchFullRecord: false, filters: {}, options: {} };
const LOST = 'n8n handed this poll an empty memory';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => process.stderr.write(`[e2e ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);

export function republishSetup({ credential, recorder }) {
	return [...Object.values(REPUBLISH_WORKFLOWS), FIRST_POLL_WORKFLOW].map((id) => pollWorkflow({ id, credential, recorderUrl: recorder.url, parameters: PARAMETERS, seconds: 1 }));
}

/** The editor's requests, per n8n major version (see the header). */
function editor(n8n, id) {
	const get = async () => {
		const { status, body } = await n8n.rest('GET', `/workflows/${id}`);
		if (status !== 200) throw new Error(`GET /rest/workflows/${id} answered ${status}`);
		return body.data;
	};
	const send = async (method, path, payload) => {
		const { status, body } = await n8n.rest(method, path, payload);
		if (status !== 200) throw new Error(`${method} /rest${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
		return body.data;
	};
	return {
		get,
		async save(edit) {
			const current = await get();
			const draft = edit(structuredClone({ name: current.name, nodes: current.nodes, connections: current.connections }));
			const payload = {
				name: draft.name,
				nodes: draft.nodes,
				pinData: current.pinData ?? {},
				connections: draft.connections,
				active: current.active,
				settings: current.settings,
				tags: (current.tags ?? []).map((tag) => tag.id),
				versionId: current.versionId,
				meta: current.meta,
			};
			if (n8n.major >= 2) Object.assign(payload, { nodeGroups: current.nodeGroups ?? [], expectedChecksum: current.checksum, autosaved: false });
			return await send('PATCH', `/workflows/${id}`, payload);
		},
		async publish() {
			const current = await get();
			if (n8n.major >= 2) return await send('POST', `/workflows/${id}/activate`, { versionId: current.versionId, expectedChecksum: current.checksum });
			return await send('PATCH', `/workflows/${id}`, { versionId: current.versionId, active: true });
		},
		async unpublish() {
			const current = await get();
			if (n8n.major >= 2) return await send('POST', `/workflows/${id}/deactivate`, { expectedChecksum: current.checksum });
			return await send('PATCH', `/workflows/${id}`, { versionId: current.versionId, active: false });
		},
	};
}

/** Sets a parameter of the trigger node (whatever its name). */
const withTriggerParameter = (name, value) => (draft) => {
	const trigger = draft.nodes.find((node) => node.type.endsWith('.momentPollTrigger'));
	trigger.parameters[name] = value;
	return draft;
};

/** Renames the trigger node as the editor does: the node and its connections. */
const renamedTrigger = (from, to) => (draft) => {
	draft.nodes.find((node) => node.name === from).name = to;
	draft.connections[to] = draft.connections[from];
	delete draft.connections[from];
	return draft;
};

/** What reached the recorder, sorted into keys that pass (first arrival) and repeats. */
function arrivals({ recorder, sim }, id) {
	const path = `/poll/${id}`;
	const passed = new Set();
	// the recorder outlives one n8n version: only what arrives from now on
	let seen = recorder.at(path).length;
	const polls = () => sim.log().filter((e) => e.company === sim.companyCode && e.entity === 'invoices' && e.id === undefined && e.query.page === '0').length;
	return {
		polls,
		/** Waits (bounded) until every key of `expected` passed, then for `extraPolls` more polls; returns this step's arrivals. */
		async step(expected, { timeoutMs = 90_000, extraPolls = 3 } = {}) {
			const deadline = Date.now() + timeoutMs;
			const keysNow = () => recorder.at(path).slice(seen).map((r) => r.json?.changeKey);
			while (!expected.every((key) => passed.has(key) || keysNow().includes(key)) && Date.now() < deadline) await sleep(250);
			const after = polls();
			while (polls() < after + extraPolls && Date.now() < deadline + 20_000) await sleep(250);
			await sleep(500); // the last poll's items, on their way to the recorder
			const items = recorder.at(path).slice(seen).map((r) => r.json);
			seen += items.length;
			const fresh = [];
			const repeats = [];
			for (const item of items) {
				if (passed.has(item.changeKey)) repeats.push(item.changeKey);
				else {
					passed.add(item.changeKey);
					fresh.push(item.changeKey);
				}
			}
			return { items, fresh: fresh.sort(), repeats };
		},
		/** Waits (bounded) until no poll came for `quietMs`: the trigger is really stopped. */
		async quiet(quietMs = 4000, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			let count = polls();
			let since = Date.now();
			while (Date.now() - since < quietMs && Date.now() < deadline) {
				await sleep(250);
				if (polls() !== count) {
					count = polls();
					since = Date.now();
				}
			}
			return Date.now() - since >= quietMs;
		},
	};
}

const keyOf = (sim, id) => `invoice:${id}:version=${sim.record('invoices', id)?.version}`;
const created = (sim, count) => sim.createRecords('invoices', { count }).map((r) => `invoice:${r.id}:version=0`);
const changed = (sim, count) => sim.changeRecords('invoices', { count }).map((id) => keyOf(sim, id));
/** Deletes an invoice none of `keys` (this step's other changes) is about: the simulator changes the first and the middle ones. */
function deleted(sim, keys) {
	const records = sim.data('invoices');
	const touched = new Set(keys.map((key) => key.split(':')[1]));
	const id = records.slice(Math.floor(records.length / 3)).find((record) => !touched.has(String(record.id))).id;
	sim.deleteRecord('invoices', id);
	return `invoice:${id}:deleted`;
}

/** Lines of the n8n log written after `offset` that contain `text`. */
function logLines(n8n, offset, text) {
	return readLog(n8n).slice(offset).split('\n').filter((line) => line.includes(text));
}
function readLog(n8n) {
	try {
		return readFileSync(n8n.serverLog, 'utf8');
	} catch {
		return '';
	}
}

/**
 * The scenario in `mode` ('regular': n8n's default scheduler; 'durable': 2.41's durable poll
 * cursors). n8n must be stopped; it is stopped again at the end.
 */
export async function republishScenario(ctx, { mode, owner }) {
	const { n8n, sim, checks } = ctx;
	const id = REPUBLISH_WORKFLOWS[mode];
	const label = `republish (${mode === 'durable' ? 'durable poll cursors' : `n8n ${n8n.version}, default scheduler`})`;
	const savedEnv = n8n.extraEnv;
	if (mode === 'durable') n8n.extraEnv = { ...savedEnv, ...DURABLE_CURSOR_ENV };
	const start = async () => {
		await n8n.start();
		await n8n.login(owner);
	};
	const ui = editor(n8n, id);
	const seen = arrivals(ctx, id);
	let published = false;
	let t0 = Date.now();
	const phase = (name) => {
		log(`${label}: ${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		t0 = Date.now();
	};
	/** One step's checks: the keys that passed are exactly `expected`; repeats only of keys that passed before. */
	/**
	 * `knownBefore`: after a lost memory, the change keys the lost memory held. The catch-up may
	 * emit those again (records changed within its overlap before the memory's last date, also
	 * ones an earlier scenario changed and this trigger only remembered); each at most once, and
	 * nothing outside them but `expected`.
	 */
	const expectStep = async (what, expected, { knownBefore } = {}) => {
		const step = await seen.step(expected);
		const again = knownBefore ? step.fresh.filter((key) => knownBefore.has(key) && !expected.includes(key)) : [];
		checks.equal(step.fresh.filter((key) => !again.includes(key)), [...expected].sort(), `${label}: ${what}: each change came once, none lost, nothing else`);
		if (knownBefore) {
			const repeats = [...step.repeats, ...again];
			const unknown = repeats.filter((key) => !knownBefore.has(key));
			const twice = repeats.filter((key, i) => repeats.indexOf(key) !== i);
			checks.ok(unknown.length === 0 && twice.length === 0, `${label}: ${what}: ${repeats.length} change(s) came again, each once and each one the lost memory held (a repeat filter on changeKey holds them back)`, { unknown, twice });
		} else checks.equal(step.repeats, [], `${label}: ${what}: no change came twice`);
		return step;
	};
	try {
		await start();
		const logStart = readLog(n8n).length;

		// A: published; the first polls remember what exists and emit nothing
		await ui.publish();
		published = true;
		await expectStep('published, first polls', []);
		// B: a change while published
		await expectStep('two invoices changed while published', changed(sim, 2));
		phase('published');

		// C: unpublished; invoices created, changed and deleted while it is
		await ui.unpublish();
		published = false;
		checks.ok(await seen.quiet(), `${label}: unpublished: the trigger stopped polling`);
		const pollsUnpublished = seen.polls();
		let gap = [...created(sim, 2), ...changed(sim, 2)];
		gap = [...gap, deleted(sim, gap)];
		// D: edited as the editor saves it (a parameter of the trigger), then one more invoice
		await ui.save(withTriggerParameter('fetchFullRecord', true));
		gap = [...gap, ...created(sim, 1)];
		await sleep(2000);
		checks.equal(seen.polls() - pollsUnpublished, 0, `${label}: nothing polled while unpublished and edited`);
		// E: published again
		await ui.publish();
		published = true;
		await expectStep('unpublished, invoices created/changed/deleted, trigger edited, published again', gap);
		phase('unpublish, edit, publish');

		// F: edited and published again while published (n8n re-registers the changed trigger)
		await ui.save(withTriggerParameter('fetchFullRecord', false));
		const beforePublish = changed(sim, 1);
		await ui.publish();
		await expectStep('trigger edited and published again while published, a change between save and publish', beforePublish);
		await expectStep('a change after that publish', [...created(sim, 1), ...changed(sim, 1)]);
		phase('republish while published');

		// G: unpublished, invoices created/changed/deleted, the trigger renamed, published again
		const logBeforeRename = readLog(n8n).length;
		await ui.unpublish();
		published = false;
		await seen.quiet();
		// what the memory about to be lost held: every invoice as it is now
		const knownBefore = new Set(sim.data('invoices').map((record) => keyOf(sim, record.id)));
		const renameNew = [...created(sim, 1), ...changed(sim, 1)];
		const renameGone = deleted(sim, renameNew);
		await ui.save(renamedTrigger(TRIGGER, RENAMED));
		await ui.publish();
		published = true;
		// n8n's default scheduler files the memory under the node name: the renamed trigger gets an empty one
		const keptByNodeId = mode === 'durable';
		if (keptByNodeId) {
			await expectStep('trigger renamed while unpublished (durable cursors are keyed by node ID: memory kept)', [...renameNew, renameGone]);
			checks.equal(logLines(n8n, logBeforeRename, LOST), [], `${label}: the renamed trigger kept its memory (no lost-memory warning)`);
		} else {
			await expectStep('trigger renamed while unpublished (memory filed under the old name: lost, caught up)', renameNew, { knownBefore });
			const warned = logLines(n8n, logBeforeRename, LOST);
			checks.ok(warned.length === 1 && warned[0].includes('It catches up') && warned[0].includes(RENAMED), `${label}: the renamed trigger noticed its lost memory and said so in n8n's log (warning)`, warned);
			const step = await seen.step([], { extraPolls: 2 });
			checks.ok(!step.items.some((item) => item.changeKey === renameGone), `${label}: the invoice deleted while the memory was lost is not emitted (documented: what existed was that memory)`);
		}
		phase('rename');

		// H: n8n restarted with changes while it was down: the renamed trigger's memory holds
		await n8n.stop();
		const whileDown = [...created(sim, 1), ...changed(sim, 2)];
		await start();
		await expectStep('n8n restarted, invoices changed while it was down', whileDown);
		phase('restart');

		const warnings = logLines(n8n, logStart, LOST).length;
		checks.equal(warnings, keptByNodeId ? 0 : 1, `${label}: ${keptByNodeId ? 'no' : 'one'} lost-memory warning in the whole scenario`);
		const runs = await n8n.executions(id);
		checks.ok(runs.length > 0 && runs.every((e) => e.status === 'success'), `${label}: all ${runs.length} executions succeeded`, runs.map((e) => e.status));
		await ui.unpublish();
		published = false;
		if (mode === 'durable') {
			await seen.quiet();
			await restartAfterPublishing(ctx, { label, start });
			phase('restart right after publishing');
		}
	} finally {
		if (published) await ui.unpublish().catch(() => undefined);
		await n8n.stop();
		n8n.extraEnv = savedEnv;
	}
}

/**
 * Durable cursors only: n8n commits the cursor of the poll it runs at publishing only if that poll
 * emitted (PollTriggerExecutor). A workflow polling once a minute is published; its first poll
 * remembers what exists and emits nothing; n8n is stopped before the first scheduled poll and
 * invoices change meanwhile. After the start, the scheduled poll gets the cursor as seeded (empty)
 * while the marker saved at publishing says the trigger has polled: it warns and catches up.
 * Expected: the changes made while n8n was down, and the invoices last changed within the catch-up
 * overlap (60 s) before the latest change the first poll saw (computed from the simulator's dates).
 */
async function restartAfterPublishing(ctx, { label, start }) {
	const { n8n, sim, checks } = ctx;
	const ui = editor(n8n, FIRST_POLL_WORKFLOW);
	const seen = arrivals(ctx, FIRST_POLL_WORKFLOW);
	// one Poll Time a minute, 40 s from now: time to publish, see the first poll and stop n8n
	const second = (new Date().getSeconds() + 40) % 60;
	await ui.save(withTriggerParameter('pollTimes', { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] }));
	const logStart = readLog(n8n).length;
	const before = seen.polls();
	await ui.publish();
	const deadline = Date.now() + 30_000;
	while (seen.polls() === before && Date.now() < deadline) await sleep(200);
	await sleep(1500); // the first poll writes its memory and n8n saves the static data
	const latestSeen = Math.max(...sim.data('invoices').map((r) => Date.parse(r.lastModifiedDate)));
	await n8n.stop();
	const pollsBeforeStop = seen.polls() - before;
	if (!checks.equal(pollsBeforeStop, 1, `${label}, restart right after publishing: n8n was stopped after the poll at publishing, before the first scheduled one`)) return;
	const overlapIds = sim.data('invoices').filter((r) => Date.parse(r.lastModifiedDate) >= latestSeen - 60_000).map((r) => r.id);
	const whileDown = [...created(sim, 1), ...changed(sim, 1)];
	const overlap = overlapIds.map((id) => keyOf(sim, id)).filter((key) => !whileDown.includes(key));
	await start();
	try {
		const step = await seen.step(whileDown, { timeoutMs: 150_000, extraPolls: 1 });
		const expected = [...whileDown, ...overlap].sort();
		checks.equal(step.fresh, expected, `${label}, restart right after publishing: the changes made while n8n was down came once (with ${overlap.length} invoice(s) changed in the minute before publishing), none lost`);
		const warned = logLines(n8n, logStart, LOST);
		checks.ok(warned.length === 1 && warned[0].includes('It catches up'), `${label}, restart right after publishing: n8n handed the trigger the cursor as seeded, and the trigger said so in n8n's log (warning)`, warned);
	} finally {
		await ui.unpublish().catch(() => undefined);
	}
}
