// The example workflows (examples/*.json) imported and published as a user would, then run: the
// ones with a manual trigger through `n8n execute`, the ones with a Moment Trigger by a simulated
// Moment delivery. Their HTTP Request nodes post to the recorder instead of the placeholder URLs.
import { openTimeSlot } from './timeRecords.mjs';
import { deliver } from './trigger.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const contains = (value, needle) => JSON.stringify(value ?? null).includes(JSON.stringify(needle));

/**
 * The sample IDs in examples/log-hours-from-list.json (a project, its activity) replaced by the
 * simulator's: an active membership of the sample user (5000001, who has a lock date) and an
 * open activity of that project.
 */
export function exampleSampleIds(sim) {
	const user = sim.record('userAccounts', 5000001);
	const membership = sim.data('projectMemberships').find((m) => m.userAccountId === user.id && m.projectMembershipState === 'active' && sim.data('projectExtensions').some((a) => a.projectId === m.projectId && a.projectExtensionState === 'open'));
	const slot = membership ? { membership, activity: sim.data('projectExtensions').find((a) => a.projectId === membership.projectId && a.projectExtensionState === 'open') } : openTimeSlot(sim);
	return [
		['62789100', String(slot.membership.projectId)],
		['63000004', String(slot.activity.id)],
		['5000001', String(slot.membership.userAccountId)],
	];
}

/** Checks what the two time-tracking examples posted against the simulator's data. */
function checkTimeExamples({ sim, checks, example, posts }) {
	if (example.slug === 'weekly-hours-per-project') {
		const report = posts.find((r) => r.json?.projects)?.json;
		if (!report) return checks.ok(false, `example ${example.file} posted a report with projects`, posts.map((p) => p.body.slice(0, 200)));
		const records = sim.data('timeRecords');
		const inWeek = records.filter((r) => r.timeRecordDate >= report.from && r.timeRecordDate <= report.to);
		const sums = new Map();
		for (const r of inWeek) sums.set(r.projectId, (sums.get(r.projectId) ?? 0) + r.minutes);
		const expected = [...sums].map(([projectId, minutes]) => ({ projectId, minutes })).sort((a, b) => a.projectId - b.projectId);
		const got = report.projects.map((p) => ({ projectId: p.projectId, minutes: p.minutes })).sort((a, b) => a.projectId - b.projectId);
		checks.ok(inWeek.length > 0 && inWeek.length < records.length, `example ${example.file}: the simulator has ${inWeek.length} records in ${report.from}..${report.to} and ${records.length - inWeek.length} outside (it ignores the range)`);
		checks.equal(got, expected, `example ${example.file}: minutes per project equal the simulator's for last week only`);
		return undefined;
	}
	if (example.slug === 'log-hours-from-list') {
		const logged = posts.filter((r) => r.url.includes('Report%20Logged%20Hours')).map((r) => r.json);
		const failed = posts.filter((r) => r.url.includes('Report%20Failed%20Rows')).map((r) => r.json);
		const stored = logged.map((item) => sim.record('timeRecords', item.id));
		checks.equal(stored.map((r) => r?.minutes), [90, 120], `example ${example.file}: rows 1 and 2 are stored in the simulator (90 and 120 minutes)`);
		checks.ok(stored.every((r) => r?.projectMembershipId) && logged.every((item) => String(item.notice).includes('looked up')), `example ${example.file}: the membership was looked up and said so`, logged);
		checks.ok(
			failed.length === 2 && /is locked/.test(failed[0]?.error) && /Duration "about an hour"/.test(failed[1]?.error),
			`example ${example.file}: the locked day and the bad duration went to Report Failed Rows with the reason`,
			failed,
		);
	}
	return undefined;
}

/**
 * Workflows whose trigger must be active (anything but a manual-only workflow). Examples with a
 * Moment Poll Trigger are published only during the poll scenario (scenarios/poll.mjs), so their
 * polls never touch what the other scenarios count.
 */
export function examplesToActivate(examples) {
	return examples.filter((e) => e.pollTriggers.length === 0 && e.workflow.nodes.some((n) => /trigger/i.test(n.type) && n.type !== 'n8n-nodes-base.manualTrigger'));
}

/** Before the server starts: run the examples that have a manual trigger. */
export async function runManualExamples({ n8n, sim, recorder, checks, examples }) {
	for (const example of examples.filter((e) => e.manualTrigger)) {
		const before = recorder.received.length;
		const run = await n8n.execute(example.workflow.id);
		checks.ok(run.status === 'success', `example ${example.file} ran from its manual trigger (status ${run.status})`, run.data?.resultData?.error?.message);
		const posts = recorder.received.slice(before).filter((r) => r.url.startsWith(`/example/${example.slug}/`));
		checks.ok(posts.length >= 1, `example ${example.file} posted to its HTTP Request target (${posts.length} request(s))`);
		checkTimeExamples({ sim, checks, example, posts });
		const usesProjects = example.workflow.nodes.some((n) => n.parameters?.resource === 'project' && n.parameters?.operation === 'getAll');
		if (usesProjects) {
			const projects = sim.data('projects');
			const missing = projects.filter((p) => !posts.some((r) => r.body.includes(`"id":${p.id}`)));
			checks.ok(missing.length === 0, `example ${example.file}: all ${projects.length} projects reached the target`, missing.slice(0, 3).map((p) => p.id));
		}
	}
}

