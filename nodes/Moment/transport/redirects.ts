/**
 * transport/: which redirects are followed (never off the credential's origin) (map: docs/development.md).
 * Redirects: the API key goes only to the credential's origin.
 *
 * n8n's HTTP helper follows redirects itself and adds the credential's Basic header again on every
 * hop, to any host (`sendCredentialsOnCrossOriginRedirect` defaults to true in n8n 1.123 and
 * 2.41), and a 307/308 sends a POST body there again. So request.ts asks it not to follow
 * (`disableFollowRedirect: true`, which both versions turn into axios `maxRedirects: 0`: the 3xx
 * comes back as the answer, with its Location header) and decides here:
 *
 * - a redirect within the Base URL's origin (scheme, host and port) is followed, at most
 *   `MAX_REDIRECTS` times, as HTTP says: 303 turns the request into a GET without body, 307 and
 *   308 keep the method and body, 301 and 302 are followed for GET and HEAD only (a client would
 *   turn any other method into a GET and the change would not be sent);
 * - a redirect anywhere else (another host, port or scheme, https to http included) is not
 *   followed: nothing is sent there, and the node fails naming the target host, never its path
 *   or query.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
export const MAX_REDIRECTS = 5;

/** One request as sent: where, how, and what. */
export interface Hop {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
}

export type RedirectDecision =
	| { follow: Hop }
	/** `target`: scheme and host (with port) only. */
	| { refuse: 'otherOrigin'; target: string }
	| { refuse: 'noLocation' }
	| { refuse: 'methodChange' };

export function isRedirect(status: number): boolean {
	return REDIRECT_STATUSES.includes(status);
}

/** Scheme and host of `url`, for a message: never its user, path or query. */
function shownOrigin(url: URL): string {
	return url.host ? `${url.protocol}//${url.host}` : url.protocol;
}

/** What to do with a redirect (`status`, `location`) answered to `hop`, sent within `baseUrl`'s origin. */
export function redirectDecision(baseUrl: string, hop: Hop, status: number, location: unknown): RedirectDecision {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return { refuse: 'noLocation' };
	let next: URL;
	try {
		next = new URL(value.trim(), hop.url);
	} catch {
		return { refuse: 'noLocation' };
	}
	if (next.origin === 'null' || next.origin !== new URL(baseUrl).origin) return { refuse: 'otherOrigin', target: shownOrigin(next) };
	next.hash = '';
	const readOnly = hop.method === 'GET' || hop.method === 'HEAD';
	if (status === 303) return { follow: { method: hop.method === 'HEAD' ? 'HEAD' : 'GET', url: next.href } };
	if (status === 307 || status === 308) return { follow: { ...hop, url: next.href } };
	return readOnly ? { follow: { method: hop.method, url: next.href } } : { refuse: 'methodChange' };
}
