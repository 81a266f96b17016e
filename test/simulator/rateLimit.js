'use strict';
/**
 * Moment's documented rate limit: 30 requests per second per API key and 120 per IP, answered
 * with 429. Modelled as a sliding 1-second window of accepted requests (rejected ones do not
 * count; Moment's exact algorithm is unknown). Moment documents no Retry-After header, so none
 * is sent unless `retryAfterSeconds` is set.
 */

const DEFAULT_RATE_LIMIT = {
	enabled: true,
	requestsPerSecond: 30,
	perIpRequestsPerSecond: 120,
	windowMs: 1000,
	retryAfterSeconds: undefined,
};

class RateLimiter {
	constructor(settings = {}) {
		this.configure(settings);
		this.windows = new Map();
		this.rejected = 0;
	}

	/** Changes the limits (a partial object; `false` disables, `true` enables). */
	configure(settings) {
		const partial = typeof settings === 'boolean' ? { enabled: settings } : settings ?? {};
		this.settings = { ...DEFAULT_RATE_LIMIT, ...this.settings, ...partial };
	}

	/** Forgets every window (reset). */
	clear() {
		this.windows.clear();
		this.rejected = 0;
	}

	/** Whether `bucket` may start a request now; records it if so. */
	take(bucket, limit, now) {
		const starts = (this.windows.get(bucket) ?? []).filter((start) => now - start < this.settings.windowMs);
		this.windows.set(bucket, starts);
		if (starts.length >= limit) return false;
		starts.push(now);
		return true;
	}

	/**
	 * Checks one request of the key labelled `keyLabel` from `ip`. Returns undefined when allowed,
	 * else `{ message, retryAfterSeconds }`.
	 */
	check(keyLabel, ip, now = Date.now()) {
		const s = this.settings;
		if (!s.enabled) return undefined;
		let message;
		if (!this.take(`ip:${ip}`, s.perIpRequestsPerSecond, now)) {
			message = `Rate limit exceeded: at most ${s.perIpRequestsPerSecond} requests per second per IP`;
		} else if (!this.take(`key:${keyLabel}`, s.requestsPerSecond, now)) {
			// The IP slot was taken for a request that is refused: give it back.
			this.windows.get(`ip:${ip}`).pop();
			message = `Rate limit exceeded: at most ${s.requestsPerSecond} requests per second per API key`;
		}
		if (!message) return undefined;
		this.rejected++;
		return { message, retryAfterSeconds: s.retryAfterSeconds };
	}
}

module.exports = { RateLimiter, DEFAULT_RATE_LIMIT };
