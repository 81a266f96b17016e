/**
 * "Ask Moment for Changed Records Only" never freezes: one record dated in the future (an import,
 * a wrong clock) must not move the trigger's high water past now, or Moment (which would honour
 * lastModifiedDateFrom) never lists a later change again. The Moment here is a nock reply that
 * applies lastModifiedDateFrom to its records, as a Moment honouring the filter would.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { encodeState, loadState, STATE_KEY } from '../../nodes/Moment/poll/state';
import { BASE_URL, COMPANY, CREDENTIALS } from '../helpers/context';
import { useMomentNock } from '../helpers/expectations';
import { pollHarness } from '../helpers/pollContext';
import { DEFAULT_PARAMETERS, summary } from './fixture';

const LIST = `/api/1.0/companies/${COMPANY}/invoices`;
const DAY_MS = 86_400_000;
const FUTURE = new Date(Date.now() + 400 * DAY_MS).toISOString();
useMomentNock();

/** Moment's invoices; the list honours lastModifiedDateFrom. Returns the queries it was asked. */
function moment(records: IDataObject[], polls: number): Array<Record<string, string>> {
	const queries: Array<Record<string, string>> = [];
	nock(BASE_URL)
		.get(LIST)
		.query(true)
		.times(polls)
		.reply((uri) => {
			const query = Object.fromEntries(new URL(uri, BASE_URL).searchParams) as Record<string, string>;
			queries.push(query);
			const from = query.lastModifiedDateFrom === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.lastModifiedDateFrom);
			const content = records.filter((record) => Date.parse(String(record.lastModifiedDate)) >= from);
			return [200, { content, page: { number: 0, size: 500, totalElements: content.length, totalPages: 1 } }];
		});
	return queries;
}

const invoice = (id: number, version: number, lastModifiedDate: string): IDataObject => ({ id, version, lastModifiedDate, name: `Invoice ${id}` });
const warnings = (logs: string[]) => logs.filter((line) => line.startsWith('warn'));

it('a record dated in the future does not stop later changes from being read: the high water stays at the poll\'s start, and the date is logged once', async () => {
	const records = [invoice(1, 1, '2026-01-05T10:00:00Z'), invoice(2, 1, FUTURE)];
	const queries = moment(records, 4);
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, options: { changedSinceFilter: true } }, credentials: CREDENTIALS });
	const startedBefore = Date.now();
	const first = await poll.poll();
	const stored = loadState(poll.staticData)?.highWater ?? Number.NaN;
	expect(stored).toBeGreaterThanOrEqual(startedBefore);
	expect(stored).toBeLessThanOrEqual(Date.now());
	expect(warnings(first.logs)).toEqual([expect.stringMatching(new RegExp(`^warn Moment Poll Trigger "Moment Poll Trigger": Invoice 2 is dated ${FUTURE.replace(/[.]/g, '\\.')}, after this poll started`))]);

	// a change in Moment after that poll: listed by a Moment that honours the filter
	records[0] = invoice(1, 2, new Date().toISOString());
	const second = await poll.poll();
	expect(summary(second.items)).toEqual(['changed 1']);
	expect(Date.parse(queries[1].lastModifiedDateFrom)).toBe(stored - DAY_MS);
	expect(warnings(second.logs)).toEqual([]); // the same future date: not logged again

	records[0] = invoice(1, 3, new Date().toISOString());
	expect(summary((await poll.poll()).items)).toEqual(['changed 1']);
	// a later future date is news: logged once more
	records[1] = invoice(2, 2, new Date(Date.parse(FUTURE) + DAY_MS).toISOString());
	const fourth = await poll.poll();
	expect(summary(fourth.items)).toEqual(['changed 2']);
	expect(warnings(fourth.logs)).toHaveLength(1);
});

it('a high water stored in the future (by an older version) is brought back to the poll\'s start, so changes are read again', async () => {
	const records = [invoice(1, 1, '2026-01-05T10:00:00Z')];
	const queries = moment(records, 2);
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, options: { changedSinceFilter: true } }, credentials: CREDENTIALS });
	await poll.poll();
	const state = loadState(poll.staticData);
	if (!state) throw new Error('no state after the first poll');
	poll.staticData[STATE_KEY] = encodeState({ ...state, highWater: Date.parse(FUTURE) }) as unknown as IDataObject;
	records[0] = invoice(1, 2, new Date().toISOString());
	const run = await poll.poll();
	expect(Date.parse(queries[1].lastModifiedDateFrom)).toBeLessThanOrEqual(Date.now() - DAY_MS);
	expect(summary(run.items)).toEqual(['changed 1']);
	expect(warnings(run.logs)).toEqual([expect.stringContaining(`The remembered latest change is dated ${FUTURE}`)]);
	expect(loadState(poll.staticData)?.highWater).toBeLessThanOrEqual(Date.now());
});
