/**
 * transport/: 429 / 5xx retries and time limits (map: docs/development.md).
 * When to retry a Moment request, and how long to wait first.
 *
 * - 429 (Moment allows 30 requests/s per key): always retried, for every method, because Moment
 *   refused the request without doing it. Waits `Retry-After` when Moment sends one (it is not
 *   documented), otherwise exponential backoff with jitter.
 * - 502 / 503 / 504, connection resets, timeouts and unreadable (truncated) JSON: retried only for
 *   idempotent methods (GET, PUT, DELETE), since a POST or PATCH may already have been applied.
 * - Everything else (400, 401, 403, 404, 500, ...) fails at once: repeating it cannot help.
 * - Every wait has a bound: one attempt `attemptTimeoutMs` (60 s) until the answer starts, one
 *   request `totalTimeoutMs` (180 s) for all its attempts and waits, or the caller's deadline
 *   when that is earlier (request.ts); a retry that would start after it is not made.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Retries after a 429, on top of the first attempt. */
	maxRateLimitRetries: number;
	/** Retries after a 502/503/504, connection reset, timeout or truncated body. */
	maxTransientRetries: number;
	/** First backoff delay; doubled on every retry. */
	baseDelayMs: number;
	/** Upper bound of one backoff delay. */
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited for: the request fails with a clear error. */
	maxRetryAfterMs: number;
	/** How long one attempt may take until Moment's answer has started (request.ts). */
	attemptTimeoutMs: number;
	/**
	 * How long one request may take in all: every attempt, the reading of every answer, the waits
	 * between attempts and for Retry-After (request.ts). A caller's own deadline may be earlier.
	 */
	totalTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRateLimitRetries: 6,
	maxTransientRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60000,
	attemptTimeoutMs: 60000,
	totalTimeoutMs: 180000,
};

const IDEMPOTENT_METHODS: IHttpRequestMethods[] = ['GET', 'HEAD', 'PUT', 'DELETE'];
const TRANSIENT_STATUSES = [502, 503, 504];
/** Error codes of connections that broke or timed out, as Node.js and axios report them. */
const TRANSIENT_ERROR_CODES = [
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
];

export type FailureKind = 'rateLimited' | 'transient';

/**
 * How request.ts waits before a retry, and the time its deadlines are measured in (the rate
 * limiter takes its clock as a parameter; the retry loop uses this one). Tests replace `sleep` to
 * record the waits instead of spending them, and `now` to count the skipped waits as time passed.
 */
export const retryClock: { sleep: (ms: number) => Promise<void>; now: () => number } = { sleep, now: () => Date.now() };

export function isIdempotent(method: IHttpRequestMethods): boolean {
	return IDEMPOTENT_METHODS.includes(method);
}

export function classifyStatus(status: number): FailureKind | undefined {
	if (status === 429) return 'rateLimited';
	if (TRANSIENT_STATUSES.includes(status)) return 'transient';
	return undefined;
}

export function isTransientNetworkError(code: string | undefined, message: string): boolean {
	if (code && TRANSIENT_ERROR_CODES.includes(code)) return true;
	return /socket hang up|ECONNRESET|timeout/i.test(message);
}

export function maxRetries(kind: FailureKind, policy: RetryPolicy): number {
	return kind === 'rateLimited' ? policy.maxRateLimitRetries : policy.maxTransientRetries;
}

/** A `Retry-After` longer than this (a day) is nonsense, not advice: it counts as absent. */
export const MAX_SENSIBLE_RETRY_AFTER_MS = 86_400_000;

/**
 * Parses a `Retry-After` header: delay-seconds (digits only, RFC 9110 section 10.2.3) or an HTTP
 * date. Returns milliseconds, or `undefined` when the header is absent or not usable: signed
 * ("+5", "-1"), fractional or exponent forms ("1.5", "1e3"), several values, a date that does not
 * parse, and anything longer than a day (`MAX_SENSIBLE_RETRY_AFTER_MS`) count as absent, so the
 * request falls back to its own backoff. A date in the past means "now" (0).
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	let ms: number;
	if (/^\d+$/.test(text)) {
		ms = Number(text) * 1000;
	} else {
		// an HTTP date names a weekday and a month; a bare number in another form is not one
		if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
		const date = Date.parse(text);
		if (Number.isNaN(date)) return undefined;
		ms = Math.max(0, date - now);
	}
	return Number.isFinite(ms) && ms <= MAX_SENSIBLE_RETRY_AFTER_MS ? ms : undefined;
}

/** Exponential backoff with "equal jitter": between half and all of base * 2^retry, capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A bound on the time all attempts of one request may take together. */
export interface Deadline {
	/** Absolute time (ms since the epoch, `retryClock.now()`) by which the request has ended. */
	at: number;
	/** Its length, for messages. */
	ms: number;
	/** What it is, for messages: "Fetch Full Record's limit". */
	name: string;
}

/** A deadline `ms` from now, for a caller that bounds all attempts of a request together. */
export function deadlineIn(ms: number, name: string): Deadline {
	return { at: retryClock.now() + ms, ms, name };
}

/** The earlier of the caller's deadline and the policy's limit for one request, from `start`. */
export function requestDeadline(start: number, policy: RetryPolicy, caller?: Deadline): Deadline {
	const own: Deadline = { at: start + policy.totalTimeoutMs, ms: policy.totalTimeoutMs, name: "the node's limit for one request" };
	// on a tie the caller's deadline names the limit: it is the one the caller set
	return caller && caller.at <= own.at ? caller : own;
}
