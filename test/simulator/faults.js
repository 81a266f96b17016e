'use strict';
/**
 * Fault injection for API requests (never for /__sim). A fault rule:
 *
 *   { type: 'status', status: 503, count: 2 }             next 2 matching requests answer 503
 *   { type: 'status', status: 429, count: 5, retryAfter: 1 }   ... with Retry-After: 1
 *   { type: 'status', status: 500, every: 3, path: '/invoices' } every 3rd matching request
 *   { type: 'reset', count: 1 }                           the connection is reset (no response)
 *   { type: 'truncate', mode: 'content-length' }          half the body, full Content-Length, then close
 *                      mode 'close': chunked, half the body, then close; mode 'short': a complete
 *                      response whose body is the first half of the JSON
 *   { type: 'slow', delayMs: 3000 }                       the real response, 3 s late
 *   { type: 'hang' }                                      the connection is accepted and never
 *                      answered (until the client gives up or the simulator closes)
 *   { type: 'redirect', status: 307, location: 'http://127.0.0.2:9000{path}{search}' }
 *                      answers a redirect (301, 302, 303, 307 or 308) to `location`, where
 *                      `{path}` and `{search}` are the request's path and ?query (a relative
 *                      location stays on the simulator)
 *
 * Common fields: `count` (injections, default 1, or unlimited with `every`), `every` (N: the Nth,
 * 2Nth, ... matching request), `skip` (let the first N matching requests through), `path`
 * (substring of path + query, or a RegExp), `pathPattern` (regex source, for JSON), `method`.
 * `status`, `reset`, `hang` and `redirect` faults answer before the simulator looks at the request
 * (nothing is changed, no auth, no rate-limit slot); `truncate` and `slow` wrap the real response (a write
 * IS applied). The first active matching rule wins.
 */

const TYPES = ['status', 'reset', 'truncate', 'slow', 'hang', 'redirect'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const TRUNCATE_MODES = ['content-length', 'close', 'short'];

function invalid(message) {
	return new Error(`Invalid fault: ${message}`);
}

function positiveInteger(value, name, fallback) {
	if (value === undefined || value === null) return fallback;
	if (!Number.isInteger(value) || value < 0) throw invalid(`${name} must be a whole number >= 0, got ${JSON.stringify(value)}`);
	return value;
}

/** Validates and completes one fault rule (throws an Error with a message on bad input). */
function normalizeFault(input) {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('each fault must be an object');
	const type = input.type ?? (input.status !== undefined ? 'status' : undefined);
	if (!TYPES.includes(type)) throw invalid(`type must be one of ${TYPES.join(', ')}, got ${JSON.stringify(input.type)}`);
	const every = positiveInteger(input.every, 'every', undefined);
	if (every === 0) throw invalid('every must be at least 1');
	const rule = {
		type,
		count: positiveInteger(input.count, 'count', every ? Number.POSITIVE_INFINITY : 1),
		every,
		skip: positiveInteger(input.skip, 'skip', 0),
		method: input.method ? String(input.method).toUpperCase() : undefined,
		path: input.path instanceof RegExp ? input.path : input.path === undefined ? undefined : String(input.path),
		pathPattern: input.pathPattern === undefined ? undefined : new RegExp(String(input.pathPattern)),
		seen: 0,
		injected: 0,
	};
	if (type === 'status') {
		rule.status = positiveInteger(input.status, 'status', 503);
		if (rule.status < 400 || rule.status > 599) throw invalid(`status must be 400..599, got ${rule.status}`);
		rule.retryAfter = input.retryAfter === undefined ? undefined : String(input.retryAfter);
		rule.message = input.message === undefined ? undefined : String(input.message);
	}
	if (type === 'truncate') {
		rule.mode = input.mode ?? 'content-length';
		if (!TRUNCATE_MODES.includes(rule.mode)) throw invalid(`mode must be one of ${TRUNCATE_MODES.join(', ')}`);
	}
	if (type === 'slow') rule.delayMs = positiveInteger(input.delayMs, 'delayMs', 2000);
	if (type === 'redirect') {
		rule.status = positiveInteger(input.status, 'status', 302);
		if (!REDIRECT_STATUSES.includes(rule.status)) throw invalid(`a redirect's status must be one of ${REDIRECT_STATUSES.join(', ')}, got ${rule.status}`);
		if (typeof input.location !== 'string' || input.location === '') throw invalid('a redirect needs a location (a URL, or a path on the simulator)');
		rule.location = input.location;
	}
	return rule;
}

function matches(rule, method, target) {
	if (rule.method && rule.method !== method) return false;
	if (rule.path instanceof RegExp && !rule.path.test(target)) return false;
	if (typeof rule.path === 'string' && !target.includes(rule.path)) return false;
	if (rule.pathPattern && !rule.pathPattern.test(target)) return false;
	return true;
}

class FaultPlan {
	constructor() {
		this.rules = [];
		this.injected = 0;
		this.byType = {};
	}

	/** Replaces the rules (or adds to them with `append`). Accepts one rule or a list. */
	set(faults, { append = false } = {}) {
		const list = (Array.isArray(faults) ? faults : faults ? [faults] : []).map(normalizeFault);
		this.rules = append ? [...this.rules, ...list] : list;
	}

	clear() {
		this.rules = [];
	}

	/** Forgets rules and counters. */
	reset() {
		this.clear();
		this.injected = 0;
		this.byType = {};
	}

	/** The rule to apply to this request, if any (and counts it). */
	take(method, target) {
		for (const rule of this.rules) {
			if (rule.injected >= rule.count || !matches(rule, method, target)) continue;
			rule.seen++;
			if (rule.seen <= rule.skip) continue;
			if (rule.every && (rule.seen - rule.skip) % rule.every !== 0) continue;
			rule.injected++;
			this.injected++;
			const key = rule.type === 'status' ? `status${rule.status}` : rule.type === 'redirect' ? `redirect${rule.status}` : rule.type;
			this.byType[key] = (this.byType[key] ?? 0) + 1;
			return rule;
		}
		return undefined;
	}

	/** JSON-safe view of the rules and counters. */
	describe() {
		return {
			faults: this.rules.map((rule) => ({
				...rule,
				path: rule.path instanceof RegExp ? String(rule.path) : rule.path,
				pathPattern: rule.pathPattern ? rule.pathPattern.source : undefined,
				count: Number.isFinite(rule.count) ? rule.count : null,
				remaining: Number.isFinite(rule.count) ? rule.count - rule.injected : null,
			})),
			injected: this.injected,
			byType: { ...this.byType },
		};
	}
}

module.exports = { FaultPlan, normalizeFault };
