/**
 * The poll trigger's bound of MAX_TRACKED_RECORDS (250,000) records is checked before it costs:
 * against the total Moment announces on the list's first page, so a list over it fails after one
 * request instead of after reading every page; and, for the records remembered plus those listed,
 * right after the read, before any deletion check or Fetch Full Record. Either way the poll fails
 * with the same clear message and the memory is untouched.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { encodeState, loadState, MAX_TRACKED_RECORDS, STATE_KEY } from '../../nodes/Moment/poll/state';
import { BASE_URL, COMPANY, CREDENTIALS } from '../helpers/context';
import { failureOf, useMomentNock } from '../helpers/expectations';
import { MAX_DELETION_CHECKS } from '../../nodes/Moment/poll/pollRun';
import { pollHarness } from '../helpers/pollContext';
import { DEFAULT_PARAMETERS } from './fixture';

const LIST = `/api/1.0/companies/${COMPANY}/invoices`;
const MESSAGE = (count: number) => `The trigger would track ${count} invoices; it tracks at most ${MAX_TRACKED_RECORDS}`;
useMomentNock();

const invoices = (from: number, count: number): IDataObject[] => Array.from({ length: count }, (_, i) => ({ id: from + i, version: 1 }));
const page = (content: IDataObject[], totalElements: number) => ({ content, page: { number: 0, size: 500, totalElements, totalPages: Math.ceil(totalElements / 500) } });

it('a list Moment announces with more records than the bound fails after its first page (one request), remembering nothing', async () => {
	expect(MAX_TRACKED_RECORDS).toBe(250000);
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, includeDeleted: true, fetchFullRecord: true }, credentials: CREDENTIALS });
	// every request is counted: the one answered, and any other (nock answers none other)
	const requests: string[] = [];
	const unmatched = (req: { path: string }) => requests.push(`unmatched ${req.path}`);
	nock.emitter.on('no match', unmatched);
	const scope = nock(BASE_URL).get(LIST).query({ page: 0, size: 500 }).reply(200, page(invoices(1, 500), MAX_TRACKED_RECORDS + 1));
	scope.on('request', (req: { path: string }) => requests.push(req.path));
	const error = await failureOf(poll.poll());
	nock.emitter.removeListener('no match', unmatched);
	expect(requests).toEqual([`${LIST}?page=0&size=500`]);
	expect(error.message).toBe(MESSAGE(MAX_TRACKED_RECORDS + 1));
	expect(error.description).toMatch(/^It keeps about 10 bytes per record in the workflow's static data.*Get Many with Last Modified From/);
	expect(error.description).toContain('Nothing was emitted and the trigger\'s memory of seen records was not changed');
	expect(poll.staticData).toEqual({});
});

it('with "Ask Moment for Changed Records Only", the changed records announced count against the bound the same way', async () => {
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, options: { changedSinceFilter: true } }, credentials: CREDENTIALS });
	nock(BASE_URL).get(LIST).query(true).reply(200, page([{ id: 1, version: 1, lastModifiedDate: '2026-01-01T00:00:00Z' }], 1));
	await poll.poll();
	const before = JSON.stringify(poll.staticData);
	nock(BASE_URL).get(LIST).query((query) => query.lastModifiedDateFrom !== undefined && query.page === '0').reply(200, page(invoices(2, 500), MAX_TRACKED_RECORDS + 5));
	expect((await failureOf(poll.poll())).message).toBe(MESSAGE(MAX_TRACKED_RECORDS + 5));
	expect(JSON.stringify(poll.staticData)).toBe(before);
});

it('records remembered plus new ones listed over the bound fail right after the read, before any other request', async () => {
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, includeDeleted: true, fetchFullRecord: true }, credentials: CREDENTIALS });
	nock(BASE_URL).get(LIST).query(true).reply(200, page(invoices(1, 2), 2));
	await poll.poll();
	const state = loadState(poll.staticData);
	if (!state) throw new Error('no state after the first poll');
	for (let id = 3; id <= MAX_TRACKED_RECORDS; id++) state.fingerprints.set(String(id), 'AAAAAA');
	poll.staticData[STATE_KEY] = encodeState(state) as unknown as IDataObject;
	const before = JSON.stringify(poll.staticData);
	// Moment lists 3 invoices: 2 remembered and a new one; the 249,998 others would be deletion checks
	nock(BASE_URL).get(LIST).query(true).reply(200, page([...invoices(1, 2), { id: MAX_TRACKED_RECORDS + 1, version: 1 }], 3));
	const error = await failureOf(poll.poll());
	expect(error.message).toBe(MESSAGE(MAX_TRACKED_RECORDS + 1));
	expect(JSON.stringify(poll.staticData)).toBe(before);
});

it(`records missing from the list are checked by ID at most ${MAX_DELETION_CHECKS} per poll; the rest wait for the next poll, and none is checked twice`, async () => {
	const poll = pollHarness({ parameters: { ...DEFAULT_PARAMETERS, includeDeleted: true }, credentials: CREDENTIALS });
	nock(BASE_URL).get(LIST).query(true).reply(200, page(invoices(1, 150), 150));
	await poll.poll();
	const checked: number[] = [];
	const readsById = (times: number) =>
		nock(BASE_URL)
			.get(new RegExp(`^${LIST}/\\d+$`))
			.times(times)
			.reply((uri) => {
				checked.push(Number(uri.split('/').pop()));
				return [404, { message: 'not found' }];
			});
	nock(BASE_URL).get(LIST).query(true).reply(200, page([], 0));
	readsById(MAX_DELETION_CHECKS);
	const first = await poll.poll();
	expect(checked).toHaveLength(MAX_DELETION_CHECKS);
	expect(first.items).toHaveLength(MAX_DELETION_CHECKS);
	expect(first.logs).toContain(`info Moment Poll Trigger "Moment Poll Trigger": ${150 - MAX_DELETION_CHECKS} records missing from the list are checked at the next poll`);
	nock(BASE_URL).get(LIST).query(true).reply(200, page([], 0));
	readsById(150 - MAX_DELETION_CHECKS);
	const second = await poll.poll();
	expect(checked).toHaveLength(150);
	expect(new Set(checked).size).toBe(150);
	expect(second.items).toHaveLength(50);
	expect(loadState(poll.staticData)?.fingerprints.size).toBe(0);
});
