'use strict';
/**
 * The control API under /__sim (no auth; 127.0.0.1 only), for tests, the e2e runner and the
 * benchmarks. See the README ("Moment simulator") for the list:
 *
 *   GET  /__sim/health                       ok, companies, record counts, request / fault counts
 *   GET  /__sim/log[?since=N][&clear=1]      { entries } (DELETE /__sim/log or POST /__sim/log/clear clears)
 *   GET  /__sim/faults                       { faults, injected, byType }
 *   POST /__sim/faults[?append=1]            body: a rule, a list, or { faults: [...] }; replaces the rules
 *   DELETE /__sim/faults                     no more faults
 *   GET|POST /__sim/reset                    reseed (body { seed?, counts? }); clears log, faults, rate windows
 *   GET|POST /__sim/settings                 { latencyMs, defaultPageSize, maxPageSize, profile, rateLimit: {...} }
 *   GET  /__sim/data/{entity}[?company=&include=]   { content, total } ground truth
 *   GET  /__sim/data/{entity}/{id}[?company=]       one stored record
 *   POST /__sim/data/{entity}[?company=]     body { count?, fields? }: new records like the seeded ones
 *   POST /__sim/data/{entity}/changes        body { ids? | count?, fields? }: change records (version +1)
 *   PATCH /__sim/data/{entity}/{id}          body { fields? }: change one record
 *   DELETE /__sim/data/{entity}/{id}         delete one record
 *   (these stand in for changes made in Moment's user interface: no auth, no rate limit, no faults)
 *   POST /__sim/inbox[/...][?status=N]       a webhook receiver for tests: stores the delivery, answers N
 *   GET  /__sim/inbox                        { entries } of received deliveries (DELETE clears)
 */

function ok(body, status = 200) {
	return { status, body };
}

function notFound(message) {
	return { status: 404, body: { status: 404, error: 'Not Found', message } };
}

function parseBody(text) {
	if (!text || text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new Error('The control API expects a JSON body');
	}
}

function health(sim) {
	return {
		ok: true,
		uptimeMs: Date.now() - sim.startedAt,
		companies: sim.companies.map((company) => company.code),
		records: sim.counts(),
		requests: sim.log.seq,
		rateLimited: sim.limiter.rejected,
		faultsInjected: sim.faults.injected,
		settings: sim.describeSettings(),
	};
}

const INBOX_LIMIT = 1000;

/** Stores a delivery POSTed to /__sim/inbox (without Authorization / Cookie headers). */
function receive(sim, { method, url, bodyText, headers }) {
	let body = bodyText;
	try {
		body = JSON.parse(bodyText);
	} catch {
		body = bodyText;
	}
	const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !['authorization', 'cookie'].includes(name)));
	const query = Object.fromEntries(url.searchParams);
	sim.inbox.push({ time: new Date().toISOString(), method, path: url.pathname, query, headers: kept, body });
	if (sim.inbox.length > INBOX_LIMIT) sim.inbox.shift();
	const status = Number(url.searchParams.get('status') ?? 200);
	return { status: Number.isInteger(status) && status >= 200 && status <= 599 ? status : 200, body: { received: true } };
}

/** Creates, changes or deletes records (ground truth) as someone working in Moment would. */
function changeData(sim, method, [entity, id], params, body) {
	const companyCode = params.get('company') ?? sim.companyCode;
	const fields = body.fields ?? {};
	if (method === 'POST' && id === undefined) {
		const count = body.count ?? 1;
		if (!Number.isInteger(count) || count < 1 || count > 10000) throw new Error('count must be a whole number from 1 to 10000');
		return ok({ created: sim.createRecords(entity, { count, fields, companyCode }) });
	}
	if (method === 'POST' && id === 'changes') {
		return ok({ changed: sim.changeRecords(entity, { ids: body.ids, count: body.count, fields, companyCode }) });
	}
	if ((method === 'PATCH' || method === 'PUT') && id !== undefined) return ok(sim.changeRecord(entity, id, fields, { companyCode }));
	if (method === 'DELETE' && id !== undefined) {
		sim.deleteRecord(entity, id, { companyCode });
		return ok({ deleted: true, id: Number(id) });
	}
	return notFound(`No control route ${method} /__sim/data/${[entity, id].filter(Boolean).join('/')}`);
}

/** Handles one control request: `{ method, url: {pathname, searchParams}, bodyText, headers }`. */
async function handleControlRequest(sim, { method, url, bodyText, headers }) {
	const parts = url.pathname.split('/').slice(2).map((part) => decodeURIComponent(part));
	const [route, ...rest] = parts;
	const params = url.searchParams;
	const isRead = method === 'GET' || method === 'HEAD';

	if ((route === 'health' || route === undefined || route === '') && isRead) return ok(health(sim));

	if (route === 'log') {
		if (isRead && rest.length === 0) {
			const entries = sim.log.entries({ since: Number(params.get('since') ?? 0) || 0 });
			const clear = params.get('clear') === '1' || params.get('clear') === 'true';
			return { ...ok({ entries, total: sim.log.seq }), afterSend: clear ? () => sim.log.clear() : undefined };
		}
		if (method === 'DELETE' || (method === 'POST' && rest[0] === 'clear')) {
			sim.log.clear();
			return ok({ cleared: true });
		}
	}

	if (route === 'faults') {
		if (isRead) return ok(sim.faults.describe());
		if (method === 'DELETE') {
			sim.faults.clear();
			return ok(sim.faults.describe());
		}
		if (method === 'POST' || method === 'PUT') {
			const body = parseBody(bodyText);
			const faults = body && !Array.isArray(body) && Array.isArray(body.faults) ? body.faults : body;
			sim.faults.set(faults ?? [], { append: params.get('append') === '1' || params.get('append') === 'true' });
			return ok(sim.faults.describe());
		}
	}

	if (route === 'reset' && (isRead || method === 'POST')) {
		const body = parseBody(bodyText) ?? {};
		const seed = body.seed ?? (params.get('seed') === null ? undefined : Number(params.get('seed')));
		sim.reset({ seed, counts: body.counts });
		return ok(health(sim));
	}

	if (route === 'settings') {
		if (isRead) return ok(sim.describeSettings());
		if (method === 'POST' || method === 'PUT' || method === 'PATCH') return ok(sim.configure(parseBody(bodyText) ?? {}));
	}

	if (route === 'data' && !isRead) return changeData(sim, method, rest, params, parseBody(bodyText) ?? {});

	if (route === 'data' && isRead && (rest.length === 1 || rest.length === 2)) {
		const [entity, id] = rest;
		const companyCode = params.get('company') ?? sim.companyCode;
		if (id !== undefined) {
			const record = sim.record(entity, id, { companyCode });
			return record ? ok(record) : notFound(`No ${entity} record ${id} in company '${companyCode}'`);
		}
		const include = params.get('include') ?? undefined;
		const content = sim.data(entity, { companyCode, include });
		return ok({ content, total: content.length });
	}

	if (route === 'inbox') {
		if (method === 'POST' || method === 'PUT') return receive(sim, { method, url, bodyText, headers });
		if (isRead) return ok({ entries: sim.inbox.map((entry) => ({ ...entry })) });
		if (method === 'DELETE') {
			sim.inbox.length = 0;
			return ok({ cleared: true });
		}
	}

	return notFound(`No control route ${method} ${url.pathname}; see the README section "Moment simulator"`);
}

module.exports = { handleControlRequest };
