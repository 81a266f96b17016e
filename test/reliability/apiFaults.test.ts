/**
 * API fault injection through the Moment simulator, driven through the real action node (router,
 * operation, transport, n8n's HTTP client): 429 with and without Retry-After, 500 / 502 / 503 / 504,
 * connection resets, truncated JSON (three ways), slow answers and Moment's own rate limit, during
 * Return All (2,345 invoices, 5 pages) and Get (60 items). Every run ends in exactly the
 * simulator's records (same order, no duplicates, no gaps) or in a clear n8n error with no output:
 * never a silently short list. Every retry wait the node asks for is checked against its policy
 * (Retry-After when Moment sends one, else backoff within the policy's bounds); the waits are
 * recorded, not spent (test/helpers/retryWaits.ts), except against the simulator's own rate limit,
 * which counts real seconds.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../nodes/Moment/transport/retry';
import { checkEqual } from '../helpers/check';
import { retryWaits, spendRetryWaitsForReal } from '../helpers/retryWaits';
import type { FaultRule, SimRecord, Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';
import type { NodeRun } from '../helpers/momentNode';
import { getByItemId, itemsWithIds, returnAllInvoices, runMomentOnSimulator } from '../helpers/momentNode';

jest.setTimeout(60000);

const INVOICES = 2345;
const GET_ITEMS = 60;
const TRANSIENT_ATTEMPTS = 1 + DEFAULT_RETRY_POLICY.maxTransientRetries;

interface Scenario {
	name: string;
	faults: FaultRule[];
	/** `exact`: the output equals the simulator's records; otherwise the error message expected. */
	outcome: 'exact' | RegExp;
}

/** Return All: page requests carry `page=N&size=500`. */
const page = (n: number) => `page=${n}&`;

const RETURN_ALL: Scenario[] = [
	{ name: '429 twice, no Retry-After (as Moment)', faults: [{ status: 429, count: 2 }], outcome: 'exact' },
	{ name: '429 with Retry-After: 1 and Retry-After: 0', faults: [{ status: 429, count: 1, retryAfter: 1, path: page(2) }, { status: 429, count: 2, retryAfter: 0, path: page(3) }], outcome: 'exact' },
	{ name: '502, 503 and 504 on different pages', faults: [{ status: 502, path: page(0) }, { status: 503, count: 2, path: page(1) }, { status: 504, path: page(4) }], outcome: 'exact' },
	{ name: 'connection reset on the first and the last page', faults: [{ type: 'reset', path: page(0) }, { type: 'reset', count: 2, path: page(4) }], outcome: 'exact' },
	{ name: 'truncated JSON three ways (Content-Length then close, chunked then close, short body)', faults: [{ type: 'truncate', mode: 'content-length', path: page(1) }, { type: 'truncate', mode: 'close', path: page(2) }, { type: 'truncate', mode: 'short', path: page(4) }], outcome: 'exact' },
	{ name: 'slow answers (1 s) on two pages', faults: [{ type: 'slow', delayMs: 1000, count: 2, skip: 1 }], outcome: 'exact' },
	{
		name: 'a different fault on every page (slow, 503, reset, short JSON, 429)',
		faults: [{ type: 'slow', delayMs: 500, path: page(0) }, { status: 503, path: page(1) }, { type: 'reset', path: page(2) }, { type: 'truncate', mode: 'short', path: page(3) }, { status: 429, path: page(4) }],
		outcome: 'exact',
	},
	{ name: '500 on page 3 (not retried)', faults: [{ status: 500, path: page(3) }], outcome: /^Moment answered 500 for invoices$/ },
	{ name: `503 on every attempt at page 2 (${TRANSIENT_ATTEMPTS} attempts)`, faults: [{ status: 503, count: TRANSIENT_ATTEMPTS, path: page(2) }], outcome: new RegExp(`^Moment answered 503 for invoices after ${TRANSIENT_ATTEMPTS} attempts$`) },
	{ name: '429 with a Retry-After beyond the 60 s the node waits', faults: [{ status: 429, retryAfter: 120, path: page(1) }], outcome: /^Moment asked to wait 120 s before the next request \(429\), longer than the node waits/ },
];

