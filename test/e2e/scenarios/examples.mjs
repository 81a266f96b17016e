// The example workflows (examples/*.json) imported and published as a user would, then run: the
// ones with a manual trigger through `n8n execute`, the ones with a Moment Trigger by a simulated
// Moment delivery. Their HTTP Request nodes post to the recorder instead of the placeholder URLs.
import { deliver } from './trigger.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const contains = (value, needle) => JSON.stringify(value ?? null).includes(JSON.stringify(needle));

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
 * example's Remove Duplicates node ("Remove Items Processed in Previous Executions" on
 * `deliveryKey`) lets only the first reach the HTTP Request node.
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
	checks.equal(recorder.received.slice(since).filter(target).length, 1, `example ${example.file}: Remove Duplicates let the repeated delivery (same deliveryKey) reach the HTTP Request node once`);
}
