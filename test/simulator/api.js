'use strict';
/**
 * The Moment API routes: `/api/1.0/companies/{companyCode}/{entity}[/{id}][/include/{a+b}]`.
 *
 * Order of checks (what a Spring back end behind Spring Security would do, a guess): URL
 * firewall (400) → route prefix (404) → Basic auth `apikey:<key>` (401) → rate limit per key
 * (429) → company (404; 403 when the key has no access to it) → entity (404) → include (400) →
 * method (405) → id (400 malformed, 404 unknown) → body (415 / 400) → the operation.
 *
 * Returns `{ status, body, headers, keyLabel }`; server.js sends it.
 */
const { STATUS_CODES } = require('http');

const { ENTITIES } = require('./entities');
const { isPlainObject } = require('./data');
const { listRecords, parseIncludeSpec, projectRecord } = require('./query');

const PREFIX = ['api', '1.0', 'companies'];

/** Moment's error format is not documented; this is Spring Boot's default shape plus `message`. */
function errorResponse(status, message, path, headers = {}) {
	return {
		status,
		headers,
		body: { timestamp: new Date().toISOString(), status, error: STATUS_CODES[status], message, path },
	};
}

/** Spring Security's StrictHttpFirewall rejects these before any controller sees the request. */
function firewallRejects(rawPath) {
	return (
		/%2f|%5c|%25|%2e|;|\\/i.test(rawPath) ||
		/\/\/|\/\.\.?(\/|$)/.test(rawPath) ||
		[...rawPath].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
	);
}

/** `{ key, ok }` from a Basic header; the user name must be exactly `apikey`. */
function readApiKey(header) {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0 || decoded.slice(0, colon) !== 'apikey') return undefined;
	return decoded.slice(colon + 1);
}

function parseJsonBody(request, path) {
	const text = request.bodyText ?? '';
	if (text.trim() === '') return { error: errorResponse(400, 'Required request body is missing', path) };
	const type = String(request.headers['content-type'] ?? '');
	if (type && !/json/i.test(type)) {
		return { error: errorResponse(415, `Content-Type '${type}' is not supported; send application/json`, path) };
	}
	try {
		return { value: JSON.parse(text) };
	} catch {
		return { error: errorResponse(400, 'Malformed JSON request body', path) };
	}
}

/**
 * @param sim `{ store, keys: Map<key, {label, companies: Set|null}>, limiter, settings, profile }`
 * @param request `{ method, rawPath, params: URLSearchParams, headers, bodyText, remoteAddress }`
 */
