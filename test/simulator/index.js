'use strict';
/**
 * Moment simulator: a local stand-in for Moment's REST API (test tooling, not shipped).
 *
 *   const { startSimulator } = require('./test/simulator');
 *   const sim = await startSimulator({ counts: { invoices: 10000 }, latencyMs: 150 });
 *   // n8n credential: Base URL sim.url, Company Code sim.companyCode, API Key sim.apiKey
 *   sim.log(); sim.data('invoices'); sim.setFaults([{ type: 'status', status: 503, count: 2 }]);
 *   await sim.close();
 *
 * Types: index.d.ts. Knobs and the control API: README, "Moment simulator".
 */
const { createServer } = require('./server');
const { Simulator } = require('./simulator');
const { ENTITY_NAMES } = require('./entities');
const { PROFILES, PROFILE_NAMES } = require('./profiles');
const { RateLimiter } = require('./rateLimit');
const { sendWebhook, buildWebhookPayload, WEBHOOK_SOURCES } = require('./webhook');

const HOST = '127.0.0.1';

/** Starts a simulator on 127.0.0.1 (`port` 0, the default, picks a free port). */
async function startSimulator(options = {}) {
	// CPU time, not wall time: on a machine shared with other work the wall clock says little
	const cpuBefore = process.cpuUsage();
	const sim = new Simulator(options);
	const cpu = process.cpuUsage(cpuBefore);
	const seedCpuMs = (cpu.user + cpu.system) / 1000;
	const http = createServer(sim);
	const port = await http.listen(options.port ?? 0, HOST);
	const url = `http://${HOST}:${port}`;
	let closed;
	return {
		url,
		port,
		companyCode: sim.companyCode,
		seedCpuMs,
		apiKey: sim.apiKeys[0],
		apiKeys: sim.apiKeys,
		companies: sim.companies.map((company) => company.code),
		apiBaseUrl: `${url}/api/1.0/companies/${sim.companyCode}`,
		controlUrl: `${url}/__sim`,
		log: (query) => sim.log.entries(query),
		clearLog: () => sim.log.clear(),
		data: (entity, query) => sim.data(entity, query),
		record: (entity, id, query) => sim.record(entity, id, query),
		counts: () => sim.counts(),
		createRecords: (entity, opts) => sim.createRecords(entity, opts),
		changeRecord: (entity, id, fields, opts) => sim.changeRecord(entity, id, fields, opts),
		changeRecords: (entity, opts) => sim.changeRecords(entity, opts),
		deleteRecord: (entity, id, opts) => sim.deleteRecord(entity, id, opts),
		setFaults: (faults, opts) => {
			sim.faults.set(faults, opts);
			return sim.faults.describe();
		},
		clearFaults: () => sim.faults.clear(),
		faults: () => sim.faults.describe(),
		settings: (partial) => sim.configure(partial),
		reset: (opts) => sim.reset(opts),
		rateLimited: () => sim.limiter.rejected,
		inbox: () => sim.inbox.map((entry) => ({ ...entry })),
		inboxUrl: `${url}/__sim/inbox`,
		close: () => (closed ??= http.close()),
	};
}

module.exports = { startSimulator, sendWebhook, buildWebhookPayload, WEBHOOK_SOURCES, ENTITY_NAMES, PROFILES, PROFILE_NAMES, RateLimiter };
