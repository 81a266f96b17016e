// Scenario 5: queue mode. n8n main + `n8n worker` + Redis; the trigger scenario's execution must
// be enqueued by the main process and run by the worker; the invoice example's Pass Each Once
// (database-backed) still lets a repeated delivery through only once.
import { readFileSync } from 'node:fs';
import { redisClients, startRedis } from '../lib/redis.mjs';
import { stopGroup } from '../lib/processes.mjs';
import { fireExampleTriggers } from './examples.mjs';
import { invoiceTrigger } from './trigger.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function queueMode(ctx, { owner, redisPort }) {
	const { n8n, checks } = ctx;
	const redis = await startRedis(redisPort, n8n.dir);
	try {
		// each process must really be connected to this Redis: its client count grows with each
		const alone = await redisClients(redisPort);
		await n8n.start({ redisPort });
		const withMain = await redisClients(redisPort);
		await n8n.startWorker(redisPort);
		const withWorker = await redisClients(redisPort);
		checks.ok(
			alone === 0 && withMain > alone && withWorker > withMain,
			`queue mode: n8n main (${withMain - alone} connections) and the n8n worker (${withWorker - withMain}) are connected to Redis on 127.0.0.1:${redisPort} (main ready in ${n8n.readyMs} ms)`,
			{ alone, withMain, withWorker },
		);
		await n8n.login(owner);
		const executionId = await invoiceTrigger(ctx, { invoiceIndex: 42 });
		let worker = '';
		for (let i = 0; i < 50; i++) {
			worker = readFileSync(n8n.workerLog, 'utf8');
			if (worker.includes(`Worker finished execution ${executionId} `)) break;
			await sleep(100);
		}
		const main = readFileSync(n8n.serverLog, 'utf8');
		checks.ok(executionId && new RegExp(`Enqueued execution ${executionId} \\(job`).test(main), `queue mode: main enqueued execution ${executionId}`);
		checks.ok(
			executionId && worker.includes(`Worker started execution ${executionId} `) && worker.includes(`Worker finished execution ${executionId} `),
			`queue mode: the worker started and finished execution ${executionId}`,
		);
		checks.ok(!/Worker started execution/.test(main), 'queue mode: the main process ran no execution itself');
		const deduping = (ctx.examples ?? []).filter((e) => e.dedupes);
		checks.ok(deduping.length > 0, `queue mode: ${deduping.length} example(s) with Pass Each Once to deliver to`);
		await fireExampleTriggers({ ...ctx, examples: deduping }, { recordIndex: 9 });
	} finally {
		await n8n.stop();
		await stopGroup(redis.pid);
	}
}
