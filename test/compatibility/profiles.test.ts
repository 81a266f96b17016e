/**
 * The nodes against every API profile of the simulator (test/simulator/profiles.js), without any
 * setting: Get Many with a Limit, Return All, the record picker page after page, and the Moment
 * Poll Trigger (a first poll, then a new, a changed and a deleted invoice) are right, or fail
 * loudly naming what Moment sent; never silently short. What a profile makes wrong in a way the
 * node cannot notice is pinned at the end, as docs/compatibility-check.md states it (and the
 * check's advice covers it).
 */
import type { IDataObject } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createLoadOptionsContext } from '../helpers/context';
import { pollHarness } from '../helpers/pollContext';
import { DEFAULT_PARAMETERS } from '../poll/fixture';
import { runMomentOnSimulator } from '../helpers/momentNode';
import { credentialsFor } from '../simulator/httpClient';
import type { ApiProfileName, Simulator } from '../simulator/index';
import { PROFILE_NAMES, startSimulator } from '../simulator/index';

jest.setTimeout(60000);

/** More than two pages of 500 (and of 200), and eleven pages of the picker's 100. */
const COUNTS = { invoices: 1100 };
const ONE_BASED_FAILURE = 'Moment sent page 0 of the invoice list when page 1 was asked for';
/** Profiles whose reads of more than one page fail loudly (the rest read right). */
const LOUD: Partial<Record<ApiProfileName, string>> = { oneBasedPages: ONE_BASED_FAILURE };

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, counts: COUNTS });
});
afterAll(() => sim.close());

/** The invoices as Moment lists them in the profile (IDs as text, stamps left out, ...). */
const listed = () => sim.data('invoices', { include: 'base' });
const getMany = (parameters: IDataObject) => runMomentOnSimulator(sim, { parameters: { resource: 'invoice', operation: 'getAll', filters: {}, simple: false, options: {}, ...parameters } });

async function pickAll(): Promise<string[]> {
	const { ctx } = createLoadOptionsContext({ resource: 'invoice' }, credentialsFor(sim));
	const values: string[] = [];
	let token: string | undefined;
	for (let page = 0; page < 20; page++) {
		const result = await new Moment().methods.listSearch.searchRecords.call(ctx, undefined, token);
		values.push(...result.results.map((entry) => String(entry.value)));
		token = result.paginationToken;
		if (token === undefined) break;
	}
	return values;
}

describe.each(PROFILE_NAMES)('profile %s', (profile) => {
	beforeAll(() => {
		sim.settings({ profile });
	});
	beforeEach(() => {
		sim.reset({ counts: COUNTS });
		resetRateLimits();
	});
	const loud = LOUD[profile];

	it('Get Many with a Limit: the first records, right', async () => {
		const run = await getMany({ returnAll: false, limit: 30 });
		expect(run.error).toBeUndefined();
		expect(run.items?.map((item) => item.json)).toEqual(listed().slice(0, 30));
	});

	it(`Return All (1,100 invoices): ${loud ? 'fails loudly' : 'every record once'}`, async () => {
		const run = await getMany({ returnAll: true });
		if (loud) {
			expect(run.error?.message).toBe(loud);
			expect(run.error?.description).toContain('Moment API > Check Compatibility');
			expect(run.items).toBeUndefined();
		} else {
			expect(run.error).toBeUndefined();
			expect(JSON.stringify(run.items?.map((item) => item.json))).toBe(JSON.stringify(listed()));
		}
	});

	it(`the record picker, page after page: ${loud ? 'fails loudly at page 1' : 'every invoice once'}`, async () => {
		if (loud) {
			await expect(pickAll()).rejects.toThrow(loud);
		} else {
			expect(await pickAll()).toEqual(listed().map((record) => String(record.id)));
		}
	});

	it(`the Poll Trigger: ${loud ? 'fails loudly and remembers nothing' : 'every invoice on the first poll, then exactly a new, a changed and a deleted one'}`, async () => {
		const trigger = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, start: 'all', includeDeleted: true }, credentials: credentialsFor(sim) });
		if (loud) {
			await expect(trigger.poll()).rejects.toThrow(loud);
			expect(trigger.staticData).toEqual({});
			return;
		}
		const first = await trigger.poll();
		expect(first.items?.map((item) => String(item.id))).toEqual(listed().map((record) => String(record.id)));
		const ids = listed().map((record) => record.id);
		sim.changeRecord('invoices', ids[700], { description: 'changed' });
		sim.deleteRecord('invoices', ids[5]);
		const [created] = sim.createRecords('invoices');
		const second = await trigger.poll();
		expect(second.items?.map((item) => `${String(item.event)} ${String(item.id)}`).sort()).toEqual(
			[`changed ${ids[700]}`, `deleted ${ids[5]}`, `new ${created.id}`].sort(),
		);
	});
});

describe('what a profile makes wrong in a way the node cannot notice (docs/compatibility-check.md; the check says so)', () => {
	beforeEach(() => {
		sim.reset({ counts: COUNTS });
		resetRateLimits();
	});
	afterAll(() => {
		sim.settings({ profile: 'default', maxPageSize: 500 });
	});

	it('dateFiltersIgnored: Get Many with Created From returns the whole list', async () => {
		sim.settings({ profile: 'dateFiltersIgnored' });
		const run = await getMany({ returnAll: true, filters: { createdDateFrom: '2999-01-01T00:00:00Z' } });
		expect(run.items).toHaveLength(COUNTS.invoices);
	});

	it('sortIgnored: Get Many with Sort returns ID order', async () => {
		sim.settings({ profile: 'sortIgnored' });
		const run = await getMany({ returnAll: false, limit: 3, filters: { sort: 'id,desc' } });
		expect(run.items?.map((item) => item.json.id)).toEqual(listed().slice(0, 3).map((record) => record.id));
	});

	it('a bare array with the page size cut to 200 (two profiles at once): Return All stops after 200 without noticing', async () => {
		sim.settings({ profile: 'bareArray', maxPageSize: 200 });
		const run = await getMany({ returnAll: true });
		expect(run.items).toHaveLength(200);
		const check = await runMomentOnSimulator(sim, { parameters: { resource: 'momentApi', operation: 'checkCompatibility' } });
		expect(check.items?.find((item) => item.json.key === 'invoice.pageSize')?.json).toMatchObject({ verdict: 'differs', advice: expect.stringMatching(/Don't use Return All or the Poll Trigger/) });
	});
});

describe('loud where a profile breaks a setting', () => {
	beforeEach(() => {
		sim.reset({ counts: COUNTS });
		resetRateLimits();
	});
	afterAll(() => {
		sim.settings({ profile: 'default' });
	});

	it('pageSize200: Get Many with a Limit of 300 fails naming the 200 Moment sent', async () => {
		sim.settings({ profile: 'pageSize200' });
		const run = await getMany({ returnAll: false, limit: 300 });
		expect(run.error?.message).toBe('Moment announced 300 invoices but sent 200');
	});

	it('includeRefused: Get Many of invoices with Include fails with Moment\'s 400', async () => {
		sim.settings({ profile: 'includeRefused' });
		const run = await getMany({ returnAll: false, limit: 5, options: { include: 'base' } });
		expect(run.error?.message).toBe('Moment rejected the request for invoices as invalid (400)');
	});
});
