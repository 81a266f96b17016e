/**
 * Security checks against the Moment simulator:
 * 1. The API key (raw, or inside the Basic auth header) and the trigger's Secret never show up in
 *    output items, error messages / descriptions / serialized errors, or logs, on success and
 *    failure paths (401, 404, 500 echoing the key, unreachable host, wrong token, failed fetch).
 * 2. Crafted ids, company codes and include items (`../`, `%2F`, `%2e%2e`, `?`, `#`, unicode, NUL,
 *    very long) never reach another path: the simulator's request log shows no request outside
 *    `/api/1.0/companies/<code>/<entity>[/<digits>][/include/...]`, and none at all for a crafted value.
 */
import fc from 'fast-check';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createWebhookContext, jsonRequest } from '../helpers/webhookContext';
import type { LogEntry } from '../helpers/webhookContext';
import type { SimRecord, Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';
import type { NodeRun } from '../helpers/momentNode';
import { getByItemId, itemsWithIds, returnAllInvoices, runMomentOnSimulator } from '../helpers/momentNode';

const API_KEY = 'dummy-sec-api-key-R4nd0mL00king';
const WRONG_KEY = 'dummy-wrong-key-Zq81xPw';
const SECRET = 'dummy-trigger-secret-M9s2Kd7';

/** Every form in which a secret could leak. */
const NEEDLES: Array<[string, string]> = [
	['API key', API_KEY],
	['API key in a Basic header', Buffer.from(`apikey:${API_KEY}`).toString('base64')],
	['wrong API key', WRONG_KEY],
	['wrong API key in a Basic header', Buffer.from(`apikey:${WRONG_KEY}`).toString('base64')],
	['trigger Secret', SECRET],
];

/** Paths a request may have: company, entity, optional id (digits), optional include suffix. */
const ALLOWED_PATH = /^\/api\/1\.0\/companies\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\/(?:invoices|projects|customers|offers|claims)(?:\/\d{1,19})?(?:\/include\/[A-Za-z][A-Za-z0-9_.]*(?:\+[A-Za-z][A-Za-z0-9_.]*)*)?$/;

let sim: Simulator;
let invoice: SimRecord;
const figures = { leakChecks: 0, surfaces: 0, craftedValues: 0, generatedValues: 0, requestsAudited: 0 };

beforeAll(async () => {
	sim = await startSimulator({ apiKey: API_KEY, rateLimit: false, latencyMs: 0 });
	invoice = sim.data('invoices', { include: 'base' })[3];
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.clearFaults();
	sim.clearLog();
	resetRateLimits();
});
afterEach(() => {
	const requests = sim.log();
	figures.requestsAudited += requests.length;
	// Whatever a test did, no request ever left the allowed shape.
	expect(requests.filter((entry) => !ALLOWED_PATH.test(entry.path)).map((entry) => entry.path)).toEqual([]);
});

const credentials = (overrides: IDataObject = {}) => ({ baseUrl: sim.url, companyCode: sim.companyCode, apiKey: API_KEY, ...overrides });

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** Everything a user, a log or an Error Workflow can see of an error. */
function errorSurfaces(error: unknown): Record<string, string> {
	if (!(error instanceof Error)) return {};
	const e = error as Error & { description?: unknown; context?: unknown; cause?: unknown; node?: unknown; errorResponse?: unknown; messages?: unknown };
	return {
		message: e.message,
		description: text(e.description ?? ''),
		stack: String(e.stack),
		serialized: text(e),
		context: text(e.context ?? null),
		cause: text(e.cause ?? null),
		node: text(e.node ?? null),
		errorResponse: text(e.errorResponse ?? null),
		messages: text(e.messages ?? null),
	};
}

function expectNoSecrets(surfaces: Record<string, string>): void {
	for (const [surface, content] of Object.entries(surfaces)) {
		figures.surfaces++;
		for (const [what, needle] of NEEDLES) {
			figures.leakChecks++;
			if (content.includes(needle)) throw new Error(`the ${what} appears in ${surface}: ${content.slice(0, 300)}`);
		}
	}
}

function nodeSurfaces(run: NodeRun): Record<string, string> {
	return { items: text(run.items ?? []), logs: run.logs.join('\n'), ...errorSurfaces(run.error) };
}

describe('the API key never appears in items, errors or logs of the Moment node', () => {
	const get = () => getByItemId([invoice.id]);
	const cases: Array<[string, () => Promise<NodeRun>, 'items' | 'error']> = [
		['Get (success)', () => runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]) }), 'items'],
		['Return All (success)', () => runMomentOnSimulator(sim, { parameters: returnAllInvoices }), 'items'],
		['401: wrong API key (Get)', () => runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]), credentials: credentials({ apiKey: WRONG_KEY }) }), 'error'],
		['401: wrong API key (Return All, Continue On Fail)', () => runMomentOnSimulator(sim, { parameters: returnAllInvoices, credentials: credentials({ apiKey: WRONG_KEY }), continueOnFail: true }), 'items'],
		['404: unknown id', () => runMomentOnSimulator(sim, { parameters: getByItemId([999999999999]) }), 'error'],
		['404: unknown company', () => runMomentOnSimulator(sim, { parameters: returnAllInvoices, credentials: credentials({ companyCode: 'nosuchcompany' }) }), 'error'],
		['unreachable host', () => runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]), credentials: credentials({ baseUrl: 'http://127.0.0.1:1' }) }), 'error'],
	];

	it.each(cases)('%s', async (_name, run, expected) => {
		const result = await run();
		expect(expected === 'items' ? result.items : result.error).toBeDefined();
		expectNoSecrets(nodeSurfaces(result));
	});

	it('500 whose body echoes the key and the Authorization header: the echo is scrubbed from the error', async () => {
		const basic = Buffer.from(`apikey:${API_KEY}`).toString('base64');
		sim.setFaults({ status: 500, message: `Internal error for key ${API_KEY} (Authorization: Basic ${basic})` });
		const result = await runMomentOnSimulator(sim, { parameters: get() });
		expect(result.error?.message).toMatch(/^Moment answered 500/);
		expect(String(result.error?.description)).toContain('Moment said: Internal error for key [redacted]');
		expectNoSecrets(nodeSurfaces(result));
	});

	it('unreachable host, with Continue On Fail: the error item holds no key', async () => {
		const result = await runMomentOnSimulator(sim, { parameters: get(), continueOnFail: true, credentials: credentials({ baseUrl: 'http://127.0.0.1:1' }) });
		expect(result.items?.[0].json.error).toMatch(/Could not reach Moment/);
		expectNoSecrets(nodeSurfaces(result));
	});
});