const GET: Scenario[] = [
	{ name: '429 on every 7th request, no Retry-After', faults: [{ status: 429, every: 7, count: 8 }], outcome: 'exact' },
	{ name: '503 every 9th and a reset every 11th request', faults: [{ status: 503, every: 9, count: 6 }, { type: 'reset', every: 11, count: 5 }], outcome: 'exact' },
	{ name: 'truncated JSON (short and content-length) and slow answers (1 s)', faults: [{ type: 'truncate', mode: 'short', count: 2, skip: 10 }, { type: 'truncate', mode: 'content-length', count: 1, skip: 30 }, { type: 'slow', delayMs: 1000, count: 3, skip: 5 }], outcome: 'exact' },
];

/** Faults the plan injects, per kind (the simulator counts them; checked at the end). */
function plannedFaults(): Record<string, number> {
	const byType: Record<string, number> = {};
	for (const scenario of [...RETURN_ALL, ...GET]) {
		for (const rule of scenario.faults) {
			const key = rule.type === undefined || rule.type === 'status' ? `status${(rule as { status: number }).status}` : rule.type;
			byType[key] = (byType[key] ?? 0) + (rule.count ?? 1);
		}
	}
	// The Get test with a 500 for one id (run twice: failing, then with Continue On Fail).
	byType.status500 += 2;
	return byType;
}
const PLANNED = plannedFaults();
const PLANNED_TOTAL = Object.values(PLANNED).reduce((sum, n) => sum + n, 0);
const PLANNED_RECORDS =
	RETURN_ALL.filter((s) => s.outcome === 'exact').length * INVOICES + GET.filter((s) => s.outcome === 'exact').length * GET_ITEMS + 2 * (GET_ITEMS - 1) + 30;

let sim: Simulator;
let invoices: SimRecord[];
const figures = { recordsCompared: 0, rateLimited429: 0, requests: 0, errors: 0 };

beforeAll(async () => {
	sim = await startSimulator({ counts: { invoices: INVOICES }, rateLimit: false, latencyMs: 0 });
	invoices = sim.data('invoices', { include: 'base' });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.clearFaults();
	sim.clearLog();
	sim.settings({ rateLimit: false, latencyMs: 0 });
});
afterEach(() => {
	figures.requests += sim.log().length;
});

function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** Requests of the current test answered with an injected failure (a slow answer is no failure). */
function failedRequests(): number {
	return sim.log().filter((entry) => entry.fault !== undefined && entry.fault !== 'slow').length;
}

/**
 * One wait per retried fault, each the fault's Retry-After (ms) or a backoff within the policy:
 * at least half the base delay, at most the policy's ceiling.
 */
function expectPolicyWaits(scenario: Scenario, retried: number): void {
	const retryAfters = scenario.faults.flatMap((rule) => ('retryAfter' in rule && rule.retryAfter !== undefined ? [Number(rule.retryAfter) * 1000] : []));
	const waits = retryWaits();
	expect(waits).toHaveLength(retried);
	for (const wait of waits) {
		const backoff = wait >= DEFAULT_RETRY_POLICY.baseDelayMs / 2 && wait <= DEFAULT_RETRY_POLICY.maxDelayMs;
		expect(backoff || retryAfters.includes(wait)).toBe(true);
	}
	for (const retryAfter of retryAfters.filter((ms) => ms <= DEFAULT_RETRY_POLICY.maxRetryAfterMs)) expect(waits).toContain(retryAfter);
}

/** Exactly `truth`, in order, each item paired with the input item it came from. */
function expectExact(run: NodeRun, truth: SimRecord[], pairedWith: (index: number) => number): void {
	if (run.error) throw new Error(`expected the records, got the error "${run.error.message}"`);
	const items = run.items ?? [];
	expect(items).toHaveLength(truth.length);
	// JSON comparison: jest's deep equality is slow on thousands of records.
	expect(JSON.stringify(jsonOf(items))).toBe(JSON.stringify(truth));
	expect(new Set(items.map((item) => item.json.id)).size).toBe(truth.length);
	// one comparison, not one `expect` per item (thousands of items)
	checkEqual(items.map((item) => item.pairedItem), items.map((_item, index) => ({ item: pairedWith(index) })), 'pairedItem of every item');
	figures.recordsCompared += truth.length;
}

/** A NodeApiError the user can act on, and no output at all. */
function expectClearError(run: NodeRun, message: RegExp): NodeApiError {
	expect(run.items).toBeUndefined();
	expect(run.error).toBeInstanceOf(NodeApiError);
	const error = run.error as NodeApiError;
	expect(error.message).toMatch(message);
	expect(String(error.description ?? '').length).toBeGreaterThan(20);
	figures.errors++;
	return error;
}