function handleApiRequest(sim, request) {
	const { method, rawPath, params } = request;
	const path = rawPath;
	if (firewallRejects(rawPath)) {
		return errorResponse(400, 'The request was rejected because the URL was not normalized or contained a potentially malicious string', path);
	}
	const segments = rawPath.split('/').slice(1);
	if (PREFIX.some((part, i) => segments[i] !== part) || segments.length < 5) {
		return errorResponse(404, 'No endpoint here; Moment API paths look like /api/1.0/companies/{companyCode}/{entity}', path);
	}

	const apiKey = readApiKey(request.headers.authorization);
	const keyInfo = apiKey === undefined ? undefined : sim.keys.get(apiKey);
	if (!keyInfo) {
		return errorResponse(401, 'Full authentication is required to access this resource: send Basic auth with user "apikey" and a valid API key', path, {
			'www-authenticate': 'Basic realm="Moment API"',
		});
	}
	const limited = sim.limiter.check(keyInfo.label, request.remoteAddress);
	if (limited) {
		const headers = limited.retryAfterSeconds === undefined ? {} : { 'retry-after': String(limited.retryAfterSeconds) };
		return { ...errorResponse(429, limited.message, path, headers), keyLabel: keyInfo.label };
	}
	const respond = (response) => ({ ...response, keyLabel: keyInfo.label });

	let decoded;
	try {
		decoded = segments.slice(3).map((segment) => decodeURIComponent(segment));
	} catch {
		return respond(errorResponse(400, 'The path contains an invalid percent-encoding', path));
	}
	const [companyCode, entity, ...rest] = decoded;
	const company = sim.store.company(companyCode);
	if (!company) return respond(errorResponse(404, `Company '${companyCode}' not found`, path));
	if (keyInfo.companies && !keyInfo.companies.has(companyCode)) {
		return respond(errorResponse(403, `The API key has no access to company '${companyCode}'`, path));
	}
	const def = Object.prototype.hasOwnProperty.call(ENTITIES, entity) ? ENTITIES[entity] : undefined;
	if (!def) return respond(errorResponse(404, `No endpoint '${entity}' in the Moment API`, path));

	let idText;
	let includeSpec;
	if (rest.length === 1 || rest.length === 3) idText = rest.shift();
	if (rest.length === 2 && rest[0] === 'include' && rest[1] !== '') includeSpec = rest[1];
	else if (rest.length !== 0 || idText === 'include' || idText === '') return respond(errorResponse(404, `No endpoint '${rawPath}' in the Moment API`, path));

	let include;
	const profile = sim.profile;
	if (includeSpec !== undefined && (def.refusesInclude || (profile.refuseInclude ?? []).includes(def.name))) {
		// observed live: timeRecords did not accept /include/base (the answer itself was not recorded)
		return respond(errorResponse(400, `Includes are not supported for ${def.name}`, path));
	}
	if (includeSpec !== undefined) {
		const parsed = parseIncludeSpec(includeSpec, def);
		if (parsed.error) return respond(errorResponse(400, parsed.error.message, path));
		include = parsed.items;
	}

	const allowed = idText === undefined ? ['GET', 'POST'] : ['GET', 'PUT', 'PATCH', 'DELETE'];
	if (def.readOnly && method !== 'GET') {
		return respond(
			errorResponse(405, `${def.singular}s are read only in the Moment API: ${method} is not supported (only GET)`, path, { allow: 'GET' }),
		);
	}
	if (!allowed.includes(method) || (method === 'DELETE' && include)) {
		return respond(errorResponse(405, `Request method '${method}' is not supported here`, path, { allow: allowed.join(', ') }));
	}

	let id;
	if (idText !== undefined) {
		if (!/^\d{1,15}$/.test(idText)) {
			return respond(errorResponse(400, `Invalid ${def.singular.toLowerCase()} id '${idText}': ids are whole numbers`, path));
		}
		id = Number(idText);
	}
	const view = (record) => projectRecord(company, def, record, include, profile);

	if (method === 'GET' && id === undefined) {
		const result = listRecords(company, def, params, include, sim.settings, profile);
		return respond(result.error ? errorResponse(400, result.error.message, path) : { status: 200, body: result.body });
	}
	if (method === 'GET') {
		const record = company.get(entity, id);
		if (!record) return respond(errorResponse(404, `${def.singular} ${id} not found in company '${companyCode}'`, path));
		return respond({ status: 200, body: view(record) });
	}
	if (method === 'DELETE') {
		const result = company.remove(entity, id);
		return respond(result.error ? errorResponse(result.error.status, result.error.message, path) : { status: 204 });
	}
	if (id !== undefined && !company.get(entity, id)) {
		return respond(errorResponse(404, `${def.singular} ${id} not found in company '${companyCode}'`, path));
	}
	const body = parseJsonBody(request, path);
	if (body.error) return respond(body.error);
	if (!isPlainObject(body.value)) {
		return respond(errorResponse(400, `The request body must be a JSON object with ${def.singular.toLowerCase()} fields`, path));
	}
	const result = id === undefined ? company.create(entity, body.value) : company.update(entity, id, body.value);
	if (result.error) return respond(errorResponse(result.error.status, result.error.message, path));
	return respond({ status: 200, body: view(result.record) });
}

module.exports = { handleApiRequest, errorResponse, readApiKey };
