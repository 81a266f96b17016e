// One measurement of each benchmark, against a real n8n and the Moment simulator. Every function
// returns a plain "sample" object; run.mjs repeats them and takes medians.
import { outputItems } from '../../e2e/lib/workflows.mjs';
import { PAGE_SIZE, WORKFLOW_IDS } from './workflows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Wall time of an `n8n execute` run: n8n's own startedAt → stoppedAt of the execution. */
function executionMs(run) {
	const started = Date.parse(run.startedAt);
	const stopped = Date.parse(run.stoppedAt);
	if (!Number.isFinite(started) || !Number.isFinite(stopped)) throw new Error(`n8n execute printed no startedAt/stoppedAt (status ${run.status})`);
	return stopped - started;
}

/** The node's own time in the run (n8n's `executionTime` of its first run). */
function nodeMs(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.executionTime;
}

function requestStats(sim, since) {
	const log = sim.log({ since }).filter((e) => e.entity === 'invoices');
	return {
		requests: log.length,
		status429: log.filter((e) => e.status === 429).length,
		otherFailures: log.filter((e) => e.status !== 200 && e.status !== 429).length,
	};
}

const lastSeq = (sim) => sim.log().at(-1)?.seq ?? 0;

/**
 * Benchmark 1, one run of one variant ('moment' or 'http'): Return All of every invoice.
 * `truthJson` is the simulator's list as the API shows it, JSON-encoded.
 */
export async function returnAllOnce({ n8n, sim, truthJson, total }, variant) {
	const since = lastSeq(sim);
	const id = variant === 'moment' ? WORKFLOW_IDS.momentReturnAll : WORKFLOW_IDS.httpReturnAll;
	const nodeName = variant === 'moment' ? 'Moment Return All' : 'Split Out Content';
	const run = await n8n.execute(id, { timeoutMs: 300_000 });
	const items = outputItems(run, nodeName);
	const stats = requestStats(sim, since);
	return {
		variant,
		status: run.status,
		ms: executionMs(run),
		nodeMs: nodeMs(run, variant === 'moment' ? 'Moment Return All' : 'HTTP Request Pages'),
		items: items.length,
		exact: items.length === total && JSON.stringify(items) === truthJson,
		minimumRequests: Math.ceil(total / PAGE_SIZE),
		...stats,
		error: run.data?.resultData?.error?.message,
	};
}

/** Benchmark 2, one run: Get of every id in `ids` (one input item each). */
export async function getByIdOnce({ n8n, sim, ids, truthById }) {
	const since = lastSeq(sim);
	const rejectedBefore = sim.rateLimited();
	const run = await n8n.execute(WORKFLOW_IDS.momentGet, { timeoutMs: 300_000 });
	const found = outputItems(run, 'Found');
	const failed = outputItems(run, 'Failed');
	const mismatched = found.filter((item, i) => JSON.stringify(item) !== JSON.stringify(truthById.get(ids[i])));
	const floorMs = (ids.length / 30) * 1000;
	const ms = executionMs(run);
	return {
		status: run.status,
		ms,
		nodeMs: nodeMs(run, 'Moment Get'),
		floorMs,
		ratio: ms / floorMs,
		items: found.length,
		failedItems: failed.length,
		exact: found.length === ids.length && mismatched.length === 0,
		rateLimited: sim.rateLimited() - rejectedBefore,
		...requestStats(sim, since),
		error: run.data?.resultData?.error?.message ?? failed[0]?.error,
	};
}

/** POSTs every body in `bodies` to `url` with `concurrency` senders; times it from the sender's side. */
export async function sendEvents(url, bodies, concurrency) {
	let next = 0;
	const statuses = new Array(bodies.length);
	const started = performance.now();
	async function sender() {
		while (next < bodies.length) {
			const i = next++;
			try {
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i] });
				await res.arrayBuffer();
				statuses[i] = res.status;
			} catch {
				statuses[i] = 0;
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, sender));
	const ms = performance.now() - started;
	const accepted = statuses.filter((s) => s === 200).length;
	return { ms, accepted, refused: bodies.length - accepted, eventsPerSecond: accepted / (ms / 1000) };
}

/** Number of finished executions of a workflow, by status (n8n's REST API; owner session needed). */
export async function executionCounts(n8n, workflowId) {
	const counts = {};
	for (const status of ['success', 'error', 'crashed', 'running', 'new']) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [status] }));
		const { status: http, body } = await n8n.rest('GET', `/executions?filter=${filter}&limit=1`);
		if (http !== 200) throw new Error(`GET /rest/executions answered ${http}: ${JSON.stringify(body).slice(0, 200)}`);
		counts[status] = body.data.count;
	}
	return counts;
}

/** Waits (bounded) until `expected` successful executions exist; returns the last counts seen. */
export async function waitForExecutions(n8n, workflowId, expected, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	let counts;
	for (;;) {
		counts = await executionCounts(n8n, workflowId);
		if (counts.success >= expected || Date.now() > deadline) return counts;
		await sleep(250);
	}
}

/** Sends until the webhook answers something other than 404 (registered), bounded. */
export async function waitForWebhook(url, body, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await res.arrayBuffer();
		if (res.status !== 404 || Date.now() > deadline) return res.status;
		await sleep(200);
	}
}

/**
 * Benchmark 3, one run of one trigger: `bodies` sent with `concurrency` senders; then waits until
 * n8n has finished an execution for every accepted event.
 */
export async function triggerOnce({ n8n, url, workflowId, bodies, concurrency }) {
	const before = await executionCounts(n8n, workflowId);
	const sent = await sendEvents(url, bodies, concurrency);
	const after = await waitForExecutions(n8n, workflowId, before.success + sent.accepted);
	return {
		...sent,
		executions: after.success - before.success,
		failedExecutions: after.error - before.error + (after.crashed - before.crashed),
	};
}
