'use strict';
/**
 * The simulator's state and knobs (no HTTP here; server.js serves it): companies and their
 * records, API keys, rate limiter, faults, request log and runtime settings.
 */
const { ENTITIES, ENTITY_NAMES } = require('./entities');
const { Store } = require('./data');
const { FaultPlan } = require('./faults');
const { resolveProfile } = require('./profiles');
const { projectRecord, parseIncludeSpec } = require('./query');
const { RateLimiter } = require('./rateLimit');
const { RequestLog } = require('./requestLog');

const DEFAULTS = {
	companyCode: 'acme',
	apiKeys: ['moment-sim-key-1', 'moment-sim-key-2'],
	seed: 1,
	latencyMs: 0,
	defaultPageSize: 20,
	maxPageSize: 500,
	profile: 'default',
	logLimit: 200000,
};

/**
 * Companies from the options: `companies: [{code, apiKeys, counts, seed, today}]` or the shorthand.
 * `today` (YYYY-MM-DD) is the day the seeded time records lead up to (default: the UTC day).
 */
function companiesFrom(options) {
	if (Array.isArray(options.companies) && options.companies.length > 0) {
		return options.companies.map((company) => ({
			code: String(company.code),
			apiKeys: company.apiKeys ?? (company.apiKey ? [company.apiKey] : []),
			counts: company.counts ?? {},
			seed: company.seed ?? options.seed ?? DEFAULTS.seed,
			today: company.today ?? options.today,
		}));
	}
	const apiKeys = options.apiKeys ?? (options.apiKey ? [options.apiKey] : DEFAULTS.apiKeys);
	return [
		{
			code: options.companyCode ?? DEFAULTS.companyCode,
			apiKeys,
			counts: options.counts ?? {},
			seed: options.seed ?? DEFAULTS.seed,
			today: options.today,
		},
	];
}

function checkSettings(settings) {
	resolveProfile(settings.profile);
	for (const name of ['latencyMs', 'defaultPageSize', 'maxPageSize']) {
		const value = settings[name];
		if (!Number.isInteger(value) || value < (name === 'latencyMs' ? 0 : 1)) {
			throw new Error(`Invalid setting ${name}: ${JSON.stringify(value)} (a whole number${name === 'latencyMs' ? ' >= 0' : ' >= 1'} is needed)`);
		}
	}
}

/** The record of a store result, or throws its error. */
function unwrap(result) {
	if (result.error) throw new Error(result.error.message);
	return result.record;
}

class Simulator {
	constructor(options = {}) {
		this.companies = companiesFrom(options);
		if (this.companies.some((company) => !/^[A-Za-z0-9_.-]+$/.test(company.code))) {
			throw new Error('Company codes may only hold letters, digits, ".", "-" and "_"');
		}
		this.store = new Store(this.companies);
		/** API key → { label, companies }; a key listed under several companies reaches all of them. */
		this.keys = new Map();
		for (const company of this.companies) {
			for (const key of company.apiKeys) {
				if (typeof key !== 'string' || key === '') throw new Error('API keys must be non-empty strings');
				if (!this.keys.has(key)) this.keys.set(key, { label: `key${this.keys.size + 1}`, companies: new Set() });
				this.keys.get(key).companies.add(company.code);
			}
		}
		this.settings = {
			latencyMs: options.latencyMs ?? DEFAULTS.latencyMs,
			defaultPageSize: options.defaultPageSize ?? DEFAULTS.defaultPageSize,
			maxPageSize: options.maxPageSize ?? DEFAULTS.maxPageSize,
			profile: options.profile ?? DEFAULTS.profile,
		};
		checkSettings(this.settings);
		this.limiter = new RateLimiter(options.rateLimit ?? {});
		this.faults = new FaultPlan();
		this.faults.set(options.faults ?? []);
		/** Webhook deliveries received on /__sim/inbox (a receiver for tests). */
		this.inbox = [];
		this.log = new RequestLog(options.logLimit ?? DEFAULTS.logLimit, options.onRequest);
		this.startedAt = Date.now();
	}

	get companyCode() {
		return this.companies[0].code;
	}

	get apiKeys() {
		return [...this.companies[0].apiKeys];
	}

