// Event > Pass Each Once in a real n8n, built like the examples (Moment Trigger with Fetch Full
// Record → Pass Each Once → one HTTP Request per output), with a small window (Remember the Last
// N = 50; the default, 10,000, is measured in the benchmark: docs/benchmarks.md):
//   1. 3 × N distinct invoices are delivered: each passes once, none fails, although the history is
//      full after the first N (Remove Duplicates fails there: n8n issue 38475);
//   2. then repeats of recent invoices: each is held back (to the Repeats output), while the first
//      invoice, N × 3 keys ago and so forgotten, passes again (the window rolls);
//   3. in queue mode with 2 workers on PostgreSQL, every delivery is sent twice at the same moment
//      (as Moment or n8n may repeat one), several invoices at once, so executions of the workflow
//      overlap on both workers: still each invoice once.
// No execution may fail (n8n's executions list is asked for failed ones).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { N8n } from '../lib/n8n.mjs';
import { installCommunityPackage } from '../lib/package.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { stopGroup } from '../lib/processes.mjs';
import { startRedis } from '../lib/redis.mjs';
import { repeatFilterWorkflow } from '../lib/workflows.mjs';
import { deliver } from './trigger.mjs';

export const REPEATS_WORKFLOW_ID = 'e2eRepeatFilt001';
const WEBHOOK_ID = 'e2e-repeat-filter-0001';
/** Remember the Last in the scenario's workflow. */
const N = 50;
/** Recent repeats sent in step 2: fewer than N, so keys recorded out of order (deliveries overlap) stay inside the window. */
const RECENT = 30;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function repeatsSetup({ credentials, recorder }) {
	return repeatFilterWorkflow({ id: REPEATS_WORKFLOW_ID, credential: credentials.good, webhookCredential: credentials.webhook, webhookId: WEBHOOK_ID, recorderUrl: recorder.url, rememberLast: N });
}

/** Runs `task` for every element, `inFlight` at a time. */
async function inPool(elements, inFlight, task) {
	const results = new Array(elements.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(inFlight, elements.length) }, async () => {
			while (next < elements.length) {
				const index = next++;
				results[index] = await task(elements[index]);
			}
		}),
	);
	return results;
}

