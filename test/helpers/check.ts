/**
 * Cheap assertions for property-based tests. jest's `expect` costs about 0.2 ms a call, which
 * tens of thousands of generated cases turn into most of a suite's time; these test the same
 * conditions and throw a message naming what was expected and what came (fast-check then reports
 * the counterexample with it).
 */
function show(value: unknown): string {
	try {
		const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
		return text.length > 300 ? `${text.slice(0, 300)}...` : text;
	} catch {
		return String(value);
	}
}

/** Fails with `what` (and the value) unless `condition` holds. */
export function check(condition: boolean, what: string, actual?: unknown): asserts condition {
	if (!condition) throw new Error(arguments.length > 2 ? `${what}; got ${show(actual)}` : what);
}

/** Strict equality for primitives, equal JSON text for objects and arrays. */
export function checkEqual(actual: unknown, expected: unknown, what: string): void {
	const same =
		actual === expected ||
		(typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null && JSON.stringify(actual) === JSON.stringify(expected));
	if (!same) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}
