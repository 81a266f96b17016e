// Benchmark results: the machine they ran on, medians, a Markdown section for docs/benchmarks.md
// and a hand-written SVG chart (no dependencies).
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { N8N_SETTINGS } from './n8nSettings.mjs';
import { scaleMarkdown, summarizeScale } from './scaleReport.mjs';

export function median(values) {
	const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function machine() {
	let model = cpus()[0]?.model ?? 'unknown CPU';
	try {
		const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
		if (line) model = line.split(':')[1].trim();
	} catch {
		/* not Linux */
	}
	return { cpu: model, cores: cpus().length, ramGiB: Math.round(totalmem() / 2 ** 30) };
}

const s = (ms) => (ms / 1000).toFixed(2);
const x = (ratio) => `${ratio.toFixed(2)}×`;
const all = (samples, key, fmt = (v) => v) => samples.map((sample) => fmt(sample[key])).join(', ');

/** Medians of every benchmark, from the raw samples collected by run.mjs. */
export function summarize(results) {
	const ra = (variant) => results.returnAll.filter((r) => r.variant === variant);
	const tr = (setting, variant) => results.trigger.filter((r) => r.setting === setting && r.variant === variant);
	const trigger = {};
	for (const setting of [...new Set(results.trigger.map((r) => r.setting))]) {
		const rates = Object.fromEntries(['moment', 'webhook', 'webhookV1'].map((v) => [v, median(tr(setting, v).map((r) => r.eventsPerSecond))]));
		trigger[setting] = { ...rates, ratio: rates.moment / rates.webhook, controlRatio: rates.webhookV1 / rates.webhook };
	}
	const summary = {
		returnAll: {
			moment: { ms: median(ra('moment').map((r) => r.ms)), requests: median(ra('moment').map((r) => r.requests)) },
			http: { ms: median(ra('http').map((r) => r.ms)), requests: median(ra('http').map((r) => r.requests)) },
		},
		get: {
			ms: median(results.get.map((r) => r.ms)),
			nodeMs: median(results.get.map((r) => r.nodeMs)),
			status429: median(results.get.map((r) => r.status429)),
			failedItems: Math.max(0, ...results.get.map((r) => r.failedItems)),
			floorMs: results.get[0]?.floorMs,
		},
		trigger,
		scale: summarizeScale(results.scale ?? []),
	};
	summary.returnAll.ratio = summary.returnAll.moment.ms / summary.returnAll.http.ms;
	summary.get.ratio = summary.get.ms / summary.get.floorMs;
	return summary;
}

const verdict = (ok) => (ok ? '**met**' : '**missed**');

/** The Markdown results section (between the markers in docs/benchmarks.md). */
export function markdownResults({ config, results, summary, env, command, date }) {
	const { returnAll: ra, get, trigger } = summary;
	const minRequests = Math.ceil(config.invoices / 500);
	const lines = [
		`Run on ${date} with \`${command}\`.`,
		'',
		`- Machine: ${env.cpu}, ${env.cores} cores, ${env.ramGiB} GiB RAM (n8n, the simulator and the load generator share it)`,
		`- n8n ${env.n8n} on Node ${env.node} (regular mode, SQLite; benchmark 4: queue mode, PostgreSQL); this package ${env.packageVersion}; the script itself ran on Node ${process.versions.node}`,
		`- Moment simulator: ${config.latencyMs} ms latency on every API answer, rate limit ${config.rateLimit} requests/s per key (429 without Retry-After), ${config.invoices.toLocaleString('en-US')} invoices`,
		`- ${config.runs} runs of each measurement, medians below (every run's value in the detail lines); the whole run took ${env.minutes.toFixed(0)} minutes, with a 1-minute load average of ${env.load[0].toFixed(1)} at its start and ${env.load[1].toFixed(1)} at its end on ${env.cores} cores`,
		'',
		'![Benchmark results](images/benchmarks.svg)',
		'',
	];
	if (results.returnAll.length > 0) {
		lines.push(
			`### 1. Return All of ${config.invoices.toLocaleString('en-US')} invoices`,
			'',
			'| | Moment node | HTTP Request node (own pagination) + Split Out |',
			'| --- | --- | --- |',
			`| requests (simulator log) | ${ra.moment.requests} | ${ra.http.requests} |`,
			`| execution wall time (median) | ${s(ra.moment.ms)} s | ${s(ra.http.ms)} s |`,
			`| items | ${results.returnAll.find((r) => r.variant === 'moment')?.items} | ${results.returnAll.find((r) => r.variant === 'http')?.items} |`,
			'',
			`Ratio Moment / HTTP Request: **${x(ra.ratio)}**. Target: ${minRequests} requests (⌈${config.invoices}/500⌉) and no slower than the HTTP Request node: ${verdict(ra.moment.requests === minRequests && ra.ratio <= 1)}.`,
			`Wall time is n8n's own \`startedAt\` → \`stoppedAt\` of the execution (from \`n8n execute --rawOutput\`), so n8n's start-up is not in it.`,
			`Runs (Moment): ${all(results.returnAll.filter((r) => r.variant === 'moment'), 'ms', s)} s; (HTTP Request): ${all(results.returnAll.filter((r) => r.variant === 'http'), 'ms', s)} s.`,
			'',
		);
	}
	if (results.get.length > 0) {
		lines.push(
			`### 2. Get of ${config.gets} invoices by id (${config.gets} input items)`,
			'',
			`| execution wall time (median) | Moment node's own time | floor (${config.gets} / 30 per s) | ratio to floor | 429s met (median) | failed items (worst run) |`,
			'| --- | --- | --- | --- | --- | --- |',
			`| ${s(get.ms)} s | ${s(get.nodeMs)} s | ${s(get.floorMs)} s | **${x(get.ratio)}** | ${get.status429} | ${get.failedItems} |`,
			'',
			`Parallel Requests: ${config.parallelRequests === undefined ? 'the node default (5)' : config.parallelRequests}. Target ≤ 1.15 × floor with 0 failed items: ${verdict(get.ratio <= 1.15 && get.failedItems === 0)}.`,
			`Runs: ${all(results.get, 'ms', s)} s; 429s per run: ${all(results.get, 'status429')}.`,
			'',
		);
	}
	if (results.trigger.length > 0) {
		lines.push(
			`### 3. Trigger throughput (${config.events} events, ${config.concurrency} concurrent senders, Fetch Full Record off)`,
			'',
			'Accepted events per second measured by the sender (median); every accepted event was checked to have become a finished, successful execution (n8n\'s execution list).',
			'',
			'| n8n setting | Moment Trigger → NoOp | Webhook node v2 (POST, respond immediately) → NoOp | Moment / Webhook v2 | Webhook node v1 → NoOp (control) |',
			'| --- | --- | --- | --- | --- |',
			...Object.entries(trigger).map(([setting, t]) => `| ${N8N_SETTINGS[setting].label} | ${t.moment.toFixed(1)} | ${t.webhook.toFixed(1)} | **${x(t.ratio)}** | ${Number.isFinite(t.webhookV1) ? `${t.webhookV1.toFixed(1)} (${x(t.controlRatio)})` : 'not run'} |`),
			'',
			...Object.keys(trigger).map((setting) => `Target ≥ 0.95× with the ${N8N_SETTINGS[setting].label}: ${verdict(trigger[setting].ratio >= 0.95)}.`),
			'',
			...Object.keys(trigger).flatMap((setting) =>
				['moment', 'webhook', 'webhookV1']
					.map((variant) => [variant, results.trigger.filter((r) => r.setting === setting && r.variant === variant)])
					.filter(([, runs]) => runs.length > 0)
					.map(([variant, runs]) => `Runs (${N8N_SETTINGS[setting].short}, ${variant}): ${all(runs, 'eventsPerSecond', (v) => v.toFixed(1))} events/s; executions ${all(runs, 'executions')}.`),
			),
				'',
		);
	}
	lines.push(...scaleMarkdown({ config, results, summary }));
	return lines.join('\n');
}

const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One panel: a title, bars with value labels, optional dashed reference lines. */
function panel({ x0, title, unit, bars, lines = [], max }) {
	const top = 60;
	const height = 200;
	const width = 260;
	const scale = (v) => (v / max) * height;
	const barWidth = lines.length > 0 ? 110 : 70;
	const gap = (width - bars.length * barWidth) / (bars.length + 1);
	const out = [`<text x="${x0 + width / 2}" y="28" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
	out.push(`<text x="${x0 + width / 2}" y="46" text-anchor="middle" font-size="11" fill="#555">${esc(unit)}</text>`);
	out.push(`<line x1="${x0}" y1="${top + height}" x2="${x0 + width}" y2="${top + height}" stroke="#333"/>`);
	bars.forEach((bar, i) => {
		const bx = x0 + gap + i * (barWidth + gap);
		const h = scale(bar.value);
		out.push(`<rect x="${bx}" y="${top + height - h}" width="${barWidth}" height="${h}" fill="${bar.color}"/>`);
		// with reference lines the value goes inside the bar, clear of the lines' labels
		const inside = lines.length > 0 && h > 24;
		out.push(`<text x="${bx + barWidth / 2}" y="${inside ? top + height - h + 18 : top + height - h - 6}" text-anchor="middle" font-size="12"${inside ? ' fill="#ffffff"' : ''}>${esc(bar.label)}</text>`);
		bar.name.split('\n').forEach((part, j) => {
			out.push(`<text x="${bx + barWidth / 2}" y="${top + height + 16 + j * 13}" text-anchor="middle" font-size="11">${esc(part)}</text>`);
		});
	});
	for (const line of lines) {
		const y = top + height - scale(line.value);
		out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + width}" y2="${y}" stroke="${line.color}" stroke-dasharray="5,4"/>`);
		out.push(`<text x="${x0 + 2}" y="${y - 4}" font-size="10" fill="${line.color}">${esc(line.label)}</text>`);
	}
	return out.join('\n');
}

