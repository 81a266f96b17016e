/**
 * Types of the Moment simulator (test/simulator/index.js, plain Node.js), for TypeScript tests.
 * Behaviour and knobs: README, "Moment simulator".
 */

export type EntityName =
	| 'invoices'
	| 'projects'
	| 'customers'
	| 'offers'
	| 'claims'
	| 'userAccounts'
	| 'projectExtensions'
	| 'tasks'
	| 'projectMemberships'
	| 'timeRecords';

/** The Moment Trigger's event sources. */
export type WebhookSourceName = 'claim' | 'customer' | 'invoice' | 'offer' | 'offerDecision' | 'project';

/** A record as stored or as the API returns it. */
export type SimRecord = { id: number } & Record<string, unknown>;

export type EntityCounts = Partial<Record<EntityName, number>>;

export interface RateLimitSettings {
	enabled: boolean;
	/** Per API key, in a sliding window of `windowMs` (default 30, like Moment). */
	requestsPerSecond: number;
	/** Per client IP (default 120, like Moment). */
	perIpRequestsPerSecond: number;
	windowMs: number;
	/** Sent as Retry-After on rate-limit 429s; Moment documents none, so unset by default. */
	retryAfterSeconds?: number;
}

/** Which requests a fault applies to, and how often. */
export interface FaultMatch {
	/** Injections (default 1; unlimited when `every` is set). */
	count?: number;
	/** Only the Nth, 2Nth, ... matching request. */
	every?: number;
	/** Let the first N matching requests through first. */
	skip?: number;
	/** Substring of path + query (or a RegExp). */
	path?: string | RegExp;
	/** Regular expression source matched against path + query. */
	pathPattern?: string;
	method?: string;
}

export type FaultRule =
	| (FaultMatch & { type?: 'status'; status: number; retryAfter?: number | string; message?: string })
	| (FaultMatch & { type: 'reset' })
	| (FaultMatch & { type: 'truncate'; mode?: 'content-length' | 'close' | 'short' })
	| (FaultMatch & { type: 'slow'; delayMs?: number })
	/** The connection is accepted and never answered. */
	| (FaultMatch & { type: 'hang' })
	/** A redirect to `location`; `{path}` and `{search}` are replaced with the request's path and ?query. */
	| (FaultMatch & { type: 'redirect'; status?: 301 | 302 | 303 | 307 | 308; location: string });

export interface FaultReport {
	faults: Array<Record<string, unknown> & { type: string; injected: number; remaining: number | null }>;
	/** Faults injected since start or the last reset. */
	injected: number;
	/** Per kind: status429, status503, reset, truncate, slow, ... */
	byType: Record<string, number>;
}

export interface RequestLogEntry {
	seq: number;
	/** ISO time the request arrived. */
	time: string;
	method: string;
	path: string;
	/** Query parameters; a repeated one is an array. */
	query: Record<string, string | string[]>;
	/** `null` when the connection was reset by a fault. */
	status: number | null;
	durationMs: number;
	company?: string;
	entity?: string;
	id?: string;
	/** Label of the API key used (`key1`, `key2`, ...), never the key. */
	key?: string;
	fault?: 'status' | 'reset' | 'truncate' | 'slow' | 'hang' | 'redirect';
	/** Where a redirect fault sent the client. */
	location?: string;
}

export interface InboxEntry {
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text. */
	body: unknown;
}

export interface CompanyOptions {
	code: string;
	apiKeys?: string[];
	apiKey?: string;
	counts?: EntityCounts;
	seed?: number;
	/** The day (YYYY-MM-DD) the seeded time records lead up to; the UTC day by default. */
	today?: string;
}

/**
 * How a simulated Moment differs from the assumed one (profiles.js; docs/simulator.md, "API
 * profiles"). `default` is exactly the package's assumptions.
 */
export type ApiProfileName =
	| 'default'
	| 'oneBasedPages'
	| 'classicPage'
	| 'bareArray'
	| 'pageSize200'
	| 'includeRefused'
	| 'timeRecordDatesHonoured'
	| 'dateFiltersIgnored'
	| 'sortIgnored'
	| 'textIds'
	| 'noChangeStamp';

export interface SimulatorSettings {
	latencyMs: number;
	defaultPageSize: number;
	maxPageSize: number;
	profile: ApiProfileName;
	rateLimit: RateLimitSettings;
}

export interface SettingsChange {
	latencyMs?: number;
	defaultPageSize?: number;
	maxPageSize?: number;
	profile?: ApiProfileName;
	/** `false` turns the limit off, `true` on, an object changes parts of it. */
	rateLimit?: boolean | Partial<RateLimitSettings>;
}

export interface SimulatorOptions extends SettingsChange {
	/** 0 (default) = a free port. Always bound to 127.0.0.1. */
	port?: number;
	/** Default company `acme` with keys `moment-sim-key-1` and `moment-sim-key-2`. */
	companyCode?: string;
	apiKey?: string;
	apiKeys?: string[];
	/** Several companies; replaces companyCode / apiKey(s) / counts. */
	companies?: CompanyOptions[];
	seed?: number;
	/** The day (YYYY-MM-DD) the seeded time records lead up to (8 weeks before it); the UTC day by default. */
	today?: string;
	/** Record counts (defaults: customers 25, projects 40, offers 30, invoices 120, claims 30, userAccounts 12, timeRecords 240). */
	counts?: EntityCounts;
	faults?: FaultRule[];
	logLimit?: number;
	onRequest?: (entry: RequestLogEntry) => void;
}

