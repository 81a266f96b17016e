// Benchmark 4: many queue-mode workers sharing one Moment API key. n8n main + K `n8n worker`
// processes + Redis; E executions of the scale workflow are started at once (E webhook calls), each
// reading its own invoices by id through the same credential, against the simulator's limit of 30
// requests per sliding second per key. Every process paces itself without seeing the others.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { N8n } from '../../e2e/lib/n8n.mjs';
import { installCommunityPackage } from '../../e2e/lib/package.mjs';
import { startPostgres } from '../../e2e/lib/postgres.mjs';
import { onStop, stopGroup } from '../../e2e/lib/processes.mjs';
import { startRedis } from '../../e2e/lib/redis.mjs';
import { WEBHOOK, benchMomentCredential, scaleGetWorkflow } from './workflows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const lastSeq = (sim) => sim.log().at(-1)?.seq ?? 0;

/**
 * Ports of worker `index` (0-based): the first uses the instance's workerBroker/workerHealth ports,
 * the others two each from the `extraWorkers` block (N8N_BENCH_EXTRA_WORKER_PORTS).
 */
export function workerPorts(ports, index) {
	if (index === 0) return { brokerPort: ports.workerBroker, healthPort: ports.workerHealth };
	return { brokerPort: ports.extraWorkers[2 * (index - 1)], healthPort: ports.extraWorkers[2 * (index - 1) + 1] };
}

/**
 * Starts Redis, then n8n main in queue mode and `workers` workers side by side (the database is
 * already migrated by the CLI imports); returns the workers' log files.
 */
export async function startQueueMode(n8n, { redisPort, workers, concurrency, ports }) {
	const redis = await startRedis(redisPort, n8n.dir);
	const [, ...started] = await Promise.all([
		n8n.start({ redisPort }),
		...Array.from({ length: workers }, (_, i) =>
			n8n.startWorker(redisPort, { ...workerPorts(ports, i), concurrency, logFile: join(n8n.dir, `worker-${workers}w-${i + 1}.log`) }),
		),
	]);
	return { redis, workerLogs: started.map((worker) => worker.logFile) };
}

export async function stopQueueMode(n8n, { redis }) {
	await n8n.stop();
	await stopGroup(redis.pid);
}

/** "Worker started execution N" lines per worker log, as counts (for the distribution). */
function startedPerWorker(workerLogs) {
	return workerLogs.map((file) => (readFileSync(file, 'utf8').match(/Worker started execution \d+ /g) ?? []).length);
}

/** Results the workflow reported to the recorder for the runs in `runIds`, by run. */
function reported(recorder, runIds) {
	const byRun = new Map(runIds.map((run) => [run, { found: [], failed: [], at: 0 }]));
	for (const entry of recorder.at('/scale/')) {
		const result = byRun.get(entry.json?.run);
		if (!result) continue;
		if (entry.url.startsWith('/scale/found')) result.found.push(...(entry.json.records ?? []));
		else result.failed.push(...(entry.json.errors ?? []));
		result.at = Math.max(result.at, entry.at);
	}
	return byRun;
}

/**
 * One measured run: `executions` webhook calls at once, execution e reading `ids[e]`. Waits
 * (bounded) until every execution has reported every one of its items as found or failed.
 */
export async function scaleRunOnce({ n8n, sim, recorder, ids, truthById, workerLogs, label, timeoutMs }) {
	const since = lastSeq(sim);
	const startedBefore = startedPerWorker(workerLogs);
	const runIds = ids.map((_, e) => `${label}-${e + 1}`);
	const url = `${n8n.baseUrl}/webhook/${WEBHOOK.scalePath}`;
	const t0 = Date.now();
	// right after start, n8n answers 404 until the webhook is registered (nothing runs then): retry
	const answers = await Promise.all(
		runIds.map(async (run, e) => {
			for (let tries = 1; ; tries++) {
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ run, ids: ids[e] }) });
				await res.arrayBuffer();
				if (res.status !== 404 || tries >= 150) return res.status;
				await sleep(200);
			}
		}),
	);
	if (answers.some((status) => status !== 200)) throw new Error(`the scale webhook answered ${answers.join(', ')}`);
	const total = ids.reduce((sum, list) => sum + list.length, 0);
	const deadline = t0 + timeoutMs;
	let results;
	for (;;) {
		results = reported(recorder, runIds);
		const done = [...results.values()].reduce((sum, r) => sum + r.found.length + r.failed.length, 0);
		if (done >= total || Date.now() > deadline) break;
		await sleep(100);
	}
	const all = [...results.values()];
	const found = all.flatMap((r) => r.found);
	const failed = all.flatMap((r) => r.failed);
	const finishedAt = Math.max(...all.map((r) => r.at));
	const exact = runIds.every((run, e) => {
		const r = results.get(run);
		const got = new Map(r.found.map((record) => [record.id, record]));
		return r.failed.length === 0 && got.size === ids[e].length && ids[e].every((id) => JSON.stringify(got.get(id)) === JSON.stringify(truthById.get(id)));
	});
	const log = sim.log({ since }).filter((entry) => entry.entity === 'invoices');
	const firstRequest = Math.min(...log.map((entry) => Date.parse(entry.time)));
	const lastAnswer = Math.max(...log.map((entry) => Date.parse(entry.time) + (entry.durationMs ?? 0)));
	const floorMs = (total / 30) * 1000;
	const ms = (finishedAt || Date.now()) - t0;
	const perWorker = startedPerWorker(workerLogs).map((count, i) => count - startedBefore[i]);
	const status429 = log.filter((entry) => entry.status === 429).length;
	// where the time went: requests Moment accepted, and 429s it answered, in each second after the first request
	const acceptedPerSecond = [];
	const refusedPerSecond = [];
	for (const entry of log) {
		const second = Math.floor((Date.parse(entry.time) - firstRequest) / 1000);
		const counts = entry.status === 429 ? refusedPerSecond : acceptedPerSecond;
		counts[second] = (counts[second] ?? 0) + 1;
	}
	return {
		executions: ids.length,
		items: total,
		found: found.length,
		failedItems: failed.length,
		lostItems: total - found.length - failed.length,
		exact,
		requests: log.length,
		status429,
		share429: log.length ? status429 / log.length : 0,
		otherFailures: log.filter((entry) => entry.status !== 200 && entry.status !== 429).length,
		ms,
		floorMs,
		ratio: ms / floorMs,
		momentMs: lastAnswer - firstRequest,
		momentRatio: (lastAnswer - firstRequest) / floorMs,
		perWorker,
		acceptedPerSecond: Array.from(acceptedPerSecond, (count) => count ?? 0),
		refusedPerSecond: Array.from(refusedPerSecond, (count) => count ?? 0),
		error: failed[0]?.error,
	};
}