/** With the server running: deliver events to every example's Moment Trigger (records at `recordIndex`). */
export async function fireExampleTriggers({ n8n, sim, simLib, recorder, checks, examples }, { recordIndex = 5 } = {}) {
	for (const example of examples.filter((e) => e.pollTriggers.length === 0)) {
		for (const trigger of example.triggers) {
			const url = `${n8n.baseUrl}/webhook/${trigger.path}`;
			const token = trigger.secret || undefined;
			const event = trigger.events ? trigger.events.split(',')[0].trim() : undefined;
			const target = (r) => r.url.startsWith(`/example/${example.slug}/`);
			if (trigger.eventSource === 'offerDecision' || trigger.eventSource === 'offer') {
				// an accepted offer is announced; a rejected one is not
				const offers = sim.data('offers');
				const accepted = offers.find((o) => o.offerState === 'accepted');
				const rejected = offers.find((o) => o.offerState === 'rejected');
				const before = recorder.received.filter(target).length;
				const res = await deliver(simLib, sim, url, { source: trigger.eventSource, id: accepted.id, token, event });
				checks.equal(res.status, 200, `example ${example.file}: Moment delivery for accepted offer ${accepted.offerNumber} answered 200`);
				const hit = await recorder.waitFor((r) => target(r) && contains(r.json, accepted.id) && contains(r.json, accepted.offerNumber));
				checks.ok(hit, `example ${example.file}: the team was notified about offer ${accepted.offerNumber}`, hit?.body);
				if (rejected) {
					const res2 = await deliver(simLib, sim, url, { source: trigger.eventSource, id: rejected.id, token, event });
					await sleep(1500);
					const notes = recorder.received.filter(target);
					checks.ok(res2.status === 200 && notes.length === before + 1, `example ${example.file}: rejected offer ${rejected.offerNumber} notified nobody`, notes.map((n) => n.body));
				}
				continue;
			}
			const entity = { invoice: 'invoices', customer: 'customers', project: 'projects', claim: 'claims' }[trigger.eventSource];
			const record = sim.data(entity)[recordIndex];
			const before = await n8n.executions(example.workflow.id);
			// the recorder serves every n8n version of the run: count only what arrives from now on
			const since = recorder.received.length;
			const res = await deliver(simLib, sim, url, { source: trigger.eventSource, id: record.id, token, event });
			checks.equal(res.status, 200, `example ${example.file}: Moment delivery for ${trigger.eventSource} ${record.id} answered 200`);
			if (example.httpNodes.length === 0) {
				// nothing observable downstream: the execution itself must have succeeded
				let fresh = [];
				for (let i = 0; i < 50 && fresh.length === 0; i++) {
					await sleep(200);
					fresh = (await n8n.executions(example.workflow.id)).filter((e) => !before.some((b) => b.id === e.id) && e.status !== 'running' && e.status !== 'new');
				}
				checks.equal(fresh.map((e) => e.status), ['success'], `example ${example.file}: the delivery ran the workflow successfully`);
				continue;
			}
			const number = record.invoiceNumber ?? record.customerNumber ?? record.projectNumber ?? record.claimNumber;
			const hit = await recorder.waitFor((r) => recorder.received.indexOf(r) >= since && target(r) && contains(r.json, record.id) && contains(r.json, number));
			checks.ok(hit, `example ${example.file}: ${trigger.eventSource} ${record.id} (number ${number}) reached the HTTP Request target`, recorder.received.filter(target).map((r) => r.body.slice(0, 300)));
			if (example.dedupes) await repeatedDelivery({ n8n, sim, simLib, recorder, checks }, { example, url, token, first: res, record, before, since });
		}
	}
}

/**
 * The same delivery POSTed again (as Moment may resend it): both calls run the workflow, and the
 * example's Pass Each Once node (Moment: Event, on the `changeKey` of the fetched invoice) lets
 * only the first reach the HTTP Request node.
 */
export async function repeatedDelivery({ n8n, sim, simLib, recorder, checks }, { example, url, token, first, record, before, since }) {
	const target = (r) => r.url.startsWith(`/example/${example.slug}/`) && contains(r.json, record.id);
	const again = await deliver(simLib, sim, url, { source: 'invoice', body: first.payload, token });
	checks.equal(again.status, 200, `example ${example.file}: the same delivery sent again is answered 200`);
	let fresh = [];
	for (let i = 0; i < 75; i++) {
		fresh = (await n8n.executions(example.workflow.id)).filter((e) => !before.some((b) => b.id === e.id));
		if (fresh.length >= 2 && fresh.every((e) => !['new', 'running'].includes(e.status))) break;
		await sleep(200);
	}
	await sleep(1000);
	checks.equal(fresh.map((e) => e.status), ['success', 'success'], `example ${example.file}: both deliveries ran the workflow`);
	checks.equal(recorder.received.slice(since).filter(target).length, 1, `example ${example.file}: Pass Each Once let the repeated delivery (same changeKey) reach the HTTP Request node once`);
}
