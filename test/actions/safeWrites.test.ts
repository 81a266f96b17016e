/**
 * No write applied out of sight: five customers to create, the third refused by Moment (a state it
 * does not know, 400), run through the real node against the Moment simulator.
 *
 * Before this was fixed, Create ran 5 items at a time by default: items 0, 1, 3 and 4 were created
 * in Moment, the node failed on item 2 and its error said nothing of them, so running it again
 * created them twice. Now writes run one at a time by default, and whatever the setting the error
 * names every record already written.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { SimRecord, Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';
import { runMomentOnSimulator } from '../helpers/momentNode';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ counts: { customers: 3 }, rateLimit: false, latencyMs: 0 });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.reset({ counts: { customers: 3 } });
	sim.clearLog();
});

const NAMES = ['Alfa AS', 'Bravo AS', 'Charlie AS', 'Delta AS', 'Echo AS'];
const items: INodeExecutionData[] = NAMES.map((name, index) => ({
	json: { name, state: index === 2 ? 'no such state' : 'active' },
}));

/** Create with the customer's name and state from each item; `options` as the user set them. */
function createCustomers(options: IDataObject) {
	return (itemIndex: number): IDataObject => ({
		resource: 'customer',
		operation: 'create',
		name: items[itemIndex].json.name,
		additionalFields: {},
		otherFieldsJson: JSON.stringify({ customerState: items[itemIndex].json.state }),
		options,
	});
}

/** Customers the run added to Moment, in input-item order (parallel requests may arrive in any order). */
function created(before: SimRecord[]): SimRecord[] {
	const known = new Set(before.map((record) => record.id));
	const added = sim.data('customers').filter((record) => !known.has(record.id));
	return added.sort((a, b) => NAMES.indexOf(String(a.name)) - NAMES.indexOf(String(b.name)));
}

describe('Create, one item refused by Moment, without Continue On Fail', () => {
	it('with Parallel Requests 5 (the old default): the 4 customers Moment created are all named in the error', async () => {
		const before = sim.data('customers');
		const run = await runMomentOnSimulator(sim, { parameters: createCustomers({ parallelRequests: 5 }), items });
		const added = created(before);
		// what happened in Moment: every item but the refused one was created
		expect(added.map((record) => record.name)).toEqual(['Alfa AS', 'Bravo AS', 'Delta AS', 'Echo AS']);
		expect(run.items).toBeUndefined();
		const error = run.error!;
		expect(error.context.itemIndex).toBe(2);
		expect(error.message).toBe(
			'Moment rejected the request for customers as invalid (400) (items 0, 1, 3 and 4 were already created in Moment)',
		);
		const ids = added.map((record) => record.id);
		expect(error.description).toMatch(
			new RegExp(
				`^Items 0, 1, 3 and 4 were already created in Moment \\(Customer ${ids.join(', ')}\\); running the node again would create them again\\. Check the fields`,
			),
		);
		expect(error.description).toContain("Moment said: Field 'customerState' of customer must be one of");
		expect(error.context.applied).toEqual([0, 1, 3, 4].map((item, index) => ({ item, id: ids[index] })));
	});

	it('by default writes one item at a time: items 0 and 1 are created and named, 3 and 4 never start', async () => {
		const before = sim.data('customers');
		const run = await runMomentOnSimulator(sim, { parameters: createCustomers({}), items });
		const added = created(before);
		expect(added.map((record) => record.name)).toEqual(['Alfa AS', 'Bravo AS']);
		expect(sim.log().filter((entry) => entry.method === 'POST')).toHaveLength(3);
		const error = run.error!;
		expect(error.context.itemIndex).toBe(2);
		expect(error.message).toMatch(/\(items 0 and 1 were already created in Moment\)$/);
		expect(error.description).toMatch(
			new RegExp(
				`^Items 0 and 1 were already created in Moment \\(Customer ${added[0].id}, ${added[1].id}\\); running the node again would create them again\\. Items 3 and 4 were not started\\. `,
			),
		);
	});

	it('says nothing else was created when the first item fails', async () => {
		const first = [items[2], ...items.slice(0, 2)];
		const run = await runMomentOnSimulator(sim, {
			parameters: (i) => ({ ...createCustomers({})(i), otherFieldsJson: JSON.stringify({ customerState: first[i].json.state }) }),
			items: first,
		});
		expect(run.error?.context.itemIndex).toBe(0);
		expect(run.error?.message).toMatch(/\(nothing else was created in Moment\)$/);
		expect(run.error?.description).toMatch(/^No other item was created in Moment\. Items 1 and 2 were not started\. /);
	});
});

describe('Create with Continue On Fail', () => {
	it('gives every item its own result in input order: the created customers and the refused one', async () => {
		const before = sim.data('customers');
		const run = await runMomentOnSimulator(sim, { parameters: createCustomers({ parallelRequests: 5 }), items, continueOnFail: true });
		const added = created(before);
		const output = run.items ?? [];
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'Alfa AS',
			'Bravo AS',
			'Moment rejected the request for customers as invalid (400)',
			'Delta AS',
			'Echo AS',
		]);
		expect(output.filter((item) => item.json.id !== undefined).map((item) => item.json.id)).toEqual(added.map((record) => record.id));
	});
});