/** Executions of the workflow that n8n lists as failed (error or crashed). */
async function failedExecutions(n8n) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: REPEATS_WORKFLOW_ID, status: ['error', 'crashed'] }));
	const { status, body } = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
	if (status !== 200) throw new Error(`GET /rest/executions answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
	return body.data.results;
}

/** Posts to /repeats/* after `since`, once `count` of them arrived (bounded), as { new: [ids], repeat: [ids] }. */
async function outcomes(recorder, since, count, timeoutMs = 180_000) {
	const posted = () => recorder.received.slice(since).filter((r) => r.url.startsWith('/repeats/'));
	const deadline = Date.now() + timeoutMs;
	while (posted().length < count && Date.now() < deadline) await sleep(250);
	await sleep(1500); // nothing more may come
	const all = posted();
	return { total: all.length, new: all.filter((r) => r.url === '/repeats/new').map((r) => r.json?.id), repeat: all.filter((r) => r.url === '/repeats/repeat').map((r) => r.json?.id) };
}

const sorted = (ids) => [...ids].sort((a, b) => a - b);
const twice = (ids) => sorted(ids.flatMap((id) => [id, id]));

/**
 * Steps 1 and 2 on a running n8n with the workflow published. `doubled`: each delivery twice at
 * the same moment; `inFlight`: invoices delivered at once; invoices from `firstIndex` of the
 * simulator's (untouched by the other scenarios).
 */
export async function repeatFilter({ n8n, sim, simLib, recorder, checks, credentials }, { label, doubled = false, inFlight = 4, firstIndex = 1000, logFiles = [n8n.serverLog] }) {
	const url = `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
	const token = credentials.webhook.data.secret;
	const invoices = sim.data('invoices').slice(firstIndex, firstIndex + 3 * N);
	if (invoices.length < 3 * N) throw new Error(`the simulator has only ${invoices.length} invoices from index ${firstIndex}`);
	const failedBefore = (await failedExecutions(n8n)).length;
	const send = async (invoice) => {
		const copies = doubled ? 2 : 1;
		const answers = await Promise.all(Array.from({ length: copies }, () => deliver(simLib, sim, url, { source: 'invoice', id: invoice.id, token, event: 'CREATE_NEW' })));
		return answers.map((answer) => answer.status);
	};
	const copies = doubled ? 2 : 1;

	// 1. 3 × N distinct invoices
	let since = recorder.received.length;
	let t0 = Date.now();
	const statuses = (await inPool(invoices, inFlight, send)).flat();
	const first = await outcomes(recorder, since, invoices.length * copies);
	const ids = invoices.map((invoice) => invoice.id);
	checks.ok(statuses.every((s) => s === 200), `${label}: ${statuses.length} deliveries of ${invoices.length} distinct invoices (3 × N, N = ${N}) answered 200`);
	checks.equal(sorted(first.new), sorted(ids), `${label}: each of the ${ids.length} new invoices passed exactly once (${first.total} executions in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	checks.equal(sorted(first.repeat), doubled ? sorted(ids) : [], doubled ? `${label}: the second copy of each invoice, sent at the same moment, was held back` : `${label}: nothing was held back`);

	// 2. repeats of the most recent invoices, and the first one, forgotten since. "Recent" in the
	// order they passed (their posts to the recorder): the trigger answers Moment at once, so the
	// executions overlap, and one delivered early may take its turn late
	const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
	const recentIds = first.new.slice(-RECENT);
	const oldest = first.new[0];
	since = recorder.received.length;
	t0 = Date.now();
	const again = (await inPool([...recentIds, oldest].map((id) => byId.get(id)), inFlight, send)).flat();
	const second = await outcomes(recorder, since, (RECENT + 1) * copies);
	checks.ok(again.every((s) => s === 200), `${label}: ${again.length} repeated deliveries answered 200`);
	// doubled: the forgotten invoice's second copy, sent at the same moment, is a repeat of the first
	checks.equal(sorted(second.repeat), doubled ? sorted([...twice(recentIds), oldest]) : sorted(recentIds), `${label}: every repeat of the ${RECENT} invoices that passed last was held back (Repeats output)`);
	checks.equal(second.new, [oldest], `${label}: the invoice that passed first, ${3 * N} keys ago (the window is the last ${N}), passed again (once): the history rolled instead of filling up`);

	const failed = (await failedExecutions(n8n)).length - failedBefore;
	checks.equal(failed, 0, `${label}: no execution failed (${first.total + second.total} ran)`);
	// no turn was taken for one left behind by a stopped execution (none stopped here)
	const warnings = logFiles.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('Pass Each Once: "')));
	checks.equal(warnings, [], `${label}: n8n's log has no warning of Pass Each Once`);
}

/**
 * Step 3: a second n8n of `version` on PostgreSQL in queue mode with 2 workers (SQLite cannot take
 * 2 workers' writes), the workflow published there, steps 1 and 2 with every delivery doubled.
 */
export async function repeatFilterQueue(ctx, { version, binary, nodeEnv, dir, tgz, ports, log }) {
	const { checks, credentials } = ctx;
	const postgres = await startPostgres(ports.postgres);
	const n8n = new N8n({ version, binary, nodeEnv, dir: join(dir, 'queue-2-workers'), ports, extraEnv: postgres.env });
	let redis;
	try {
		installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });
		await n8n.importCredentials([credentials.good, credentials.webhook]);
		await n8n.importWorkflow(repeatsSetup({ credentials, recorder: ctx.recorder }), { activate: true });
		redis = await startRedis(ports.redis, n8n.dir);
		const [, ...workers] = await Promise.all([
			n8n.start({ redisPort: ports.redis }),
			n8n.startWorker(ports.redis, { logFile: join(n8n.dir, 'worker-1.log') }),
			n8n.startWorker(ports.redis, { brokerPort: ports.extraWorkers[0], healthPort: ports.extraWorkers[1], logFile: join(n8n.dir, 'worker-2.log') }),
		]);
		await n8n.setupOwner({ email: 'e2e-queue@example.com', password: 'E2eTest-Passw0rd1', firstName: 'E2E', lastName: 'Queue' });
		log?.(`queue mode on PostgreSQL: n8n main and 2 workers ready`);
		await repeatFilter({ ...ctx, n8n }, { label: 'queue mode, 2 workers, PostgreSQL', doubled: true, inFlight: 6, firstIndex: 800, logFiles: [n8n.serverLog, ...workers.map((worker) => worker.logFile)] });
		const ran = workers.map((worker) => (readFileSync(worker.logFile, 'utf8').match(/Worker started execution \d+ /g) ?? []).length);
		checks.ok(ran.every((count) => count > 0), `queue mode, 2 workers: both workers ran executions of the workflow (${ran.join(' and ')})`);
	} finally {
		await n8n.stop();
		if (redis) await stopGroup(redis.pid);
		await postgres.stop();
	}
}
