/**
 * Refused and ignored calls start no execution, so n8n's log is the only place they show. A flood
 * of them (a misconfigured integration, someone probing the URL) must not flood the log: per
 * trigger node and kind of line (401, 400, ignored, filtered), at most LINES_PER_WINDOW lines per minute are
 * written; the first line of a later minute says how many were left out. Timestamps and counters
 * only (no timers): the count is reported with the next line written, whenever that is. Per n8n
 * process.
 */
export const LINES_PER_WINDOW = 3;
export const WINDOW_MS = 60_000;
/** Trigger nodes remembered at once; the one whose minute started longest ago is forgotten first. */
const MAX_KEYS = 1000;

interface Window {
	startedAt: number;
	written: number;
	suppressed: number;
}

/** `suppressedBefore` lines were left out in the window that started at `suppressedFrom` (ms). */
export type Admission = { write: false } | { write: true; suppressedBefore: number; suppressedFrom?: number };

export class LogThrottle {
	private readonly windows = new Map<string, Window>();

	constructor(
		private readonly linesPerWindow = LINES_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
		private readonly maxKeys = MAX_KEYS,
	) {}

	/** Whether a line for `key` may be written at `now` (ms), and how many were left out before it. */
	admit(key: string, now: number): Admission {
		let window = this.windows.get(key);
		if (window === undefined || now - window.startedAt >= this.windowMs || now < window.startedAt) {
			const previous = window;
			window = { startedAt: now, written: 1, suppressed: 0 };
			this.remember(key, window);
			if (previous === undefined || previous.suppressed === 0) return { write: true, suppressedBefore: 0 };
			return { write: true, suppressedBefore: previous.suppressed, suppressedFrom: previous.startedAt };
		}
		if (window.written < this.linesPerWindow) {
			window.written++;
			return { write: true, suppressedBefore: 0 };
		}
		window.suppressed++;
		return { write: false };
	}

	private remember(key: string, window: Window): void {
		this.windows.delete(key);
		this.windows.set(key, window);
		if (this.windows.size > this.maxKeys) {
			const oldest = this.windows.keys().next().value;
			if (oldest !== undefined) this.windows.delete(oldest);
		}
	}
}

/** `message` with the count of lines left out before it, if any. */
export function withSuppressedCount(message: string, admission: Admission): string {
	if (!admission.write || admission.suppressedBefore === 0) return message;
	const n = admission.suppressedBefore;
	const from = admission.suppressedFrom === undefined ? '' : ` in the minute from ${new Date(admission.suppressedFrom).toISOString()}`;
	return `${message} (${n} more like it${from} were not logged)`;
}