describe(`Return All of ${INVOICES.toLocaleString('en-US')} invoices (5 pages of 500) under API faults`, () => {
	it.each(RETURN_ALL.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		sim.setFaults(scenario.faults);
		const run = await runMomentOnSimulator(sim, { parameters: returnAllInvoices });
		const injected = sim.faults().injected;
		expect(sim.faults().faults.every((rule) => rule.remaining === 0 || rule.remaining === null)).toBe(true);
		expect(injected).toBeGreaterThan(0);
		if (scenario.outcome === 'exact') {
			expectPolicyWaits(scenario, failedRequests());
			expectExact(run, invoices, () => 0);
			// Every page was read successfully exactly once.
			const pages = sim.log().filter((entry) => entry.status === 200 && entry.fault !== 'truncate').map((entry) => Number(entry.query.page));
			expect(pages.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
		} else {
			// the last fault ends the run: it is not retried
			expectPolicyWaits(scenario, failedRequests() - 1);
			expectClearError(run, scenario.outcome);
		}
	});
});

describe(`Get of ${GET_ITEMS} invoices by id (Parallel Requests 5) under API faults`, () => {
	const ids = () => invoices.slice(0, GET_ITEMS).map((record) => record.id);

	it.each(GET.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		sim.setFaults(scenario.faults);
		const run = await runMomentOnSimulator(sim, { parameters: getByItemId(ids()), items: itemsWithIds(ids()) });
		expect(sim.faults().faults.every((rule) => rule.remaining === 0)).toBe(true);
		expectPolicyWaits(scenario, failedRequests());
		expectExact(run, invoices.slice(0, GET_ITEMS), (index) => index);
	});

	it('500 for one id: the node fails with that item index, or with Continue On Fail only that item is an error item', async () => {
		const target = ids()[17];
		sim.setFaults({ status: 500, path: `/invoices/${target}` });
		const failed = await runMomentOnSimulator(sim, { parameters: getByItemId(ids()), items: itemsWithIds(ids()) });
		const error = expectClearError(failed, new RegExp(`^Moment answered 500 for Invoice ${target}`));
		expect(error.context.itemIndex).toBe(17);

		sim.setFaults({ status: 500, path: `/invoices/${target}` });
		const continued = await runMomentOnSimulator(sim, { parameters: getByItemId(ids()), items: itemsWithIds(ids()), continueOnFail: true });
		const items = continued.items ?? [];
		expect(items).toHaveLength(GET_ITEMS);
		// An error item holds only `error` (+ `message`), so n8n routes it to the error output.
		expect(items[17]).toEqual({ json: expect.objectContaining({ error: expect.stringMatching(/^Moment answered 500 for Invoice/) }), pairedItem: { item: 17 } });
		expect(Object.keys(items[17].json).every((key) => key === 'error' || key === 'message')).toBe(true);
		const others = items.filter((_item, index) => index !== 17);
		const truth = invoices.slice(0, GET_ITEMS).filter((_record, index) => index !== 17);
		expect(JSON.stringify(jsonOf(others))).toBe(JSON.stringify(truth));
		figures.recordsCompared += 2 * truth.length;
	});

	it("stays exact under Moment's own rate limit set to 10 requests/s (real 429s, no Retry-After)", async () => {
		spendRetryWaitsForReal();
		sim.settings({ rateLimit: { enabled: true, requestsPerSecond: 10, retryAfterSeconds: undefined } });
		const before = sim.rateLimited();
		const some = ids().slice(0, 30);
		const run = await runMomentOnSimulator(sim, { parameters: getByItemId(some), items: itemsWithIds(some) });
		const refused = sim.rateLimited() - before;
		expect(refused).toBeGreaterThan(0);
		figures.rateLimited429 += refused;
		expectExact(run, invoices.slice(0, 30), (index) => index);
	});
});

describe('figures', () => {
	const kinds = Object.entries(PLANNED)
		.map(([kind, n]) => `${kind} ${n}`)
		.join(', ');
	it(`injected ${PLANNED_TOTAL} faults (${kinds}) and compared ${PLANNED_RECORDS.toLocaleString('en-US')} records with the simulator`, () => {
		expect(sim.faults().byType).toEqual(PLANNED);
		expect(sim.faults().injected).toBe(PLANNED_TOTAL);
		expect(figures.recordsCompared).toBe(PLANNED_RECORDS);
		expect(figures.rateLimited429).toBeGreaterThan(0);
		expect(figures.errors).toBe(RETURN_ALL.filter((s) => s.outcome !== 'exact').length + 1);
	});
});