describe('the trigger Secret and the API key never appear in answers, items, errors or logs of the Moment Trigger', () => {
	const trigger = new MomentTrigger();

	async function deliver(query: IDataObject, parameters: IDataObject = {}, credentialOverrides: IDataObject = {}, id: number = invoice.id, typeVersion = 1) {
		const context = createWebhookContext({
			request: jsonRequest({ event: 'CREATE_NEW', invoice: { id, invoiceNumber: 7 } }, query),
			parameters:
				typeVersion === 1
					? { eventSource: 'invoice', secret: SECRET, events: '', fetchFullRecord: true, include: '', ...parameters }
					: { eventSource: 'invoice', authentication: 'secretToken', fetchFullRecord: true, options: {}, ...parameters },
			credentials: credentials(credentialOverrides),
			typeVersion,
			webhookSecret: typeVersion === 1 ? undefined : SECRET,
		});
		let result: IWebhookResponseData | undefined;
		let error: unknown;
		try {
			result = await trigger.webhook.call(context.ctx);
		} catch (thrown) {
			error = thrown;
		}
		const surfaces = {
			answer: text(context.response.body ?? null),
			webhookResponse: text(result?.webhookResponse ?? null),
			items: text(result?.workflowData ?? []),
			logs: context.logs.map((entry: LogEntry) => `${entry.level} ${entry.message}`).join('\n'),
			...errorSurfaces(error),
		};
		return { result, error, status: context.response.statusCode, surfaces, node: context.node };
	}

	it.each([
		['wrong token', { token: 'dummy-trigger-secret-M9s2Kd' }],
		['missing token', {}],
		['token given twice', { token: [SECRET, 'x'] }],
	])('%s: 401, nothing fetched, the Secret revealed nowhere', async (_name, query) => {
		const outcome = await deliver(query as IDataObject);
		expect(outcome.status).toBe(401);
		expect(sim.log()).toEqual([]);
		expectNoSecrets(outcome.surfaces);
	});

	it.each([
		['wrong token', { token: 'dummy-trigger-secret-M9s2Kd' }, 401],
		['right token, record fetched', { token: SECRET }, undefined],
	])('version 2 (%s): the credential\'s secret appears nowhere, and the node holds none', async (_name, query, status) => {
		const outcome = await deliver(query, {}, {}, invoice.id, 2);
		expect(outcome.status).toBe(status);
		expectNoSecrets({ ...outcome.surfaces, node: text(outcome.node) });
	});

	it('version 2, failed fetch: the error names the delivery; neither it nor its node holds the secret', async () => {
		const outcome = await deliver({ token: SECRET }, {}, {}, 999999999, 2);
		expect((outcome.error as Error).message).toMatch(/^Could not fetch the full invoice/);
		expectNoSecrets(outcome.surfaces);
	});

	it('right token, full record fetched: the item holds the record and no secret', async () => {
		const outcome = await deliver({ token: SECRET });
		expect(outcome.result?.workflowData?.[0][0].json.record).toEqual(invoice);
		expectNoSecrets(outcome.surfaces);
	});

	it.each([
		['404: the invoice does not exist', () => ({ id: 999999999 })],
		['401: wrong API key', () => ({ credentials: { apiKey: WRONG_KEY } })],
		['500 echoing the key', () => ({ fault: true })],
		['unreachable host', () => ({ credentials: { baseUrl: 'http://127.0.0.1:1' } })],
	])('failed fetch (%s): the error names the delivery, its node has the Secret redacted, no key or Secret anywhere', async (_name, setup) => {
		const options = setup() as { id?: number; credentials?: IDataObject; fault?: boolean };
		if (options.fault) sim.setFaults({ status: 500, message: `boom ${API_KEY} Basic ${Buffer.from(`apikey:${API_KEY}`).toString('base64')}` });
		const outcome = await deliver({ token: SECRET }, {}, options.credentials ?? {}, options.id ?? invoice.id);
		expect((outcome.error as Error).message).toMatch(/^Could not fetch the full invoice/);
		expect((outcome.error as { node: { parameters: IDataObject } }).node.parameters.secret).toBe('[redacted]');
		expectNoSecrets(outcome.surfaces);
	});
});