	/** The API profile in use (profiles.js): how this simulated Moment differs from the assumed one. */
	get profile() {
		return resolveProfile(this.settings.profile);
	}

	/** Current settings, after applying `partial` (latencyMs, defaultPageSize, maxPageSize, profile, rateLimit). */
	configure(partial = {}) {
		const next = { ...this.settings };
		for (const name of Object.keys(this.settings)) if (partial[name] !== undefined) next[name] = partial[name];
		checkSettings(next);
		this.settings = next;
		if (partial.rateLimit !== undefined) this.limiter.configure(partial.rateLimit);
		return this.describeSettings();
	}

	describeSettings() {
		return { ...this.settings, rateLimit: { ...this.limiter.settings } };
	}

	/** Back to the seeded data; clears the log, faults, rate-limit windows and inbox. */
	reset(options = {}) {
		this.store.reset(options);
		this.log.clear();
		this.faults.reset();
		this.limiter.clear();
		this.inbox.length = 0;
	}

	/**
	 * Ground truth: copies of the stored records (all fields), or as the API shows them with
	 * `include` ('base', 'base+email', ...; in the API profile's way); the first `limit` only.
	 * Throws on an unknown entity, company or include.
	 */
	data(entity, { companyCode = this.companyCode, include, limit } = {}) {
		const { company, def } = this.lookup(entity, companyCode);
		const records = limit === undefined ? company.list(def.name) : company.list(def.name).slice(0, limit);
		let items;
		if (include !== undefined) {
			const parsed = parseIncludeSpec(String(include), def);
			if (parsed.error) throw new Error(parsed.error.message);
			items = parsed.items;
		}
		return records.map((record) => (items ? projectRecord(company, def, record, items, this.profile) : structuredClone(record)));
	}

	/** One record (copy), or undefined. */
	record(entity, id, { companyCode = this.companyCode } = {}) {
		const { company } = this.lookup(entity, companyCode);
		const found = company.get(entity, Number(id));
		return found ? structuredClone(found) : undefined;
	}

	/**
	 * Changes made "in Moment's user interface" while a test runs (control API and tests): `count`
	 * new records like the seeded ones (with `fields` on top); one or several records changed
	 * (`fields` set, or none: only re-saved; `version` and `lastModifiedDate` move on either way);
	 * a record deleted. Return copies; throw an Error with the reason on an unknown id.
	 */
	createRecords(entity, { count = 1, fields = {}, companyCode = this.companyCode } = {}) {
		const { company } = this.lookup(entity, companyCode);
		return Array.from({ length: count }, () => structuredClone(unwrap(company.generate(entity, fields))));
	}

	changeRecord(entity, id, fields = {}, { companyCode = this.companyCode } = {}) {
		const { company } = this.lookup(entity, companyCode);
		return structuredClone(unwrap(company.change(entity, Number(id), fields)));
	}

	/** Changes the records with `ids`, or `count` records spread evenly over the list. Returns their ids. */
	changeRecords(entity, { ids, count, fields = {}, companyCode = this.companyCode } = {}) {
		const { company } = this.lookup(entity, companyCode);
		const list = company.list(entity);
		const chosen = ids ?? Array.from({ length: Math.min(count ?? 1, list.length) }, (_, i) => list[Math.floor((i * list.length) / Math.min(count ?? 1, list.length))].id);
		for (const id of chosen) unwrap(company.change(entity, Number(id), fields));
		return chosen.map(Number);
	}

	deleteRecord(entity, id, { companyCode = this.companyCode } = {}) {
		const { company } = this.lookup(entity, companyCode);
		unwrap(company.forceRemove(entity, Number(id)));
	}

	lookup(entity, companyCode) {
		const company = this.store.company(companyCode);
		if (!company) throw new Error(`Unknown company '${companyCode}'`);
		if (!ENTITY_NAMES.includes(entity)) throw new Error(`Unknown entity '${entity}'; use one of ${ENTITY_NAMES.join(', ')}`);
		return { company, def: ENTITIES[entity] };
	}

	/** Record counts per company and entity. */
	counts() {
		const result = {};
		for (const [code, company] of this.store.companies) {
			result[code] = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, company.list(entity).length]));
		}
		return result;
	}
}

module.exports = { Simulator, DEFAULTS };
