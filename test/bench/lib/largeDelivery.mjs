// Benchmark 5: one large delivery (a JSON object of 300,000 fields, about 15 MB) POSTed to a
// Moment Trigger and to n8n's Webhook node v2, side by side: how long n8n takes to answer each.
// Anyone who knows a trigger's URL can send such a body when Authentication is None, and n8n
// handles webhooks on its main thread, so what the trigger spends on it is what every other
// workflow waits. Target: the Moment Trigger answers in at most 1.5× the Webhook node's time.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { MOMENT_TRIGGER } from '../../e2e/lib/workflows.mjs';
import { waitForExecutions, executionCounts } from './measure.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const LARGE_IDS = {
	webhook: 'benchLargeWebhk1',
	momentClaim: 'benchLargeClaim1',
	momentInvoice: 'benchLargeInvce1',
};

/**
 * The variants: the Webhook node v2 (POST, respond immediately) and Moment Triggers (version 2,
 * Authentication None): at an undocumented Event Source (Claim: the record is looked for among
 * all the body's fields, the most work), at Invoice (the default), and at Claim sent without a
 * Content-Type (n8n leaves the body unread; the trigger reads and parses it itself).
 */
export const LARGE_VARIANTS = [
	{ name: 'webhook', label: "n8n's Webhook node v2", workflowId: LARGE_IDS.webhook, path: 'bench-large-webhook', contentType: 'application/json' },
	{ name: 'momentClaim', label: 'Moment Trigger, Event Source Claim', workflowId: LARGE_IDS.momentClaim, path: 'bench-large-claim/webhook', contentType: 'application/json' },
	{ name: 'momentInvoice', label: 'Moment Trigger, Event Source Invoice', workflowId: LARGE_IDS.momentInvoice, path: 'bench-large-invoice/webhook', contentType: 'application/json' },
	{ name: 'momentClaimNoType', label: 'Moment Trigger, Event Source Claim, no Content-Type', workflowId: LARGE_IDS.momentClaim, path: 'bench-large-claim/webhook', contentType: undefined },
];

let counter = 0;
function node(name, type, typeVersion, parameters, extra = {}) {
	counter++;
	return { id: `benchbig-0000-4000-8000-${String(counter).padStart(12, '0')}`, name, type, typeVersion, position: [counter * 220, 0], parameters, ...extra };
}

function workflow(id, name, start) {
	const noop = node('Downstream', 'n8n-nodes-base.noOp', 1, {});
	return { id, name, nodes: [start, noop], connections: { [start.name]: { main: [[{ node: noop.name, type: 'main', index: 0 }]] } }, settings: { executionOrder: 'v1' }, pinData: {} };
}

export function largeDeliveryWorkflows() {
	const moment = (eventSource, webhookId) => node('Moment Trigger', MOMENT_TRIGGER, 2, { eventSource, authentication: 'none', fetchFullRecord: false, options: {} }, { webhookId });
	return [
		workflow(LARGE_IDS.webhook, 'Bench 5: Webhook v2 → NoOp', node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: 'bench-large-webhook', responseMode: 'onReceived', options: {} }, { webhookId: 'bench-large-webhook-node' })),
		workflow(LARGE_IDS.momentClaim, 'Bench 5: Moment Trigger (Claim) → NoOp', moment('claim', 'bench-large-claim')),
		workflow(LARGE_IDS.momentInvoice, 'Bench 5: Moment Trigger (Invoice) → NoOp', moment('invoice', 'bench-large-invoice')),
	];
}

/** `{"event": "UPDATE", "field0": "value-...0", ...}`: `keys` fields of about 50 bytes. */
export function largeBody(keys) {
	const parts = ['"event":"UPDATE"'];
	for (let i = 0; i < keys; i++) parts.push(`"someFieldName${i}":"value-${'x'.repeat(16)}${i}"`);
	return Buffer.from(`{${parts.join(',')}}`, 'utf8');
}

/** One POST on a connection of its own; resolves { status, ms } when the whole answer has arrived. */
function post(url, body, contentType, timeoutMs = 300_000) {
	const headers = { 'content-length': body.length, connection: 'close' };
	if (contentType) headers['content-type'] = contentType;
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = request(url, { method: 'POST', agent: false, headers, timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, text: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * CPU time (user + system, all threads) the process has used, in ms, from /proc (Linux; NaN
 * elsewhere). Less sensitive than wall time to other work on a shared machine.
 */
function processCpuMs(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name)
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return NaN;
	}
}

/** Sends a small body until the webhook is registered (not 404); bounded. */
async function waitRegistered(url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await post(url, Buffer.from('{"event":"UPDATE","claim":{"id":1}}'), 'application/json');
		if (res.status !== 404 || Date.now() > deadline) return res.status;
		await sleep(300);
	}
}

/** n8n idle: no execution of these workflows still running. Bounded. */
async function waitIdle(n8n, workflowIds, timeoutMs = 300_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let busy = 0;
		for (const id of workflowIds) {
			const counts = await executionCounts(n8n, id);
			busy += counts.running + counts.new;
		}
		if (busy === 0 || Date.now() > deadline) return busy;
		await sleep(500);
	}
}

/**
 * Runs benchmark 5 on a started n8n (regular mode): a warm-up of each variant, then `runs` rounds
 * in which every variant gets the body once (the order rotates), each send starting with n8n idle.
 */