const newTrigger = () => new MomentTrigger();

/** Values aimed at escaping a path segment. */
const CRAFTED = [
	'../1', '..', '.', '1/../2', '1/..', '/1', '1/', '1//2', '%2F', '1%2F2', '%2f..%2f1', '%2e%2e', '%2e%2e%2f1', '%252F', '..%2F..%2Finvoices',
	'1?x=1', '1?', '?', '1#frag', '#', '1;2', '1\\2', '1%00', '%00', '1\u0000', '\u00001', '12\n3', '1 2', '1\t2', '\u202e1', '１２３', '٣', '1²',
	'-1', '0x1F', '1e3', '1.0', '+1', 'é', '💥', 'null', 'undefined', '[object Object]', '1/include/base', 'invoices', '9'.repeat(20), '9'.repeat(5000), '', ' ',
];
const CRAFTED_COMPANIES = [
	...CRAFTED.filter((value) => /[^A-Za-z0-9_-]/.test(value) && !['1.0', '9'.repeat(5000)].includes(value)),
	...['acme/..', 'acme/../other', '../acme', 'acme%2Fother', 'acme?x=1', 'acme#x', 'ac me', 'acme/', 'åcme', 'acme\u0000', 'acme..other', '.acme', 'acme.', 'acme/invoices/1'],
];
/** Odd but harmless company codes: a request may be made, but only to that company's own path. */
const ODD_COMPANIES = ['-1', '1.0', 'null', 'invoices', 'a.b', '_', 'a'.repeat(300)];
const CRAFTED_INCLUDES = ['../x', 'base/../../x', 'base%2F', 'base?x=1', 'base#x', '..', 'a..b', '.a', 'base/email', 'é', '\u0000', '1base', 'base;email'];

