/**
 * Moment API > Check Compatibility run as n8n runs the node (router, transport, n8n's HTTP client)
 * against the Moment simulator in each API profile (test/simulator/profiles.js): against the
 * default profile every assumption it tests holds; against each other profile it reports exactly
 * that profile's differences, and nothing else.
 */
import type { IDataObject } from 'n8n-workflow';

import packageJson from '../../package.json';
import { LISTABLE_RESOURCES } from '../../nodes/Moment/catalog';
import { UNTESTABLE } from '../../nodes/Moment/resources/momentApi/assumptions';
import { MAX_REQUESTS } from '../../nodes/Moment/resources/momentApi/checkCompatibility';
import { MAX_READS_PER_RESOURCE } from '../../nodes/Moment/resources/momentApi/probes';
import { runMomentOnSimulator } from '../helpers/momentNode';
import type { ApiProfileName, Simulator } from '../simulator/index';
import { PROFILE_NAMES, startSimulator } from '../simulator/index';

jest.setTimeout(60000);

const CHECK = { resource: 'momentApi', operation: 'checkCompatibility' };
const resources = LISTABLE_RESOURCES.map((resource) => resource.value);
const onEvery = (check: string, verdict = 'differs') => Object.fromEntries(resources.map((resource) => [`${resource}.${check}`, verdict]));

/** Each profile's differences: `key → verdict` of every tested item whose verdict is not "holds". */
const EXPECTED: Record<ApiProfileName, Record<string, string>> = {
	default: {},
	oneBasedPages: onEvery('pageBase'),
	classicPage: onEvery('listShape'),
	// a bare array of fewer than 500 records says nothing of a page size: cannot tell
	bareArray: { ...onEvery('listShape'), ...onEvery('totals'), ...onEvery('pageSize', 'cannot tell') },
	pageSize200: onEvery('pageSize'),
	includeRefused: { 'invoice.include': 'differs' },
	timeRecordDatesHonoured: { 'timeRecord.timeRecordDates': 'differs' },
	dateFiltersIgnored: { ...onEvery('createdDateFrom'), ...onEvery('lastModifiedDateFrom') },
	sortIgnored: onEvery('sort'),
	textIds: onEvery('ids'),
	noChangeStamp: { ...onEvery('changeStamp'), ...onEvery('recordDates') },
};

/** What the advice of a differing item must tell the user, per profile (one item of each is enough). */
const ADVICE: Partial<Record<ApiProfileName, [string, RegExp]>> = {
	oneBasedPages: ['invoice.pageBase', /fail loudly: use Get Many with a Limit up to 500/],
	classicPage: ['customer.listShape', /^Nothing: the nodes read this shape too/],
	bareArray: ['project.totals', /no count confirms a complete list/],
	pageSize200: ['offer.pageSize', /^Return All is right; keep Limit at or below the size Moment serves/],
	includeRefused: ['invoice.include', /^Leave Include empty for invoices/],
	timeRecordDatesHonoured: ['timeRecord.timeRecordDates', /the node re-checks anyway/],
	dateFiltersIgnored: ['invoice.lastModifiedDateFrom', /^Leave Last Modified From\/To empty.*Turn off "Ask Moment for Changed Records Only"/],
	sortIgnored: ['claim.sort', /sort in n8n \(Sort node\)/],
	textIds: ['task.ids', /compare IDs as text: String\(\$json\.id\)/],
	noChangeStamp: ['invoice.changeStamp', /Change Detection: Record Hash/],
};

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.settings({ profile: 'default' });
	sim.reset();
});

async function runCheck(items = [{ json: {} }]) {
	const run = await runMomentOnSimulator(sim, { parameters: CHECK, items });
	if (run.error) throw run.error;
	return { ...run, json: (run.items ?? []).map((item) => item.json) };
}

const tested = (json: IDataObject[]) => json.filter((item) => item.key !== 'summary' && item.observed !== 'not tested');
const notHolding = (json: IDataObject[]) => Object.fromEntries(tested(json).filter((item) => item.verdict !== 'holds').map((item) => [item.key, item.verdict]));

