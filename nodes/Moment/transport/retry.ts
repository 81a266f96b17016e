/**
 * When to retry a Moment request, and how long to wait first.
 *
 * - 429 (Moment allows 30 requests/s per key): always retried, for every method, because Moment
 *   refused the request without doing it. Waits `Retry-After` when Moment sends one (it is not
 *   documented), otherwise exponential backoff with jitter.
 * - 502 / 503 / 504, connection resets, timeouts and unreadable (truncated) JSON: retried only for
 *   idempotent methods (GET, PUT, DELETE), since a POST or PATCH may already have been applied.
 * - Everything else (400, 401, 403, 404, 500, ...) fails at once: repeating it cannot help.
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
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRateLimitRetries: 6,
	maxTransientRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60000,
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
 * How request.ts waits before a retry (the rate limiter takes its clock as a parameter; the retry
 * loop uses this one). Tests replace `sleep` to record the waits instead of spending them.
 */
export const retryClock: { sleep: (ms: number) => Promise<void> } = { sleep };

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

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds, or
 * `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": between half and all of base * 2^retry, capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