export interface DataQuery {
	companyCode?: string;
	/** As the API shows records with this include ('base', 'base+email'); absent = every stored field. */
	include?: string;
	limit?: number;
}

export interface Simulator {
	/** CPU time (ms) it took to generate the seeded data. */
	seedCpuMs: number;
	/** Base URL for the n8n credential, e.g. http://127.0.0.1:40123 */
	url: string;
	port: number;
	companyCode: string;
	apiKey: string;
	apiKeys: string[];
	companies: string[];
	/** `${url}/api/1.0/companies/${companyCode}` */
	apiBaseUrl: string;
	/** `${url}/__sim` */
	controlUrl: string;
	/** `${url}/__sim/inbox`: a webhook receiver for tests. */
	inboxUrl: string;
	log(query?: { since?: number }): RequestLogEntry[];
	clearLog(): void;
	/** Ground truth, in list order (id ascending). */
	data(entity: EntityName, query?: DataQuery): SimRecord[];
	record(entity: EntityName, id: number | string, query?: { companyCode?: string }): SimRecord | undefined;
	counts(): Record<string, Record<EntityName, number>>;
	/** `count` new records like the seeded ones (with `fields` set on top), as if created in Moment. */
	createRecords(entity: EntityName, options?: { count?: number; fields?: Record<string, unknown>; companyCode?: string }): SimRecord[];
	/** Sets `fields` (none: re-saves it) on one record; `version` +1, `lastModifiedDate` now. */
	changeRecord(entity: EntityName, id: number | string, fields?: Record<string, unknown>, options?: { companyCode?: string }): SimRecord;
	/** Changes the records with `ids`, or `count` records spread over the list; returns their ids. */
	changeRecords(entity: EntityName, options: { ids?: Array<number | string>; count?: number; fields?: Record<string, unknown>; companyCode?: string }): number[];
	/** Deletes one record, whatever links to it. */
	deleteRecord(entity: EntityName, id: number | string, options?: { companyCode?: string }): void;
	/** Replaces the fault rules (or adds with `append`). */
	setFaults(faults: FaultRule | FaultRule[], options?: { append?: boolean }): FaultReport;
	clearFaults(): void;
	faults(): FaultReport;
	/** Changes runtime settings; returns the current ones. */
	settings(change?: SettingsChange): SimulatorSettings;
	/** Reseeds the data; clears log, faults, rate-limit windows and inbox. */
	reset(options?: { seed?: number; counts?: EntityCounts }): void;
	/** Requests refused by the (real, not injected) rate limit. */
	rateLimited(): number;
	inbox(): InboxEntry[];
	close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;

export interface WebhookOptions {
	/** Required unless `body` is given. */
	source?: WebhookSourceName;
	/** Default CREATE_NEW (the only value Moment documents). */
	event?: string;
	record?: Record<string, unknown>;
	/** Take the record from this simulator (handle or base URL): the one with `id`, else the first. */
	simulator?: Simulator | string;
	companyCode?: string;
	id?: number | string;
	/** Added as `?token=` (or `tokenParam`). */
	token?: string;
	tokenParam?: string;
	/** Extra headers; one set to null is not sent (`{ 'content-type': null }`: no Content-Type). */
	headers?: Record<string, string | null>;
	/** Compress the body and send Content-Encoding. */
	contentEncoding?: 'gzip' | 'deflate';
	/** Raw body to send instead of a built payload (object, string or Buffer). */
	body?: unknown;
	timeoutMs?: number;
}

export interface WebhookResult {
	status: number;
	body: unknown;
	headers: Record<string, string>;
	/** What was sent. */
	payload: unknown;
}

export function sendWebhook(url: string, options: WebhookOptions): Promise<WebhookResult>;

export function buildWebhookPayload(
	source: WebhookSourceName,
	record: Record<string, unknown>,
	event?: string,
): Record<string, unknown>;

export const WEBHOOK_SOURCES: Readonly<
	Record<WebhookSourceName, { entity: EntityName; payloadKey: string; numberField: string }>
>;

export const ENTITY_NAMES: readonly EntityName[];

/** Every API profile with its one-line description. */
export const PROFILES: Readonly<Record<ApiProfileName, { description: string }>>;
export const PROFILE_NAMES: readonly ApiProfileName[];

/**
 * The simulator's rate limit on its own (rateLimit.js), for tests that drive it with a virtual
 * clock: a sliding window of accepted requests per key and per IP.
 */
export class RateLimiter {
	constructor(settings?: Partial<RateLimitSettings> | boolean);
	/** Changes the limits (partial; `false` disables, `true` enables). */
	configure(settings: Partial<RateLimitSettings> | boolean): void;
	/** Undefined when the request may go ahead, else why it is refused (a 429). */
	check(keyLabel: string, ip: string, now?: number): { message: string; retryAfterSeconds?: number } | undefined;
	/** Requests refused so far. */
	rejected: number;
}
