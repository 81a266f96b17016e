/**
 * A model of several n8n processes sharing one Moment API key, in virtual time: each process has
 * its own pacer (as each worker has its own copy of the node's module state) and cannot see the
 * others; they all meet the simulator's rate limiter (a sliding window of 30 accepted requests per
 * second per key). Each process runs `parallel` loops that send its `requests` one by one, each
 * answered after `latencyMs`, and retries a 429 with the node's own backoff and retry budget.
 */
import { PARALLEL_REQUESTS_DEFAULT } from '../../nodes/Moment/actions/router';
import type { AdaptivePacing } from '../../nodes/Moment/transport/adaptiveRate';
import { MOMENT_ADAPTIVE_PACING } from '../../nodes/Moment/transport/adaptiveRate';
import { KeyPacer, MOMENT_RATE_LIMIT } from '../../nodes/Moment/transport/rateLimit';
import { DEFAULT_RETRY_POLICY, backoffDelay } from '../../nodes/Moment/transport/retry';
import { seededRandom, virtualClock } from '../helpers/virtualClock';
import { RateLimiter } from '../simulator';

/** Requests sent `parallel` at a time from `startAtMs`. */
export interface ExecutionPlan {
	requests: number;
	/** Requests in flight at once (executions × Parallel Requests). */
	parallel: number;
	startAtMs?: number;
}

/**
 * What one process sends: one stream of requests, or its executions when they start at different
 * times (as queue-mode workers pick them up), each with its own requests.
 */
export type ProcessPlan = ExecutionPlan | { executions: ExecutionPlan[] };

export interface ProcessResult {
	/** When Moment accepted each of its requests. */
	acceptedAt: number[];
	refused: number;
	/** Requests that still met a 429 after the node's last retry. */
	failed: number;
	finishedAt: number;
	/** [time, requests per second the process allowed itself], every `sampleEveryMs`. */
	rates: Array<[number, number]>;
}

export interface SharedKeyRun {
	processes: ProcessResult[];
	requests: number;
	refused: number;
	finishedAt: number;
}

export async function runSharedKey(
	plans: ProcessPlan[],
	{ latencyMs = 60, seed = 1, pacing = MOMENT_ADAPTIVE_PACING, sampleEveryMs = 250 }: { latencyMs?: number; seed?: number; pacing?: AdaptivePacing; sampleEveryMs?: number } = {},
): Promise<SharedKeyRun> {
	const { clock, runUntilIdle } = virtualClock();
	const random = seededRandom(seed);
	const moment = new RateLimiter({ requestsPerSecond: 30, windowMs: 1000 });
	const jitter = () => 0.8 + 0.4 * random();
	let running = plans.length;

	const processes = plans.map(async (plan): Promise<ProcessResult> => {
		const pacer = new KeyPacer(MOMENT_RATE_LIMIT, clock, pacing);
		const result: ProcessResult = { acceptedAt: [], refused: 0, failed: 0, finishedAt: 0, rates: [] };
		const sendOne = async () => {
			for (let retry = 0; ; retry++) {
				const slot = await pacer.waitForSlot();
				await clock.sleep(latencyMs * 0.4 * jitter());
				const accepted = moment.check('key1', '10.0.0.1', clock.now()) === undefined;
				if (accepted) result.acceptedAt.push(clock.now());
				await clock.sleep(latencyMs * 0.6 * jitter());
				pacer.report(slot, { status: accepted ? 200 : 429 });
				if (accepted) return;
				result.refused++;
				if (retry >= DEFAULT_RETRY_POLICY.maxRateLimitRetries) {
					result.failed++;
					return;
				}
				await clock.sleep(backoffDelay(retry, DEFAULT_RETRY_POLICY, random));
			}
		};
		const execution = async ({ requests, parallel, startAtMs = 0 }: ExecutionPlan) => {
			await clock.sleep(startAtMs);
			let next = 0;
			const loop = async () => {
				while (next < requests) {
					next++;
					await sendOne();
					await clock.sleep(2 + 4 * random()); // n8n's own work between items
				}
			};
			await Promise.all(Array.from({ length: parallel }, loop));
		};
		const sampler = async () => {
			while (result.finishedAt === 0) {
				result.rates.push([clock.now(), pacer.currentRate()]);
				await clock.sleep(sampleEveryMs);
			}
		};
		const sampling = sampler();
		await Promise.all(('executions' in plan ? plan.executions : [plan]).map(execution));
		result.finishedAt = clock.now();
		running--;
		await sampling;
		return result;
	});
	const all = Promise.all(processes);
	await runUntilIdle();
	const results = await all;
	if (running !== 0) throw new Error('the model did not run to its end');
	return {
		processes: results,
		requests: results.reduce((sum, p) => sum + p.acceptedAt.length + p.refused, 0),
		refused: results.reduce((sum, p) => sum + p.refused, 0),
		finishedAt: Math.max(...results.map((p) => p.finishedAt)),
	};
}

/**
 * Benchmark 4's set-up (docs/benchmarks.md): `workers` queue-mode workers, each running
 * `perWorker` executions of `requests` Gets, as many at a time as the node's default Parallel
 * Requests (5), the executions starting one after the other over `spreadMs` as the workers pick
 * them from the queue, in a seeded order.
 */
export function queueModeWorkers(workers: number, { seed, perWorker = 3, requests = 60, spreadMs = 1000 }: { seed: number; perWorker?: number; requests?: number; spreadMs?: number }): ProcessPlan[] {
	// a stream of its own, apart from the run's jitter (runSharedKey's `seededRandom(seed)`)
	const random = seededRandom(seed * 7919);
	const count = workers * perWorker;
	const starts = Array.from({ length: count }, () => random() * spreadMs).sort((a, b) => a - b);
	// which worker picks each execution: every worker gets `perWorker`, in a shuffled order
	const picks = Array.from({ length: count }, (_, e) => e % workers);
	for (let i = picks.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[picks[i], picks[j]] = [picks[j], picks[i]];
	}
	return Array.from({ length: workers }, (_, worker) => ({
		executions: starts.filter((_, e) => picks[e] === worker).map((startAtMs) => ({ requests, parallel: PARALLEL_REQUESTS_DEFAULT.read, startAtMs })),
	}));
}

/** Requests of `process` Moment accepted in [from, to). */
export function acceptedBetween(process: ProcessResult, from: number, to: number): number {
	return process.acceptedAt.filter((time) => time >= from && time < to).length;
}
