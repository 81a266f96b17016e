/**
 * URL building for Moment's API: `{baseUrl}/api/1.0/companies/{companyCode}/{entity}[/{id}][/include/{a+b}]`.
 *
 * n8n does not apply `requestDefaults` to programmatic requests, so the URL is built here, from the
 * credential. Every part that comes from a user (company code, id, include items) is validated so it
 * stays inside its own path segment: no `/`, `?`, `#`, `%`, `..`, whitespace or empty values.
 * Validation throws a plain `Error` with a message that says what to fix; callers wrap it in a
 * NodeOperationError with the item index.
 */

export const API_PREFIX = '/api/1.0/companies';

export interface MomentCredentials {
	apiKey: string;
	companyCode: string;
	baseUrl: string;
}

export interface MomentPath {
	/** Entity path from the catalog, e.g. `invoices`. */
	entity: string;
	/** Record id, for get / update / delete. */
	id?: string | number;
	/** Include items, joined as `/include/a+b`. */
	include?: string[];
}

const COMPANY_CODE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
/** A positive whole number of at most 19 digits (64-bit), without leading zeros. */
export const RECORD_ID_PATTERN = '^[1-9][0-9]{0,18}$';
const RECORD_ID = new RegExp(RECORD_ID_PATTERN);
const ENTITY = /^[A-Za-z][A-Za-z0-9]*$/;
const INCLUDE_ITEM = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Shows a user value in a message without flooding it. */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

export function normalizeBaseUrl(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url) {
		throw new Error(
			`The Base URL ${quote(value)} in the Moment API credential is not a URL. Use https://app.moment.team unless Milient gave you another host.`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`The Base URL ${quote(value)} must start with https:// (or http:// for a local test server).`);
	}
	if (url.search || url.hash || url.username || url.password) {
		throw new Error(
			`The Base URL ${quote(value)} must be a plain host address without ?query, #fragment or user:password, e.g. https://app.moment.team`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function validateCompanyCode(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!COMPANY_CODE.test(value)) {
		throw new Error(
			`The Company Code ${quote(value)} in the Moment API credential is not valid. It is the single word after app.moment.team/ in the address bar when you are logged in (acme in https://app.moment.team/acme/projects): letters, digits, "-" or "_" only.`,
		);
	}
	return value;
}

export function validateRecordId(raw: unknown, what = 'Record'): string {
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!RECORD_ID.test(value)) {
		throw new Error(
			`${what} ID ${quote(raw ?? '')} is not valid. Moment IDs are positive whole numbers, e.g. 106939080; pick the record from the list or check the expression that supplies the ID.`,
		);
	}
	return value;
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

export function buildMomentUrl(credentials: MomentCredentials, path: MomentPath): string {
	if (!ENTITY.test(path.entity)) {
		// Entities come from the catalog, never from users: this is a programming error.
		throw new Error(`Internal: invalid Moment entity path ${quote(path.entity)}`);
	}
	const segments = [
		normalizeBaseUrl(credentials.baseUrl) + API_PREFIX,
		validateCompanyCode(credentials.companyCode),
		path.entity,
	];
	if (path.id !== undefined) segments.push(validateRecordId(path.id));
	const include = parseInclude(path.include ?? []);
	if (include.length > 0) segments.push('include', include.join('+'));
	return segments.join('/');
}
