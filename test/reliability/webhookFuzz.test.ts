/**
 * Fuzzing the Moment Trigger's webhook() end to end: generated requests (valid bodies, any JSON
 * object, bodies that are not JSON objects, broken invoices, other types' payloads; sent with eight
 * Content-Types or none, each read as n8n 2.41.3 or 1.123.81 reads it for the node's typeVersion
 * (n8nHandling in test/helpers/webhookContext.ts, which mirrors n8n's parseRequestBody and
 * body-parser.ts); right / wrong / missing / repeated tokens, and unusable secrets, from the
 * version 1 Secret parameter or the version 2 credential; event filters; Fetch Full Record against
 * the Moment simulator) through the fake webhook context n8n's own trigger tests use. What n8n
 * relies on: webhook() answers every request (the only exception is the documented "Could not
 * fetch the full ..." error), never hands n8n workflow data for a refused request, always sets a
 * status, fetches nothing for a request it refuses, and passes every JSON object sent to an
 * undocumented source on untouched, whatever its Content-Type.
 */
import fc from 'fast-check';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import type { Delivery, TriggerSource } from '../../nodes/Moment/trigger/payload';
import { normalizeEventFilter, parseDelivery } from '../../nodes/Moment/trigger/payload';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import type { N8nVersion, WebhookRequest } from '../helpers/webhookContext';
import { createWebhookContext, n8nHandling, textRequest } from '../helpers/webhookContext';
import { credentialsFor } from '../simulator/httpClient';
import type { EntityName, SimRecord, Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';
import { anyObjectBodyArb, invalidBodyArb, otherSourceDeliveryArb, sourceArb, undocumentedSourceArb, validDeliveryArb } from './arbitraries';

const RUNS = 600;
const SECRET = 'dummy-fuzz-secret-Q7v2Lr9X';
const trigger = new MomentTrigger();

let sim: Simulator;
const figures = { cases: 0, workflows: 0, flagged: 0, refused401: 0, refused400: 0, ignored200: 0, fetched: 0, fetchFailures: 0, version2: 0, n8nAnswered: 0, unreadByN8n: 0, unusableSecret: 0 };

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, latencyMs: 0 });
});
afterAll(async () => {
	await sim.close();
});

type Kind = 'valid' | 'invalid' | 'otherSource' | 'anyObject';

/** Content types a sender may use; n8n reads each differently (n8nHandling in webhookContext.ts). */
const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'text/plain',
	'text/plain; charset=UTF-8',
	'application/x-www-form-urlencoded',
	'application/octet-stream',
	'application/vnd.moment+json',
	'none',
] as const;

/** Secrets that must refuse every call (they are set, so the user chose a secret). */
const UNUSABLE = ['   ', 'tooShort9', 'has space inside it 123'];

interface Case {
	kind: Kind;
	/** 1 and 1.1: the Secret parameter (n8n reads every body of a typeVersion 1 start node, only some of 1.1); 2: the secret in a Moment Webhook API credential, settings under Options. */
	typeVersion: 1 | 1.1 | 2;
	/** Whose body parsing the request goes through. */
	n8n: N8nVersion;
	source: TriggerSource;
	body: unknown;
	/** The Content-Type sent ('none': no header). */
	contentType: (typeof CONTENT_TYPES)[number];
	secret: string;
	token: unknown;
	filter: string;
	fetchFullRecord: boolean;
	/** Index into the simulator's records, to fetch an id that exists (else the generated id). */
	existing: number | null;
}

