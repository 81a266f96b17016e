// Counting assertions: every check prints "ok - ..." or "not ok - ..." and is summed for the
// suite's final "e2e: N passed, N failed" line.
import { isDeepStrictEqual } from 'node:util';

export class Checks {
	constructor() {
		this.passed = 0;
		this.failed = 0;
		this.prefix = '';
		this.failures = [];
	}

	/** Sets the label printed before each check ("[2.41.3] trigger"). */
	scope(prefix) {
		this.prefix = prefix;
	}

	ok(condition, message, detail) {
		const line = `${this.prefix ? `[${this.prefix}] ` : ''}${message}`;
		if (condition) {
			this.passed++;
			console.log(`ok - ${line}`);
		} else {
			this.failed++;
			this.failures.push(line);
			const extra = detail === undefined ? '' : `\n    ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`.slice(0, 2000);
			console.log(`not ok - ${line}${extra}`);
		}
		return Boolean(condition);
	}

	equal(actual, expected, message) {
		return this.ok(isDeepStrictEqual(actual, expected), message, `expected ${short(expected)}, got ${short(actual)}`);
	}

	/** A failure that stopped a scenario before its checks could run. */
	crash(message, error) {
		return this.ok(false, `${message}: ${error?.message ?? error}`);
	}
}

function short(value) {
	const s = JSON.stringify(value);
	return s === undefined ? 'undefined' : s.length > 600 ? `${s.slice(0, 600)}…` : s;
}
