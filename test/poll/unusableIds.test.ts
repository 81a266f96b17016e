/**
 * A Moment (broken or hostile) that lists records whose ID is not a Moment ID ("../x", "1/2",
 * "abc", 0, -1, 1e30, numbers beyond 2^53 that lost their digits, none): the poll trigger emits
 * each such record, filed by its content and saying why it was not read by ID, and never puts the
 * ID into a request: no deletion check, no Fetch Full Record, no request to any other path (nock
 * refuses every request it was not told about, and every request sent is audited).
 */
import type { IDataObject } from 'n8n-workflow';

import { encodeState, loadState, STATE_KEY } from '../../nodes/Moment/poll/state';
import { NOT_FETCHED_WITHOUT_ID } from '../../nodes/Moment/poll/pollRun';
import { BASE_URL, COMPANY, CREDENTIALS } from '../helpers/context';
import { useMomentNock } from '../helpers/expectations';
import { pollHarness } from '../helpers/pollContext';
import type { PollRun } from '../helpers/pollContext';
import nock from 'nock';
import { DEFAULT_PARAMETERS } from './fixture';

const LIST = `/api/1.0/companies/${COMPANY}/invoices`;
const BASE: IDataObject = { ...DEFAULT_PARAMETERS, includeDeleted: true, fetchFullRecord: true };
const api = () => nock(BASE_URL);
useMomentNock();

/** A list page as Moment sends it, written as JSON text so that numbers beyond 2^53 arrive as Moment would send them. */
function page(json: string[], totalElements = json.length): string {
	return `{"content":[${json.join(',')}],"page":{"number":0,"size":500,"totalElements":${totalElements},"totalPages":1}}`;
}
const record = (id: string, name: string, version = 1) => `{"id":${id},"version":${version},"name":"${name}"}`;

/** Unusable IDs as JSON text, and how each one reads after JSON.parse. */
const HOSTILE: string[] = ['"../x"', '"1/2"', '"abc"', '0', '-1', '1e30', '"../../../customers/5"', '"007"', '" "', '1.5', '{"id":1}', 'null', '9007199254740993', '9007199254740992'];

/** The path of every request sent, without the query. */
const paths = (run: PollRun) => run.sent.map((entry) => new URL(entry.options.url).pathname);

it('emits every record with an unusable ID, filed by content and saying why it was not fetched; requests only the list and valid IDs', async () => {
	const poll = pollHarness({ parameters: { ...BASE, start: 'all' }, credentials: CREDENTIALS });
	const listed = [record('7', 'valid'), ...HOSTILE.map((id, i) => record(id, `h${i}`))];
	api().get(LIST).query(true).reply(200, page(listed), { 'content-type': 'application/json' });
	api().get(`${LIST}/7`).reply(200, { id: 7, version: 1, name: 'valid', full: true });
	const run = await poll.poll();
	expect(paths(run)).toEqual([LIST, `${LIST}/7`]);
	// each one emitted, none dropped: also the two numbers beyond 2^53 that JSON reads as the same number
	expect(run.items).toHaveLength(1 + HOSTILE.length);
	const [valid, ...hostile] = run.items as IDataObject[];
	expect(valid).toMatchObject({ event: 'new', id: 7, record: { full: true } });
	expect(valid.idProblem).toBeUndefined();
	expect(valid.notFetched).toBeUndefined();
	hostile.forEach((item, i) => {
		expect(item).toMatchObject({ event: 'new', id: expect.stringMatching(/^content:/), notFetched: NOT_FETCHED_WITHOUT_ID, record: { name: `h${i}` } });
		expect(item.idProblem).toMatch(/^Moment listed this invoice (with the ID .+, which is not a Moment ID \(a positive whole number of at most 19 digits\)|without an ID)\. The trigger never uses it in a request/);
	});
	expect(hostile[0].idProblem).toContain('with the ID "../x", which is not a Moment ID');
	expect(run.logs.filter((line) => line.startsWith('warn'))).toEqual([
		`warn Moment Poll Trigger "Moment Poll Trigger": ${HOSTILE.length} invoices Moment listed without a usable ID (e.g. "../x") were emitted filed by their content; they are never read by ID (see idProblem in the items)`,
	]);

	// unchanged: nothing; changed: new again (a new content); gone: forgotten without a deletion check
	const changed = [record('7', 'valid'), record('"../x"', 'h0 renamed'), ...HOSTILE.slice(2).map((id, i) => record(id, `h${i + 2}`))];
	api().get(LIST).query(true).reply(200, page(changed), { 'content-type': 'application/json' });
	const second = await poll.poll();
	expect(paths(second)).toEqual([LIST]);
	expect((second.items ?? []).map((item) => [item.event, (item.record as IDataObject).name])).toEqual([['new', 'h0 renamed']]);
	expect(loadState(poll.staticData)?.fingerprints.size).toBe(changed.length);
});

it('a remembered key that is not a Moment ID (from an older version, or a tampered memory) is never used in a request', async () => {
	const poll = pollHarness({ parameters: BASE, credentials: CREDENTIALS });
	api().get(LIST).query(true).reply(200, page([record('7', 'a'), record('8', 'b')]), { 'content-type': 'application/json' });
	await poll.poll();
	const state = loadState(poll.staticData);
	if (!state) throw new Error('no state after the first poll');
	for (const key of ['../x', 'A-7', '1/2', '__proto__x', '0']) state.fingerprints.set(key, 'AAAAAA');
	poll.staticData[STATE_KEY] = encodeState(state) as unknown as IDataObject;
	// 8 is gone: checked by ID (404 = deleted); the odd keys are forgotten without a request
	api().get(LIST).query(true).reply(200, page([record('7', 'a')]), { 'content-type': 'application/json' });
	api().get(`${LIST}/8`).reply(404, { message: 'Invoice 8 not found' });
	const run = await poll.poll();
	expect(paths(run)).toEqual([LIST, `${LIST}/8`]);
	expect((run.items ?? []).map((item) => `${String(item.event)} ${String(item.id)}`)).toEqual(['deleted 8']);
	expect([...(loadState(poll.staticData)?.fingerprints.keys() ?? [])]).toEqual(['7']);
});

it('Fetch Test Event shows a record without a usable ID as listed, without reading it by ID', async () => {
	const poll = pollHarness({ parameters: BASE, credentials: CREDENTIALS, mode: 'manual' });
	api().get(LIST).query(true).reply(200, page([`{"id":"../x","version":1,"name":"only","lastModifiedDate":"2026-01-01T00:00:00Z"}`]), { 'content-type': 'application/json' });
	const run = await poll.poll();
	expect(paths(run)).toEqual([LIST]);
	expect(run.items).toEqual([expect.objectContaining({ event: 'new', notFetched: NOT_FETCHED_WITHOUT_ID, record: expect.objectContaining({ id: '../x' }) })]);
});
