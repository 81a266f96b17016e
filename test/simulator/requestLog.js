'use strict';
/**
 * The log of API requests the simulator answered, for asserting how many requests a node made.
 * An entry never holds the API key or the Authorization header: the key is shown by its label
 * (`key1`, `key2`, ... in configuration order).
 */

class RequestLog {
	/** `listener(entry)` is called for every new entry (the CLI's --verbose). */
	constructor(limit = 200000, listener = undefined) {
		this.limit = limit;
		this.listener = listener;
		this.items = [];
		this.seq = 0;
	}

	/** entry: { time, method, path, query, status, durationMs, company?, entity?, id?, key?, fault? } */
	add(entry) {
		this.seq++;
		const item = { seq: this.seq };
		for (const [name, value] of Object.entries(entry)) if (value !== undefined) item[name] = value;
		this.items.push(item);
		if (this.listener) this.listener({ ...item });
		if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
	}

	/** Copies of the entries, optionally only those after sequence number `since`. */
	entries({ since = 0 } = {}) {
		return this.items.filter((entry) => entry.seq > since).map((entry) => ({ ...entry, query: { ...entry.query } }));
	}

	clear() {
		this.items = [];
	}
}

/** Query parameters as an object; a repeated parameter becomes an array. */
function queryObject(params) {
	const query = {};
	for (const [name, value] of params) {
		if (name in query) query[name] = [].concat(query[name], value);
		else query[name] = value;
	}
	return query;
}

module.exports = { RequestLog, queryObject };
