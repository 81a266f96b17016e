// Benchmark 4 (queue mode, several workers on one key) in the results: medians per worker count,
// the Markdown section of docs/benchmarks.md and the targets it is held to.
import { median } from './report.mjs';

/** The issue's targets: wall time against the floor per worker count, and the 429 share. */
export const SCALE_TARGETS = { ratio: { 2: 1.25, 4: 1.4 }, share429: 0.05 };

const pct = (share) => `${(100 * share).toFixed(1)} %`;
const s = (ms) => (ms / 1000).toFixed(2);

/** Medians per worker count, from the raw samples. */
export function summarizeScale(samples) {
	const byWorkers = {};
	for (const workers of [...new Set(samples.map((r) => r.workers))]) {
		const runs = samples.filter((r) => r.workers === workers);
		byWorkers[workers] = {
			runs: runs.length,
			executions: runs[0].executions,
			items: runs[0].items,
			found: Math.min(...runs.map((r) => r.found)),
			failedItems: Math.max(...runs.map((r) => r.failedItems + r.lostItems)),
			exact: runs.every((r) => r.exact),
			requests: median(runs.map((r) => r.requests)),
			status429: median(runs.map((r) => r.status429)),
			share429: median(runs.map((r) => r.share429)),
			ms: median(runs.map((r) => r.ms)),
			floorMs: runs[0].floorMs,
			ratio: median(runs.map((r) => r.ratio)),
			momentRatio: median(runs.map((r) => r.momentRatio)),
			load: median(runs.map((r) => r.load)),
		};
	}
	return byWorkers;
}

function verdict(ok) {
	return ok ? '**met**' : '**missed**';
}

/** The Markdown section "4. ..." (empty when benchmark 4 did not run). */
export function scaleMarkdown({ config, results, summary }) {
	const scale = summary.scale ?? {};
	const counts = Object.keys(scale);
	if (counts.length === 0) return [];
	const c = config.scale;
	const lines = [
		`### 4. Queue mode: ${counts.join(' and ')} workers sharing one API key`,
		'',
		`n8n main + \`n8n worker --concurrency=${c.concurrency}\` × N + Redis + ${c.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; ${c.executionsPerWorker} executions per worker started at once (webhook calls), each reading ${c.idsPerExecution} invoices by id (Parallel Requests: the node default, 5) through one credential; simulator latency ${c.latencyMs} ms, 30 requests per sliding second per key. Each measured run starts after ${Math.round(c.gapMs / 1000)} s idle, so every worker starts cold (the pacing forgets a key after 30 s).`,
		'',
		'| workers | executions × ids | items ok / failed (worst run) | requests (median) | 429s (median share) | wall time (median) | floor | ratio to floor | Moment busy / floor | load (median) |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...counts.map((w) => {
			const r = scale[w];
			return `| ${w} | ${r.executions} × ${r.items / r.executions} | ${r.found} / ${r.failedItems} | ${r.requests} | ${r.status429} (${pct(r.share429)}) | ${s(r.ms)} s | ${s(r.floorMs)} s | **${r.ratio.toFixed(2)}×** | ${r.momentRatio.toFixed(2)}× | ${r.load.toFixed(1)} |`;
		}),
		'',
		...counts.map((w) => {
			const r = scale[w];
			const target = SCALE_TARGETS.ratio[w];
			const ratioText = target === undefined ? 'no wall-time target' : `wall time ≤ ${target}× floor: ${verdict(r.ratio <= target)}`;
			return `${w} workers: 0 failed items: ${verdict(r.failedItems === 0 && r.exact)}; 429s ≤ ${pct(SCALE_TARGETS.share429)} of requests: ${verdict(r.share429 <= SCALE_TARGETS.share429)}; ${ratioText}.`;
		}),
		'',
		'Wall time: from the first webhook call to the last execution reporting its items to the recorder; floor: items / 30 per second. "Moment busy": first request to last answer in the simulator\'s log.',
		...counts.map((w) => {
			const runs = results.scale.filter((r) => r.workers === Number(w));
			return `Runs (${w} workers): ${runs.map((r) => `${r.ratio.toFixed(2)}× with ${r.status429} × 429 (${pct(r.share429)}), executions per worker ${r.perWorker.join('/')}, load ${r.load.toFixed(1)}`).join('; ')}.`;
		}),
		'',
	];
	return lines;
}