describe('crafted ids, company codes and include items never reach another path', () => {
	it(`${CRAFTED.length} crafted ids (and non-text values) for Get, Update and Delete: an error per item, not one request`, async () => {
		const odd: unknown[] = [...CRAFTED, { a: 1 }, [1], true, null, 1.5, -1, -0.5, NaN, Infinity, 1e21, 2 ** 64];
		figures.craftedValues += odd.length;
		const ids = odd as Array<string | number>;
		for (const [operation, resource, extra] of [
			['get', 'invoice', {}],
			['update', 'customer', { updateFields: { name: 'x' }, otherFieldsJson: '{}' }],
			['delete', 'customer', {}],
		] as const) {
			const run = await runMomentOnSimulator(sim, {
				parameters: (i: number) => ({ resource, operation, id: { __rl: true, mode: 'id', value: ids[i] }, options: {}, ...extra }),
				items: itemsWithIds(odd.map(String)),
				continueOnFail: true,
			});
			expect(run.items).toHaveLength(odd.length);
			for (const item of run.items ?? []) expect(String(item.json.error)).toMatch(/ID [\s\S]* is not valid/);
		}
		expect(sim.log()).toEqual([]);
	});

	it(`${CRAFTED_COMPANIES.length} crafted company codes: a clear error, not one request`, async () => {
		figures.craftedValues += CRAFTED_COMPANIES.length;
		for (const companyCode of CRAFTED_COMPANIES) {
			const run = await runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]), credentials: credentials({ companyCode }) });
			expect(run.error?.message).toMatch(/Company Code [\s\S]* is not valid/);
		}
		expect(sim.log()).toEqual([]);
	});

	it(`${ODD_COMPANIES.length} odd but well-formed company codes ("-1", "1.0", 300 letters...): requests stay in that company's path`, async () => {
		figures.craftedValues += ODD_COMPANIES.length;
		for (const companyCode of ODD_COMPANIES) {
			const run = await runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]), credentials: credentials({ companyCode }) });
			expect(run.error?.message).toMatch(/not found in company/);
		}
		expect(sim.log().map((entry) => entry.path)).toEqual(ODD_COMPANIES.map((code) => `/api/1.0/companies/${code}/invoices/${invoice.id}`));
	});

	it(`${CRAFTED_INCLUDES.length} crafted include items, in the node and in the trigger: a clear error, not one request`, async () => {
		figures.craftedValues += 2 * CRAFTED_INCLUDES.length;
		for (const include of CRAFTED_INCLUDES) {
			const run = await runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id], { include }) });
			expect(run.error?.message).toMatch(/Include item [\s\S]* is not valid/);
			const context = createWebhookContext({
				request: jsonRequest({ event: 'CREATE_NEW', invoice: { id: invoice.id } }),
				parameters: { eventSource: 'invoice', fetchFullRecord: true, include },
				credentials: credentials(),
			});
			await expect(newTrigger().webhook.call(context.ctx)).rejects.toThrow(/^Could not fetch the full invoice/);
		}
		expect(sim.log()).toEqual([]);
	});

	it(`${CRAFTED.length} crafted ids in Moment's webhook payload: refused with 400, nothing fetched`, async () => {
		figures.craftedValues += CRAFTED.length;
		for (const id of CRAFTED) {
			const context = createWebhookContext({
				request: jsonRequest({ event: 'CREATE_NEW', invoice: { id } }),
				parameters: { eventSource: 'invoice', fetchFullRecord: true, include: '' },
				credentials: credentials(),
			});
			await newTrigger().webhook.call(context.ctx);
			expect([id, context.response.statusCode]).toEqual([id, 400]);
		}
		expect(sim.log()).toEqual([]);
	});

	it('300 generated ids and 300 company codes (unicode, path characters, digits): any request made is exactly the expected path', async () => {
		const fragment = fc.constantFrom('/', '..', '%2F', '%2e', '?', '#', '\u0000', ' ', '.', '-', '_', 'é', '١', '💥', '\\', ';');
		const idArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 25 }), fc.array(fc.oneof(fc.stringMatching(/^\d{1,6}$/), fragment), { maxLength: 5 }).map((parts) => parts.join('')));
		const codeArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 25 }), fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,6}$/), fragment), { maxLength: 5 }).map((parts) => parts.join('')));
		await fc.assert(
			fc.asyncProperty(idArb, codeArb, async (id, companyCode) => {
				figures.generatedValues += 2;
				await runMomentOnSimulator(sim, { parameters: getByItemId([id]), continueOnFail: true });
				await runMomentOnSimulator(sim, { parameters: getByItemId([invoice.id]), credentials: credentials({ companyCode }), continueOnFail: true });
				const [idRequest, codeRequest] = [sim.log().filter((e) => e.company === sim.companyCode && e.path !== `/api/1.0/companies/${sim.companyCode}/invoices/${invoice.id}`), sim.log().filter((e) => e.company !== sim.companyCode)];
				for (const entry of idRequest) expect(entry.path).toBe(`/api/1.0/companies/${sim.companyCode}/invoices/${String(id).trim()}`);
				for (const entry of codeRequest) expect(entry.path).toBe(`/api/1.0/companies/${companyCode.trim()}/invoices/${invoice.id}`);
				for (const entry of sim.log()) expect(entry.path).toMatch(ALLOWED_PATH);
				figures.requestsAudited += sim.log().length;
				sim.clearLog();
			}),
			{ numRuns: 300 },
		);
		// 600 node runs, some of them paced requests: more than the default 20 s on a loaded machine
	}, 60000);
});

describe('figures', () => {
	it('the leak check finds each secret it looks for, wherever it is in a surface', () => {
		const counted = { ...figures };
		for (const [what, needle] of NEEDLES) {
			for (const content of [needle, `Moment said: ${needle}.`, JSON.stringify({ headers: { authorization: `Basic ${needle}` } })]) {
				expect(() => expectNoSecrets({ clean: 'nothing here', description: content })).toThrow(`the ${what} appears in description`);
			}
		}
		expect(() => expectNoSecrets({ message: 'no secret', items: '[]' })).not.toThrow();
		Object.assign(figures, counted); // the control's checks are not part of the figures below
	});

	it('ran every leak check and crafted value, and audited the path of every request made', () => {
		expect(figures.leakChecks).toBeGreaterThan(500);
		expect(figures.craftedValues).toBe(CRAFTED.length + 11 + CRAFTED_COMPANIES.length + ODD_COMPANIES.length + 2 * CRAFTED_INCLUDES.length + CRAFTED.length);
		expect(figures.generatedValues).toBe(600);
		expect(figures.requestsAudited).toBeGreaterThan(0);
	});
});
