/**
 * A company with 100,000 records: the first poll remembers all of them in static data of about
 * 10 bytes per record, an idle poll emits nothing in the minimum number of requests (200 of 500,
 * paced under Moment's limit), and a change among them is emitted once.
 */
import type { IDataObject } from 'n8n-workflow';

import { loadState } from '../../nodes/Moment/poll/state';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { pollHarness } from '../helpers/pollContext';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';

// 62-89 s measured on the shared 2-core machine at load 11; over 180 s at load 17 with an e2e run beside it
jest.setTimeout(420000);

const RECORDS = 100000;
let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ rateLimit: true, counts: { customers: RECORDS, projects: 0, offers: 0, invoices: 0, claims: 0 } });
	resetRateLimits();
});
afterAll(() => sim.close());

/** Most requests that started within any one second. */
function peakPerSecond(times: number[]): number {
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

it('tracks 100,000 customers in about 10 bytes each and finds one change among them', async () => {
	const poll = pollHarness({
		parameters: { resource: 'customer', event: 'newOrChanged', includeDeleted: true, start: 'nothing', fetchFullRecord: false, filters: {}, options: {} },
		credentials: credentialsFor(sim),
	});
	expect((await poll.poll()).items).toBeNull();
	const bytes = Buffer.byteLength(JSON.stringify(poll.staticData));
	expect(loadState(poll.staticData as IDataObject)?.fingerprints.size).toBe(RECORDS);
	expect(bytes / RECORDS).toBeLessThan(11);

	const [changed] = sim.changeRecords('customers', { count: 1, ids: [sim.data('customers', { limit: 70001 })[70000].id] });
	sim.clearLog();
	const run = await poll.poll();
	expect(run.items?.map((item) => `${String(item.event)} ${String(item.id)}`)).toEqual([`changed ${changed}`]);
	const log = sim.log();
	expect(log).toHaveLength(RECORDS / 500);
	expect(log.every((entry) => entry.status === 200)).toBe(true);
	expect(peakPerSecond(log.map((entry) => Date.parse(entry.time)))).toBeLessThan(30);
	expect(sim.rateLimited()).toBe(0);
});
