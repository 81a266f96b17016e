#!/usr/bin/env node
'use strict';
/**
 * Starts the Moment simulator from the command line:
 *
 *   node test/simulator/cli.js --port 8787 --company acme --key my-key --invoices 10000 --latency 150
 *
 * Prints the Base URL, Company Code and API Key for the n8n credential; Ctrl-C / SIGTERM stops it.
 * `--help` lists every flag.
 */
const { parseArgs } = require('util');

const { startSimulator } = require('./index');
const { ENTITY_NAMES } = require('./entities');
const { PROFILE_NAMES } = require('./profiles');

const HELP = `Moment simulator (test tooling): a local stand-in for Moment's REST API.

  node test/simulator/cli.js [flags]

  --port N              port on 127.0.0.1 (default 8787; 0 = any free port)
  --company CODE        company code (default acme)
  --key KEY             API key; repeat for more keys (default moment-sim-key-1 and -2)
  --seed N              data seed (default 1)
  --invoices N          number of invoices (default 120); likewise --customers (25),
                        --projects (40), --offers (30), --claims (30)
  --latency MS          added to every API response (default 0)
  --no-rate-limit       turn off the 30 requests/s per key limit
  --rate-limit N        requests per second per key (default 30)
  --retry-after S       send Retry-After: S with rate-limit 429s (Moment documents none)
  --page-size N         page size when a list request has no size (default 20)
  --max-page-size N     largest page size served (default 500)
  --profile NAME        API profile: how this Moment differs from the assumed one
                        (${PROFILE_NAMES.join(', ')}; default: default)
  --fault JSON          a fault rule, e.g. '{"type":"status","status":503,"every":10}' (repeatable)
  --verbose             print every API request
  --json                print one JSON line with url, companyCode, apiKey instead of the text
`;

function integer(name, value) {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} needs a whole number, got "${value}"`);
	return number;
}

function optionsFrom(argv) {
	const entityFlags = Object.fromEntries(ENTITY_NAMES.map((name) => [name, { type: 'string' }]));
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			company: { type: 'string' },
			key: { type: 'string', multiple: true },
			seed: { type: 'string' },
			...entityFlags,
			latency: { type: 'string' },
			'no-rate-limit': { type: 'boolean' },
			'rate-limit': { type: 'string' },
			'retry-after': { type: 'string' },
			'page-size': { type: 'string' },
			'max-page-size': { type: 'string' },
			profile: { type: 'string' },
			fault: { type: 'string', multiple: true },
			verbose: { type: 'boolean' },
			json: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) return { help: true };
	const counts = {};
	for (const name of ENTITY_NAMES) if (values[name] !== undefined) counts[name] = integer(name, values[name]);
	const rateLimit = { enabled: !values['no-rate-limit'] };
	if (values['rate-limit'] !== undefined) rateLimit.requestsPerSecond = integer('rate-limit', values['rate-limit']);
	if (values['retry-after'] !== undefined) rateLimit.retryAfterSeconds = integer('retry-after', values['retry-after']);
	return {
		port: integer('port', values.port) ?? 8787,
		companyCode: values.company,
		apiKeys: values.key,
		seed: integer('seed', values.seed),
		counts,
		latencyMs: integer('latency', values.latency),
		rateLimit,
		defaultPageSize: integer('page-size', values['page-size']),
		maxPageSize: integer('max-page-size', values['max-page-size']),
		profile: values.profile,
		faults: (values.fault ?? []).map((text) => JSON.parse(text)),
		verbose: values.verbose,
		json: values.json,
	};
}

function describe(sim, options) {
	const counts = sim.counts()[sim.companyCode];
	const settings = sim.settings();
	const limit = settings.rateLimit.enabled ? `${settings.rateLimit.requestsPerSecond} requests/s per key` : 'off';
	return [
		'Moment simulator running (test tooling; data is generated, nothing is real).',
		'',
		'  n8n "Moment API" credential:',
		`    Base URL      ${sim.url}`,
		`    Company Code  ${sim.companyCode}`,
		`    API Key       ${sim.apiKey}${sim.apiKeys.length > 1 ? `   (other keys: ${sim.apiKeys.slice(1).join(', ')})` : ''}`,
		'',
		`  Records     ${Object.entries(counts).map(([name, count]) => `${name} ${count}`).join(', ')}`,
		`  Latency     ${settings.latencyMs} ms; rate limit ${limit}; page size ${settings.defaultPageSize} (max ${settings.maxPageSize})`,
		`  API profile ${settings.profile}`,
		`  Faults      ${options.faults.length} rule(s)`,
		`  Control API ${sim.controlUrl}/health, /log, /faults, /reset, /settings, /data/{entity}`,
		`  Webhooks    node test/simulator/send-webhook.js --url <trigger URL> --source invoice --sim ${sim.url}`,
		'',
		'Ctrl-C stops it.',
	].join('\n');
}

async function main() {
	let options;
	try {
		options = optionsFrom(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n\n${HELP}`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(HELP);
		return;
	}
	const onRequest = options.verbose
		? (entry) => process.stdout.write(`${entry.time} ${entry.method} ${entry.path}${Object.keys(entry.query).length ? `?${new URLSearchParams(entry.query)}` : ''} → ${entry.status ?? 'reset'} (${entry.durationMs} ms)${entry.fault ? ` [fault: ${entry.fault}]` : ''}\n`)
		: undefined;
	const sim = await startSimulator({ ...options, onRequest });
	if (options.json) {
		process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port, companyCode: sim.companyCode, apiKey: sim.apiKey, apiKeys: sim.apiKeys, controlUrl: sim.controlUrl })}\n`);
	} else {
		process.stdout.write(`${describe(sim, options)}\n`);
	}
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		await sim.close();
		if (!options.json) process.stdout.write(`\nMoment simulator stopped (${signal}).\n`);
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`Moment simulator failed to start: ${error.message}\n`);
	process.exit(1);
});