describe('against the default profile (what the package assumes)', () => {
	it('every tested assumption holds; what reading cannot test is listed as such; a summary comes last', async () => {
		const { json, items } = await runCheck();
		expect(notHolding(json)).toEqual({});
		// 14 assumptions about every resource, 2 more about users, 1 about time records and memberships
		expect(tested(json)).toHaveLength(14 * resources.length + 4);
		const untested = json.filter((item) => item.observed === 'not tested');
		expect(untested.map((item) => item.key)).toEqual(UNTESTABLE.map((entry) => entry.key));
		expect(untested.every((item) => item.verdict === 'cannot tell' && String(item.howTested).startsWith('Not tested: '))).toBe(true);
		for (const item of json.slice(0, -1)) {
			expect(Object.keys(item)).toEqual(['key', 'resource', 'assumption', 'howTested', 'expected', 'observed', 'verdict', 'affects', 'advice']);
			expect(Object.values(item).every((value) => typeof value === 'string' && value !== '')).toBe(true);
		}
		const summary = json[json.length - 1] as IDataObject;
		expect(summary).toMatchObject({
			key: 'summary',
			packageVersion: packageJson.version,
			resources: resources.length,
			tested: tested(json).length,
			holds: tested(json).length,
			differs: 0,
			cannotTell: 0,
			notTestable: UNTESTABLE.length,
			differing: [],
		});
		expect(summary.report).toContain(`${tested(json).length} hold, 0 differ, 0 cannot tell`);
		expect(items?.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('reads only, stays under 100 requests and says how many it sent', async () => {
		const { json } = await runCheck();
		const log = sim.log();
		expect(log.every((entry) => entry.method === 'GET' && entry.status !== null)).toBe(true);
		expect(log.length).toBeLessThan(100);
		expect((json[json.length - 1] as IDataObject).requests).toBe(log.length);
		const perResource = resources.map((resource) => log.filter((entry) => entry.entity === LISTABLE_RESOURCES.find((r) => r.value === resource)?.apiPath).length);
		expect(Math.max(...perResource)).toBeLessThanOrEqual(MAX_READS_PER_RESOURCE);
	});

	it('the catalog fits the budget: every resource can get all its reads within the 99 requests', () => {
		expect(MAX_REQUESTS).toBeLessThan(100);
		expect(LISTABLE_RESOURCES.length * MAX_READS_PER_RESOURCE).toBeLessThanOrEqual(MAX_REQUESTS);
	});

	it('runs once for the execution, whatever the number of input items; its items are paired with the first', async () => {
		const { items } = await runCheck([{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }]);
		const once = sim.log().length;
		sim.clearLog();
		await runCheck();
		expect(sim.log().length).toBe(once);
		expect(new Set(items?.map((item) => JSON.stringify(item.pairedItem)))).toEqual(new Set(['{"item":0}']));
	});

	it("is paced like every other request: against Moment's real limit (30 per second), no 429", async () => {
		sim.settings({ rateLimit: true });
		try {
			const { json } = await runCheck();
			expect(notHolding(json)).toEqual({});
			expect(sim.rateLimited()).toBe(0);
		} finally {
			sim.settings({ rateLimit: false });
		}
	});
});

describe('against each profile it reports exactly that profile\'s differences', () => {
	it.each(PROFILE_NAMES.filter((name) => name !== 'default'))('%s', async (profile) => {
		sim.settings({ profile });
		const { json } = await runCheck();
		expect(notHolding(json)).toEqual(EXPECTED[profile]);
		const [key, advice] = ADVICE[profile] as [string, RegExp];
		expect(json.find((item) => item.key === key)?.advice).toMatch(advice);
		const summary = json[json.length - 1] as IDataObject;
		expect([...(summary.differing as string[])].sort()).toEqual(Object.keys(EXPECTED[profile]).filter((k) => EXPECTED[profile][k] === 'differs').sort());
		for (const differing of summary.differing as string[]) expect(summary.report).toContain(`(${differing})`);
	});

	it('covers every profile the simulator has', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...PROFILE_NAMES].sort());
	});
});
