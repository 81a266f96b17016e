/**
 * Raw HTTP against the simulator for its own tests (global fetch; the package's transport is
 * used where a node would be the client).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SimRecord, Simulator } from './index';

export interface ListBody {
	content: SimRecord[];
	page: { number: number; size: number; totalElements: number; totalPages: number };
}

export interface ErrorBody {
	status: number;
	error: string;
	message: string;
	path: string;
}

export interface Reply<T> {
	status: number;
	headers: Record<string, string>;
	body: T;
	text: string;
}

export function basicAuth(key: string, user = 'apikey'): string {
	return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}

export interface CallOptions {
	/** API key; `null` sends no Authorization header. Default: the simulator's first key. */
	key?: string | null;
	user?: string;
	body?: unknown;
	headers?: Record<string, string>;
}

/** `path` is relative to the company API base, e.g. `/invoices?size=5`, or absolute from `/`. */
export async function call<T = SimRecord>(sim: Simulator, method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
	const url = path.startsWith('/api/') || path.startsWith('/__sim') ? `${sim.url}${path}` : `${sim.apiBaseUrl}${path}`;
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	const key = options.key === undefined ? sim.apiKey : options.key;
	if (key !== null) headers.authorization = basicAuth(key, options.user);
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: response.status, headers: Object.fromEntries(response.headers), body: parsed as T, text };
}

/** Credentials of the n8n "Moment API" credential pointing at the simulator. */
export function credentialsFor(sim: Simulator, apiKey = sim.apiKey): ICredentialDataDecryptedObject {
	return { baseUrl: sim.url, companyCode: sim.companyCode, apiKey };
}