export async function largeDeliveryBenchmark({ n8n, keys, runs, log }) {
	const body = largeBody(keys);
	const urlOf = (variant) => `${n8n.baseUrl}/webhook/${variant.path}`;
	for (const variant of LARGE_VARIANTS) {
		const status = await waitRegistered(urlOf(variant));
		if (status !== 200) throw new Error(`${urlOf(variant)} answered ${status} to a small delivery`);
	}
	const ids = [...new Set(LARGE_VARIANTS.map((v) => v.workflowId))];
	const samples = [];
	for (let round = 0; round <= runs; round++) {
		const order = LARGE_VARIANTS.map((_, i) => LARGE_VARIANTS[(i + round) % LARGE_VARIANTS.length]);
		for (const variant of order) {
			await waitIdle(n8n, ids);
			const before = await executionCounts(n8n, variant.workflowId);
			const cpuBefore = processCpuMs(n8n.server?.pid);
			const res = await post(urlOf(variant), body, variant.contentType);
			const cpuMs = processCpuMs(n8n.server?.pid) - cpuBefore;
			const after = await waitForExecutions(n8n, variant.workflowId, before.success + 1, 300_000);
			const sample = { variant: variant.name, ms: res.ms, cpuMs, status: res.status, executed: after.success - before.success, failed: after.error - before.error, bytes: body.length, warmUp: round === 0 };
			if (round > 0) samples.push(sample);
			log(`large delivery ${variant.name}${round === 0 ? ' (warm-up)' : ` #${round}`}: ${res.status} in ${(res.ms / 1000).toFixed(2)} s (n8n CPU ${(cpuMs / 1000).toFixed(2)} s), ${sample.executed} execution(s)${res.status === 200 ? '' : ` ${res.text}`}`);
		}
	}
	return samples;
}

function median(values) {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarizeLarge(samples) {
	const of = (name) => samples.filter((s) => s.variant === name);
	const webhookMs = median(of('webhook').map((s) => s.ms));
	const webhookCpuMs = median(of('webhook').map((s) => s.cpuMs));
	return Object.fromEntries(
		LARGE_VARIANTS.map((variant) => {
			const runs = of(variant.name);
			const ms = median(runs.map((s) => s.ms));
			const cpuMs = median(runs.map((s) => s.cpuMs));
			return [
				variant.name,
				{ ms, ratio: ms / webhookMs, cpuMs, cpuRatio: cpuMs / webhookCpuMs, ok: runs.every((s) => s.status === 200 && s.executed === 1 && s.failed === 0), runs: runs.map((s) => s.ms), cpuRuns: runs.map((s) => s.cpuMs) },
			];
		}),
	);
}

/** The Markdown section of benchmark 5. */
export function largeDeliveryMarkdown({ samples, summary, keys, env, command, date }) {
	const bytes = samples[0]?.bytes ?? 0;
	const s = (ms) => (ms / 1000).toFixed(2);
	const lines = [
		`### 5. One large delivery (${keys.toLocaleString('en-US')} fields, ${(bytes / 1e6).toFixed(1)} MB of JSON)`,
		'',
		`Run on ${date} with \`${command}\` on ${env.cpu}, ${env.cores} cores; n8n ${env.n8n} on Node ${env.node} (regular mode, SQLite, default settings); 1-minute load average ${env.load[0].toFixed(1)} at the start and ${env.load[1].toFixed(1)} at the end.`,
		'',
		"Answer time: from sending the body (one connection, sent whole) to the end of n8n's answer, median of the runs; each send starts with n8n idle (the previous execution finished and saved). n8n 2.41 answers a call whose workflow responds immediately once it has created the execution (saving its data), so that is in the time. n8n CPU: what n8n's main process used meanwhile (user + system time of all its threads, from /proc), less sensitive than wall time to other work on the machine. Every variant ends in a NoOp node.",
		'',
		'| variant | Content-Type | answer time (median) | ratio to the Webhook node | n8n CPU (median) | CPU ratio | every run answered 200 and ran once |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...LARGE_VARIANTS.map((variant) => {
			const r = summary[variant.name];
			const webhook = variant.name === 'webhook';
			return `| ${variant.label} | ${variant.contentType ?? 'none'} | ${s(r.ms)} s | ${webhook ? '1.00×' : `**${r.ratio.toFixed(2)}×**`} | ${s(r.cpuMs)} s | ${webhook ? '1.00×' : `${r.cpuRatio.toFixed(2)}×`} | ${r.ok ? 'yes' : '**no**'} |`;
		}),
		'',
		...LARGE_VARIANTS.filter((v) => v.name !== 'webhook').map((variant) => `Target ≤ 1.5× the Webhook node's answer time (${variant.label}): ${summary[variant.name].ratio <= 1.5 && summary[variant.name].ok ? '**met**' : '**missed**'}.`),
		'',
		...LARGE_VARIANTS.map((variant) => `Runs (${variant.label}): ${summary[variant.name].runs.map(s).join(', ')} s; n8n CPU ${summary[variant.name].cpuRuns.map(s).join(', ')} s.`),
	];
	return lines.join('\n');
}

export const LARGE_START = '<!-- bench:large:start -->';
export const LARGE_END = '<!-- bench:large:end -->';

export function replaceLarge(doc, section) {
	const start = doc.indexOf(LARGE_START);
	const end = doc.indexOf(LARGE_END);
	if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${LARGE_START} ... ${LARGE_END} markers`);
	return `${doc.slice(0, start + LARGE_START.length)}\n${section}\n${doc.slice(end)}`;
}