const tokenArb = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<unknown>(SECRET) },
	{ weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, '', `${SECRET} `, SECRET.toUpperCase(), 'wrong', [SECRET, SECRET], { token: SECRET }, SECRET.slice(0, -1)) },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
	delivery: fc.oneof(
		{ weight: 3, arbitrary: validDeliveryArb.map((d) => ({ kind: 'valid' as const, source: d.source, body: { ...d.body, event: 'CREATE_NEW' } as unknown })) },
		{ weight: 2, arbitrary: fc.tuple(invalidBodyArb, sourceArb).map(([b, s]) => ({ kind: 'invalid' as const, source: b.source ?? s, body: b.body })) },
		{ weight: 1, arbitrary: otherSourceDeliveryArb.map(([d, target]) => ({ kind: 'otherSource' as const, source: target, body: d.body as unknown })) },
		{ weight: 2, arbitrary: fc.tuple(anyObjectBodyArb, undocumentedSourceArb).map(([b, s]) => ({ kind: 'anyObject' as const, source: s, body: b as unknown })) },
	),
	typeVersion: fc.constantFrom<Case['typeVersion']>(1, 1.1, 2),
	n8n: fc.constantFrom<N8nVersion>('2.41.3', '1.123.81'),
	contentType: fc.constantFrom<Case['contentType']>(...CONTENT_TYPES),
	secret: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', SECRET) }, { weight: 1, arbitrary: fc.constantFrom(...UNUSABLE) }),
	token: tokenArb,
	filter: fc.constantFrom('', 'CREATE_NEW', 'create_new, UPDATE', 'UPDATE'),
	fetchFullRecord: fc.boolean(),
	existing: fc.option(fc.nat({ max: 19 }), { nil: null }),
}).map(({ delivery, ...rest }) => ({ ...delivery, ...rest }));

/** The request as sent: the body (JSON-encoded when it is not text or bytes already) with the case's Content-Type. */
function requestFor(c: Case, query: IDataObject): WebhookRequest {
	const { body } = c;
	if (body === undefined) return { query, headers: c.contentType === 'none' ? {} : { 'content-type': c.contentType } };
	const raw = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(JSON.stringify(body), 'utf8');
	return textRequest(raw, c.contentType === 'none' ? undefined : c.contentType, query);
}

function withExistingId(c: Case): { body: unknown; record?: SimRecord } {
	if (c.kind !== 'valid' || c.existing === null) return { body: c.body };
	const records = sim.data(c.source.resource.apiPath as EntityName, { include: 'base' });
	const record = records[c.existing % records.length];
	const body = c.body as IDataObject;
	return { body: { ...body, [c.source.payloadKey]: { ...(body[c.source.payloadKey] as IDataObject), id: record.id } }, record };
}

/** An empty secret is no secret (nothing checked); a set one that is unusable lets nothing in. */
function tokenAccepted(secret: string, token: unknown): boolean {
	return secret === '' || (secret === SECRET && token === SECRET);
}