/** The ids each execution reads: `perExecution` distinct invoices each, spread over the data. */
export function idsPerExecution(invoices, executions, perExecution) {
	const step = Math.max(1, Math.floor(invoices.length / (executions * perExecution)));
	return Array.from({ length: executions }, (_, e) => Array.from({ length: perExecution }, (_, i) => invoices[((e * perExecution + i) * step) % invoices.length].id));
}

/**
 * Benchmark 4: its own n8n instance, the package installed, the credential and the scale workflow
 * imported and published, on PostgreSQL (`scale.database` 'postgres': on SQLite, 4 workers lost
 * executions to SQLITE_BUSY) or on n8n's default SQLite; then each worker count in turn. With
 * `prepared` (SQLite, the smoke run's 2 workers) it reuses the stopped instance of benchmarks 1-3,
 * which already has all of that: nothing to install or import.
 */
export async function scaleBenchmark({ version, binary, nodeEnv, dir, tgz, sim, recorder, scale, ports, log, prepared }, results) {
	if (prepared) {
		// SQLite: the stopped instance of benchmarks 1-3, with the scale workflow already published
		prepared.extraEnv = {};
		try {
			for (const workers of scale.workerCounts) await measureScale({ n8n: prepared, sim, recorder, scale, workers, ports, log }, results);
		} finally {
			await prepared.stop();
		}
		return;
	}
	const t0 = Date.now();
	const postgres = scale.database === 'postgres' ? await startPostgres(ports.postgres) : null;
	if (postgres) onStop(() => postgres.stop());
	const n8n = new N8n({ version, binary, nodeEnv, dir, ports, extraEnv: postgres?.env ?? {} });
	onStop(() => n8n.stop());
	try {
		installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv });
		const credential = benchMomentCredential(sim);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflow(scaleGetWorkflow({ credential, recorderUrl: recorder.url }), { activate: true });
		log(`queue-mode n8n prepared on ${postgres ? 'PostgreSQL' : 'SQLite'} (${((Date.now() - t0) / 1000).toFixed(0)} s); simulator latency ${scale.latencyMs} ms`);
		for (const workers of scale.workerCounts) await measureScale({ n8n, sim, recorder, scale, workers, ports, log }, results);
	} finally {
		await n8n.stop();
		await postgres?.stop();
	}
}

/**
 * Benchmark 4 with `workers` workers: queue mode started, a warm-up (not measured), then the runs,
 * each after `gapMs` of idle time.
 */
async function measureScale({ n8n, sim, recorder, scale: s, workers, ports, log }, results) {
	const t0 = Date.now();
	const queue = await startQueueMode(n8n, { redisPort: ports.redis, workers, concurrency: s.concurrency, ports });
	log(`queue mode: Redis, n8n main and ${workers} workers (concurrency ${s.concurrency}) ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	try {
		const invoices = sim.data('invoices');
		const truthById = new Map(sim.data('invoices', { include: 'base' }).map((record) => [record.id, record]));
		const common = { n8n, sim, recorder, truthById, workerLogs: queue.workerLogs };
		// warm-up: every worker loads the node and the credential; too few requests to meet a 429
		await scaleRunOnce({ ...common, ids: idsPerExecution(invoices, workers * 2, 2), label: `warm-${workers}w`, timeoutMs: 60_000 });
		for (let run = 1; run <= s.runs; run++) {
			if (run > 1 && s.gapMs > 0) await new Promise((r) => setTimeout(r, s.gapMs));
			const ids = idsPerExecution(invoices, workers * s.executionsPerWorker, s.idsPerExecution);
			const timeoutMs = 60_000 + (10 * ids.flat().length * 1000) / 30;
			const sample = await scaleRunOnce({ ...common, ids, label: `${workers}w-${run}`, timeoutMs });
			results.scale.push({ workers, run, load: loadavg()[0], ...sample });
			log(
				`scale ${workers} workers #${run}: ${sample.found}/${sample.items} found, ${sample.failedItems} failed, ${sample.lostItems} lost, exact ${sample.exact}; ` +
					`${sample.requests} requests, ${sample.status429} × 429 (${(100 * sample.share429).toFixed(1)} %); ${(sample.ms / 1000).toFixed(2)} s = ${sample.ratio.toFixed(2)}× floor ` +
					`(Moment busy ${sample.momentRatio.toFixed(2)}×); executions per worker ${sample.perWorker.join('/')}; load ${loadavg()[0].toFixed(1)}; accepted per second ${sample.acceptedPerSecond.join(',')}; 429s per second ${sample.refusedPerSecond.join(',')}`,
			);
		}
	} finally {
		await stopQueueMode(n8n, queue);
	}
}
