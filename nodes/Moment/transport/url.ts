/**
 * transport/: URLs built only from checked parts (map: docs/development.md).
 * URL building for Moment's API: `{baseUrl}/api/1.0/companies/{companyCode}/{entity}[/{id}][/include/{a+b}]`.
 *
 * n8n does not apply `requestDefaults` to programmatic requests, so the URL is built here, from the
 * credential. Every part that comes from a user is checked once, where it is read, so it stays
 * inside its own path segment (no `/`, `?`, `#`, `%`, `..`, whitespace or empty values):
 * - base URL and company code by `readConnection`, when request.ts reads the credential;
 * - record IDs by catalog/recordId.ts and include items by `parseInclude`, when the node reads its
 *   parameters (the trigger's payload parser checks the IDs Moment sends);
 * - entity paths are the catalog's own (checked by its tests).
 * The checks throw a plain `Error` whose message says what to fix; callers wrap it in a
 * NodeOperationError with the item index.
 *
 * `buildMomentUrl` checks every path segment once more, whoever the caller: the company code, an
 * entity path of the catalog, a record ID by the one ID rule (catalog/recordId.ts), the word
 * `include` and include items. An ID read from Moment's own answers (a list, a stored
 * `userAccountId`) or from any other source the caller forgot to check is refused there
 * (`RefusedPathError`), so no ID from outside can steer a request to another path.
 */
import { RESOURCES } from '../catalog';
import { parseRecordId } from '../catalog/recordId';
import { quote } from '../values';


const API_PREFIX = '/api/1.0/companies';

export interface MomentCredentials {
	apiKey: string;
	companyCode: string;
	baseUrl: string;
}

/** The credential's base URL and company code once checked (readConnection). */
export interface MomentConnection {
	/** Without trailing slash, e.g. https://app.moment.team */
	baseUrl: string;
	companyCode: string;
}

export interface MomentPath {
	/** Entity path from the catalog, e.g. `invoices`. */
	entity: string;
	/** Record id, for get / update / delete: checked by catalog/recordId.ts (or the trigger's payload parser). */
	id?: string | number;
	/** Where the ID came from ("the invoices Moment listed"), for the message when it is refused. */
	idFrom?: string;
	/** Include items, joined as `/include/a+b`: checked by `parseInclude`. */
	include?: readonly string[];
}

const COMPANY_CODE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const INCLUDE_ITEM = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * The credential's Base URL, checked: `https://host[:port][/path]` without a trailing slash. The
 * messages never quote a value that may hold a secret: one with "@" (user:password, perhaps the
 * API key typed there) is not shown at all, and of the others only the part before any ?query or
 * #fragment is.
 */
export function normalizeBaseUrl(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value.includes('@')) {
		throw new Error(
			'The Base URL in the Moment API credential must not contain a user name or password (user:password@ before the host; not shown, as it may hold a secret). The API key goes in the API Key field only: remove that part, e.g. https://app.moment.team',
		);
	}
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url) {
		throw new Error(
			`The Base URL ${quote(value.split(/[?#]/)[0])} in the Moment API credential is not a URL. Use https://app.moment.team unless Milient gave you another host.`,
		);
	}
	const shown = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`The Base URL ${quote(shown)} must start with https:// (or http:// for a local test server).`);
	}
	if (url.search || url.hash || value.includes('?') || value.includes('#')) {
		throw new Error(
			`The Base URL ${quote(shown)} must be a plain host address without ?query or #fragment (not shown here), e.g. https://app.moment.team`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function validateCompanyCode(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!COMPANY_CODE.test(value)) {
		throw new Error(
			`The Company Code ${quote(value)} in the Moment API credential is not valid. It is the word after app.moment.team/ in the address bar when logged in (acme in https://app.moment.team/acme/projects): letters, digits, "-" or "_".`,
		);
	}
	return value;
}

/** The credential's base URL and company code, checked; throws a message saying what to fix. */
export function readConnection(credentials: MomentCredentials): MomentConnection {
	return { baseUrl: normalizeBaseUrl(credentials.baseUrl), companyCode: validateCompanyCode(credentials.companyCode) };
}

/** Splits "base+email", "base, email" or ["base", "email"] into validated include items. */
export function parseInclude(raw: unknown): string[] {
	const parts = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[+,\s]+/) : [])
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
	for (const part of parts) {
		if (!INCLUDE_ITEM.test(part)) {
			throw new Error(
				`Include item ${quote(part)} is not valid. Use Moment field or part names joined with "+", e.g. base+email or base+customer.name.`,
			);
		}
	}
	return parts;
}

/**
 * `url` with the query string. Written here rather than handed to n8n as `qs`: n8n's HTTP client
 * drops parameters named `constructor` or `__proto__`, and a parameter the user gave must not
 * vanish. Names and values are percent-encoded (RFC 3986), as n8n would.
 */
export function withQuery(url: string, qs?: Record<string, unknown>): string {
	const pairs = Object.keys(qs ?? {})
		.filter((name) => qs![name] !== undefined && qs![name] !== null)
		.map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(qs![name]))}`);
	return pairs.length === 0 ? url : `${url}?${pairs.join('&')}`;
}

/** A path segment `buildMomentUrl` refused: nothing was sent. `value` is the refused value. */
export class RefusedPathError extends Error {
	constructor(
		message: string,
		readonly value: unknown,
	) {
		super(message);
		this.name = 'RefusedPathError';
	}
}

const ENTITY_PATHS: ReadonlySet<string> = new Set(RESOURCES.map((resource) => resource.apiPath));

function refuse(what: string, value: unknown, from: string | undefined, rule: string): never {
	throw new RefusedPathError(
		`The request was not sent: ${what} ${quote(value)}${from ? ` (from ${from})` : ''} is not ${rule}, so it cannot go into a Moment URL`,
		value,
	);
}

/**
 * The URL of `path`: each segment a valid ID or a known path word (see the top of this file), or
 * a RefusedPathError naming the value refused and, when the caller said, where it came from.
 */
export function buildMomentUrl(connection: MomentConnection, path: MomentPath): string {
	if (!COMPANY_CODE.test(connection.companyCode)) refuse('the company code', connection.companyCode, 'the credential', 'a Moment company code');
	if (!ENTITY_PATHS.has(path.entity)) refuse('the entity path', path.entity, undefined, 'one of the catalog\'s entity paths');
	const segments = [connection.baseUrl + API_PREFIX, connection.companyCode, path.entity];
	if (path.id !== undefined) {
		const id = parseRecordId(path.id);
		if (id === undefined) refuse('the ID', path.id, path.idFrom, 'a Moment ID (a positive whole number of at most 19 digits, e.g. 106939080)');
		segments.push(id);
	}
	if (path.include && path.include.length > 0) {
		for (const item of path.include) {
			if (typeof item !== 'string' || !INCLUDE_ITEM.test(item)) refuse('the include item', item, undefined, 'a Moment field or part name');
		}
		segments.push('include', path.include.join('+'));
	}
	return segments.join('/');
}
