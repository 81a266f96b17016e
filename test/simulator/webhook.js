'use strict';
const http = require('http');
const https = require('https');
const zlib = require('zlib');
/**
 * Sends Moment-shaped webhook deliveries (an HTTP POST with a JSON body) to a URL, e.g. the
 * Moment Trigger's webhook URL in n8n.
 *
 * Payloads: the invoice one exactly as Moment documents it ("Invoice is finalized"):
 *   {"event":"CREATE_NEW","invoice":{"id":..,"invoiceNumber":1,"customer":{"id","customerNumber"},"project":{"id","projectNumber"}}}
 * The others are undocumented; by analogy `{ "event": ..., "<payloadKey>": { "id", "<numberField>" } }`.
 * Source → payload key mirrors nodes/Moment/catalog (a test checks they agree). Moment documents
 * no headers, signature or secret: the optional token goes in the query (`?token=`), as the
 * trigger's shared-secret option expects.
 */

/** Event source (the trigger's "Event Source" value) → entity, payload key, number field. */
const WEBHOOK_SOURCES = {
	claim: { entity: 'claims', payloadKey: 'claim', numberField: 'claimNumber' },
	customer: { entity: 'customers', payloadKey: 'customer', numberField: 'customerNumber' },
	invoice: { entity: 'invoices', payloadKey: 'invoice', numberField: 'invoiceNumber' },
	offer: { entity: 'offers', payloadKey: 'offer', numberField: 'offerNumber' },
	offerDecision: { entity: 'offers', payloadKey: 'offer', numberField: 'offerNumber' },
	project: { entity: 'projects', payloadKey: 'project', numberField: 'projectNumber' },
};

/** The only documented `event` value (sent when an invoice is finalized). */
const DEFAULT_EVENT = 'CREATE_NEW';

/** Records used when no simulator is given: the ids and numbers of Moment's documented example. */
const SAMPLE_RECORDS = {
	invoices: {
		id: 106939080,
		invoiceNumber: 1,
		customer: { id: 62788973, customerNumber: '10001' },
		project: { id: 62788980, projectNumber: '1' },
	},
	customers: { id: 62788973, customerNumber: '10001' },
	projects: { id: 62788980, projectNumber: '1' },
	offers: { id: 62788990, offerNumber: 1001 },
	claims: { id: 62788995, claimNumber: 1 },
};

function sourceInfo(source) {
	const info = Object.prototype.hasOwnProperty.call(WEBHOOK_SOURCES, source) ? WEBHOOK_SOURCES[source] : undefined;
	if (!info) throw new Error(`Unknown webhook source '${source}'; use one of ${Object.keys(WEBHOOK_SOURCES).join(', ')}`);
	return info;
}

const link = (value, numberField) =>
	value && typeof value === 'object' ? { id: value.id, [numberField]: value[numberField] } : undefined;

/** The delivery body Moment would send for `record` (a stored or API record). */
function buildWebhookPayload(source, record, event = DEFAULT_EVENT) {
	const { payloadKey, numberField } = sourceInfo(source);
	const body = { id: record.id, [numberField]: record[numberField] };
	if (source === 'invoice') {
		body.customer = link(record.customer, 'customerNumber') ?? { id: record.customerId, customerNumber: record.customerNumber };
		body.project = link(record.project, 'projectNumber') ?? { id: record.projectId, projectNumber: record.projectNumber };
	}
	return { event, [payloadKey]: body };
}

/** Picks the record: given, from a simulator (handle or base URL), or the documented sample. */
async function resolveRecord(source, options) {
	const { entity } = sourceInfo(source);
	if (options.record) return options.record;
	const sim = options.simulator;
	if (sim && typeof sim === 'object' && typeof sim.data === 'function') {
		const companyCode = options.companyCode ?? sim.companyCode;
		if (options.id !== undefined) {
			const record = sim.record(entity, options.id, { companyCode });
			if (!record) throw new Error(`The simulator has no ${entity} record ${options.id}`);
			return record;
		}
		const [first] = sim.data(entity, { companyCode, limit: 1 });
		if (!first) throw new Error(`The simulator has no ${entity} records`);
		return first;
	}
	if (typeof sim === 'string' && sim !== '') {
		const base = sim.replace(/\/+$/, '');
		const company = options.companyCode ? `?company=${encodeURIComponent(options.companyCode)}` : '';
		const path = options.id !== undefined ? `${entity}/${encodeURIComponent(String(options.id))}` : entity;
		const response = await fetch(`${base}/__sim/data/${path}${company}`);
		const body = await response.json().catch(() => undefined);
		if (!response.ok || !body) throw new Error(`The simulator at ${base} answered ${response.status} for ${entity} ${options.id ?? ''}`.trim());
		if (options.id !== undefined) return body;
		if (!body.content || body.content.length === 0) throw new Error(`The simulator at ${base} has no ${entity} records`);
		return body.content[0];
	}
	const sample = { ...SAMPLE_RECORDS[entity] };
	if (options.id !== undefined) sample.id = Number(options.id);
	return sample;
}

/**
 * POSTs a delivery to `url`. Options: source (required), event, record | simulator (+ companyCode,
 * id), token (+ tokenParam, default "token"), headers (a header set to null is not sent:
 * `{ 'content-type': null }` sends no Content-Type), contentEncoding ('gzip' | 'deflate': the body
 * is compressed and the header set), body (raw override: object, string or Buffer, for negative
 * tests), timeoutMs. Resolves `{ status, body, headers, payload }` (`body` parsed as JSON when it
 * is JSON); rejects only when nothing answered.
 */
async function sendWebhook(url, options) {
	const source = options && options.source;
	let payload;
	if (options.body !== undefined) payload = options.body;
	else payload = buildWebhookPayload(source, await resolveRecord(source, options), options.event ?? DEFAULT_EVENT);
	const target = new URL(url);
	if (options.token !== undefined) target.searchParams.set(options.tokenParam ?? 'token', String(options.token));
	const headers = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...options.headers }).filter(([, value]) => value !== null && value !== undefined));
	let bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
	if (options.contentEncoding === 'gzip') bytes = zlib.gzipSync(bytes);
	else if (options.contentEncoding === 'deflate') bytes = zlib.deflateSync(bytes);
	else if (options.contentEncoding !== undefined) throw new Error(`contentEncoding ${options.contentEncoding}: use gzip or deflate`);
	if (options.contentEncoding !== undefined) headers['content-encoding'] = options.contentEncoding;
	const response = await post(target, headers, bytes, options.timeoutMs ?? 30000);
	const text = response.text;
	let body = text;
	try {
		body = text === '' ? '' : JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, body, headers: response.headers, payload };
}

/**
 * One POST on a connection of its own, closed afterwards, as a webhook sender delivers: never on a
 * kept-alive socket the receiver may be closing (fetch's pool reused one right after n8n restarted
 * and the delivery failed with "fetch failed" before n8n saw it). Rejects on network errors and
 * after `timeoutMs`.
 */
function post(target, headers, body, timeoutMs) {
	const client = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.request(target, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body), connection: 'close' }, timeout: timeoutMs }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', reject);
		});
		request.on('timeout', () => request.destroy(new Error(`no answer from ${target.origin} within ${timeoutMs} ms`)));
		request.on('error', (error) => reject(new Error(`delivery to ${target.origin}${target.pathname} failed: ${error.message}`, { cause: error })));
		request.end(body);
	});
}

module.exports = { sendWebhook, buildWebhookPayload, WEBHOOK_SOURCES, SAMPLE_RECORDS, DEFAULT_EVENT };