describe('webhook() under generated requests', () => {
	it(`answers ${RUNS} generated requests (bodies x content types x n8n 2.41.3 / 1.123.81 body parsing x tokens and unusable secrets x filters x Fetch Full Record x node versions 1, 1.1 and 2): never throws except the documented fetch failure, never runs a refused request`, async () => {
		await fc.assert(
			fc.asyncProperty(caseArb, async (generated) => {
				figures.cases++;
				resetRateLimits();
				const { body, record } = withExistingId(generated);
				const c = { ...generated, body };
				const query: IDataObject = c.token === undefined ? {} : { token: c.token as IDataObject[string] };
				const parameters =
					c.typeVersion < 2
						? { eventSource: c.source.value, secret: c.secret, events: c.filter, fetchFullRecord: c.fetchFullRecord, include: '' }
						: { eventSource: c.source.value, authentication: c.secret === '' ? 'none' : 'secretToken', fetchFullRecord: c.fetchFullRecord, options: { events: c.filter, include: '' } };
				if (c.typeVersion === 2) figures.version2++;
				const request = requestFor(c, query);
				const n8nAnswer = n8nHandling(request, c.typeVersion, c.n8n);
				if ('n8nAnswers' in n8nAnswer) {
					// n8n answers before the node runs: only a body n8n fails to parse as JSON (422)
					expect(n8nAnswer.n8nAnswers).toBe(422);
					expect(c.contentType.startsWith('application/json')).toBe(true);
					figures.n8nAnswered++;
					return;
				}
				const context = createWebhookContext({
					request,
					parameters,
					credentials: credentialsFor(sim),
					typeVersion: c.typeVersion,
					n8n: c.n8n,
					webhookSecret: c.typeVersion === 2 && c.secret !== '' ? c.secret : undefined,
				});
				const logBefore = sim.log().length;
				if (!('n8nAnswers' in n8nAnswer) && n8nAnswer.unread !== undefined) figures.unreadByN8n++;
				if (UNUSABLE.includes(c.secret)) figures.unusableSecret++;

				let result: IWebhookResponseData | undefined;
				let thrown: unknown;
				try {
					result = await trigger.webhook.call(context.ctx);
				} catch (error) {
					thrown = error;
				}
				const requests = sim.log().slice(logBefore);
				const secretSeen = JSON.stringify([context.logs, context.response.body ?? null, result?.webhookResponse ?? null]).includes(SECRET);
				expect(secretSeen).toBe(false);

				const verdict = c.kind === 'anyObject' ? parseDelivery(c.body, { source: c.source, events: normalizeEventFilter(c.filter) }).kind : undefined;
				const runs = tokenAccepted(c.secret, c.token) && (c.kind === 'valid' ? c.filter !== 'UPDATE' : verdict === 'accepted');
				if (!runs) {
					// Refused or ignored: answered by the node, no workflow data, nothing fetched.
					expect(thrown).toBeUndefined();
					expect(result).toEqual({ noWebhookResponse: true });
					expect(requests).toEqual([]);
					const answer = context.response.body as IDataObject;
					const status = context.response.statusCode;
					const expected = !tokenAccepted(c.secret, c.token) ? 401 : c.kind === 'invalid' ? 400 : 200;
					expect(status).toBe(expected);
					// a JSON object sent to an undocumented source is never refused for its shape
					if (c.kind === 'anyObject') expect(status).not.toBe(400);
					const reason = String(answer.message ?? answer.reason ?? '');
					expect(reason.trim()).not.toBe('');
					if (status === 401) figures.refused401++;
					else if (status === 400) figures.refused400++;
					else figures.ignored200++;
					return;
				}

				// Accepted: n8n answers 200 with webhookResponse and runs the workflow with one item.
				expect(context.response.statusCode).toBeUndefined();
				const recognized = parseDelivery(c.body, { source: c.source }).kind === 'accepted' && (parseDelivery(c.body, { source: c.source }) as Delivery).recognized;
				if (c.fetchFullRecord && !recognized) {
					// no id to fetch: fails loudly with the delivery, without a request
					figures.fetchFailures++;
					expect(requests).toEqual([]);
					expect(result).toBeUndefined();
					expect((thrown as Error).message).toMatch(/^Could not fetch the full .* without an id/);
					expect(JSON.stringify((thrown as { context: { delivery: IDataObject } }).context.delivery.payload)).toBe(JSON.stringify(c.body));
					return;
				}
				if (c.fetchFullRecord) {
					figures.fetched++;
					expect(requests).toHaveLength(1);
					expect(requests[0].path).toMatch(new RegExp(`^/api/1\\.0/companies/${sim.companyCode}/${c.source.resource.apiPath}/\\d{1,19}$`));
					if (record === undefined && requests[0].status !== 200) {
						figures.fetchFailures++;
						expect(result).toBeUndefined();
						expect((thrown as Error).message).toMatch(/^Could not fetch the full /);
						return;
					}
				} else {
					expect(requests).toEqual([]);
				}
				expect(thrown).toBeUndefined();
				figures.workflows++;
				expect(result?.webhookResponse).toMatchObject({ received: true, source: c.source.value });
				const items = result?.workflowData?.[0] ?? [];
				expect(items).toHaveLength(1);
				const json = items[0].json;
				expect(JSON.stringify(json.payload)).toBe(JSON.stringify(c.body));
				expect(json.recognized).toBe(recognized);
				if (!recognized) figures.flagged++;
				if (c.fetchFullRecord && record) expect(json.record).toEqual(record);
			}),
			{ numRuns: RUNS },
		);
		// 600 webhook() calls, many fetching from the simulator: ~10 s on a quiet run, over jest's 20 s
		// when the shared machine's load is near 30 (as security.test.ts allows its 600 cases)
	}, 60000);

	it(`figures: ${RUNS} requests, each answered with a status (401 / 400 / 200 ignored) or one workflow item`, () => {
		expect(figures.cases).toBe(RUNS);
		expect(figures.workflows + figures.fetchFailures + figures.refused401 + figures.refused400 + figures.ignored200 + figures.n8nAnswered).toBe(RUNS);
		// The generator reaches every outcome, in both node versions, bodies n8n left unread and unusable secrets.
		for (const key of ['workflows', 'flagged', 'refused401', 'refused400', 'ignored200', 'fetched', 'fetchFailures', 'version2', 'n8nAnswered', 'unreadByN8n', 'unusableSecret'] as const) {
			expect(figures[key]).toBeGreaterThan(0);
		}
	});
});