export function svgChart({ config, summary }) {
	const { returnAll: ra, get, trigger } = summary;
	const MOMENT = '#4b6cd6';
	const BUILTIN = '#9aa3ad';
	const CONTROL = '#c9cdd2';
	const panels = [
		panel({
			x0: 20,
			title: `Return All, ${config.invoices.toLocaleString('en-US')} invoices`,
			unit: 'execution wall time, s (lower is better)',
			max: (Math.max(ra.moment.ms, ra.http.ms) / 1000) * 1.25,
			bars: [
				{ name: `Moment node\n${ra.moment.requests} requests`, value: ra.moment.ms / 1000, label: `${s(ra.moment.ms)} s`, color: MOMENT },
				{ name: `HTTP Request\n${ra.http.requests} requests`, value: ra.http.ms / 1000, label: `${s(ra.http.ms)} s`, color: BUILTIN },
			],
		}),
		panel({
			x0: 320,
			title: `Get of ${config.gets} invoices by id`,
			unit: 'execution wall time, s (lower is better)',
			max: (Math.max(get.ms, get.floorMs * 1.15) / 1000) * 1.25,
			bars: [{ name: `Moment node\n${get.status429} × 429, ${get.failedItems} failed`, value: get.ms / 1000, label: `${s(get.ms)} s (${x(get.ratio)})`, color: MOMENT }],
			lines: [
				{ value: get.floorMs / 1000, label: `floor ${s(get.floorMs)} s`, color: '#2a8a2a' },
				{ value: (get.floorMs * 1.15) / 1000, label: 'target 1.15×', color: '#c0392b' },
			],
		}),
	];
	const settings = Object.entries(trigger);
	const trMax = Math.max(...settings.flatMap(([, t]) => [t.moment, t.webhook, t.webhookV1].filter(Number.isFinite))) * 1.25;
	settings.forEach(([setting, t], i) => {
		const bars = [
			{ name: 'Moment\nTrigger', value: t.moment, label: t.moment.toFixed(1), color: MOMENT },
			{ name: 'Webhook\nnode v2', value: t.webhook, label: t.webhook.toFixed(1), color: BUILTIN },
		];
		if (Number.isFinite(t.webhookV1)) bars.push({ name: 'Webhook v1\n(control)', value: t.webhookV1, label: t.webhookV1.toFixed(1), color: CONTROL });
		panels.push(
			panel({
				x0: 620 + i * 300,
				title: `Trigger, ${N8N_SETTINGS[setting].short}`,
				unit: 'accepted events/s (higher is better)',
				max: trMax,
				bars,
			}),
		);
	});
	const scale = Object.entries(summary.scale ?? {});
	if (scale.length > 0) panels.push(scalePanel({ x0: 620 + settings.length * 300, scale, color: MOMENT }));
	const width = 620 + (settings.length + (scale.length > 0 ? 1 : 0)) * 300;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="320" viewBox="0 0 ${width} 320" font-family="Helvetica, Arial, sans-serif">`,
		`<rect width="${width}" height="320" fill="#ffffff"/>`,
		...panels,
		`<text x="${width / 2}" y="312" text-anchor="middle" font-size="10" fill="#555">${esc(`n8n ${config.n8nVersion}; Moment simulator: ${config.latencyMs} ms latency (queue mode: ${config.scale.latencyMs} ms), ${config.rateLimit} req/s per key; triggers: ${config.events} events from ${config.concurrency} concurrent senders; medians of ${config.runs} runs`)}</text>`,
		'</svg>',
		'',
	].join('\n');
}

/** Benchmark 4: wall time against the floor per worker count, with the 429 share on each bar. */
function scalePanel({ x0, scale, color }) {
	const max = Math.max(1.5, ...scale.map(([, r]) => r.ratio)) * 1.2;
	return panel({
		x0,
		title: 'Queue mode, one API key',
		unit: 'wall time / rate-limit floor (lower is better)',
		max,
		bars: scale.map(([workers, r]) => ({ name: `${workers} workers\n${(100 * r.share429).toFixed(1)} % 429s`, value: r.ratio, label: x(r.ratio), color })),
		lines: [{ value: 1, label: 'floor (30/s)', color: '#2a8a2a' }],
	});
}

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Replaces the results section of docs/benchmarks.md (the text around it is kept). */
export function replaceResults(doc, section) {
	const start = doc.indexOf(RESULTS_START);
	const end = doc.indexOf(RESULTS_END);
	if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${RESULTS_START} ... ${RESULTS_END} markers`);
	return `${doc.slice(0, start + RESULTS_START.length)}\n${section}\n${doc.slice(end)}`;
}
