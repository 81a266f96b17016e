// Ports of everything the suite (or the demo) starts, all on 127.0.0.1, each overridable by an
// environment variable, and checked to be distinct and free before anything starts.
import { createServer } from 'node:net';

const NAMES = {
	n8n: 'PORT',
	broker: 'BROKER_PORT', // task broker of the n8n server (its default, 5679, clashes easily)
	execBroker: 'EXEC_BROKER_PORT', // task broker of `n8n execute`
	workerBroker: 'WORKER_BROKER_PORT', // task broker of `n8n worker`
	workerHealth: 'WORKER_HEALTH_PORT', // health server of `n8n worker`
	recorder: 'RECORDER_PORT',
	simulator: 'SIMULATOR_PORT',
	redis: 'REDIS_PORT',
	postgres: 'POSTGRES_PORT', // the benchmark's queue mode runs n8n on PostgreSQL
	extraWorkers: 'EXTRA_WORKER_PORTS', // a block: broker and health port of each worker after the first
};

/** `prefix` is N8N_E2E_ or N8N_DEMO_: N8N_E2E_PORT, N8N_E2E_BROKER_PORT, ... */
export function portsFromEnv(prefix, defaults) {
	const ports = {};
	for (const [key, suffix] of Object.entries(NAMES)) {
		if (!(key in defaults)) continue;
		const raw = process.env[`${prefix}${suffix}`];
		const port = raw ? Number(raw) : defaults[key];
		if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${prefix}${suffix}=${raw} is not a port number`);
		ports[key] = port;
	}
	const seen = new Map();
	for (const [key, port] of Object.entries(ports)) {
		if (seen.has(port)) throw new Error(`${prefix}${NAMES[key]} and ${prefix}${NAMES[seen.get(port)]} are both ${port}: every port must differ`);
		seen.set(port, key);
	}
	ports.envName = (key) => `${prefix}${NAMES[key]}`;
	return ports;
}

/**
 * Adds `ports[key]`: `count` consecutive ports from `${prefix}${NAMES[key]}` (default `first`),
 * none of them one of the single ports.
 */
export function addPortBlock(ports, prefix, key, first, count) {
	const raw = process.env[`${prefix}${NAMES[key]}`];
	const start = raw ? Number(raw) : first;
	if (!Number.isInteger(start) || start < 1 || start + count - 1 > 65535) throw new Error(`${prefix}${NAMES[key]}=${raw} is not the first of ${count} port numbers`);
	const block = Array.from({ length: count }, (_, i) => start + i);
	const single = Object.entries(ports).filter(([, port]) => typeof port === 'number');
	for (const [other, port] of single) {
		if (block.includes(port)) throw new Error(`${prefix}${NAMES[key]} (${start}..${start + count - 1}) includes ${prefix}${NAMES[other]} (${port}): every port must differ`);
	}
	ports[key] = block;
	return ports;
}

function isFree(port) {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Throws a message naming the variable to change when a port is taken. */
export async function assertPortsFree(ports) {
	const busy = [];
	for (const [key, value] of Object.entries(ports)) {
		for (const port of Array.isArray(value) ? value : [value]) {
			if (typeof port !== 'number') continue;
			if (!(await isFree(port))) busy.push(`${port} (${ports.envName(key)})`);
		}
	}
	if (busy.length) throw new Error(`port(s) already in use on 127.0.0.1: ${busy.join(', ')}. Stop what uses them or set the variable(s) named.`);
}
