// The e2e suite's counting checks ("ok - ..." / "not ok - ..."), plus what a browser failure
// needs: a screenshot and the page's console saved into the run folder and named in the line.
import { Checks } from '../../e2e/lib/checks.mjs';

export class UiChecks extends Checks {
	/** `capture(label)` saves the artifacts and returns { screenshot, console } (browser.mjs). */
	constructor(capture) {
		super();
		this.capture = capture;
		this.last = Date.now();
	}

	/** Seconds since the previous check, shown on each line (where a slow machine spent its time). */
	elapsed() {
		const now = Date.now();
		const text = `+${((now - this.last) / 1000).toFixed(1)} s`;
		this.last = now;
		return text;
	}

	/** One check; on failure the line names the screenshot and console files. */
	async check(condition, message, detail) {
		if (condition) return this.ok(true, `${message} [${this.elapsed()}]`);
		const files = await this.capture(`${this.prefix} ${message}`);
		return this.ok(false, `${message} [${this.elapsed()}] (screenshot ${files.screenshot}; console ${files.console})`, detail);
	}

	/** `problems` (a list of sentences) must be empty. */
	async none(problems, message) {
		return this.check(problems.length === 0, message, problems.join('; '));
	}

	async equal(actual, expected, message) {
		const same = JSON.stringify(actual) === JSON.stringify(expected);
		return this.check(same, message, `expected ${JSON.stringify(expected)?.slice(0, 600)}, got ${JSON.stringify(actual)?.slice(0, 600)}`);
	}

	/** A scenario that stopped before its checks could run. */
	async stopped(message, error) {
		return this.check(false, `${message}: ${String(error?.message ?? error).split('\n')[0]}`, error?.stack?.split('\n').slice(0, 8).join('\n'));
	}
}
