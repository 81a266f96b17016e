/**
 * Time record writes at the HTTP level: typed fields as Moment takes them, the user's time lock
 * date checked before anything is written, the project membership looked up (and said so).
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, jsonOf, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';

useMomentNock();

const USER = 5000001;
const PROJECT = 62788980;
const ACTIVITY = 62790011;

function user(timeLockDate: string | null) {
	moment().get(`${PREFIX}/userAccounts/${USER}`).reply(200, { id: USER, name: 'Kari Nordmann', timeLockDate });
}

function memberships(content: IDataObject[], userAccountId = USER, projectId = PROJECT) {
	moment()
		.get(`${PREFIX}/projectMemberships`)
		.query({ userAccountId, projectId, projectMembershipState: 'active', page: 0, size: 500 })
		.reply(200, { content, page: { number: 0, size: 500, totalElements: content.length, totalPages: 1 } });
}

function createParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'timeRecord',
		operation: 'create',
		projectId: { __rl: true, mode: 'list', value: String(PROJECT), cachedResultName: '1 - Website' },
		projectExtensionId: byId(String(ACTIVITY)),
		userAccountId: byId(String(USER)),
		timeRecordDate: '2026-12-01T00:00:00',
		minutes: '1:30',
		additionalFields: { description: 'Workshop', internalNote: 'from the form', taskId: byId('62790100') },
		...overrides,
	};
}

const CREATED_BODY = {
	projectId: PROJECT,
	projectExtensionId: ACTIVITY,
	userAccountId: USER,
	timeRecordDate: '2026-12-01',
	minutes: 90,
	description: 'Workshop',
	internalNote: 'from the form',
	taskId: 62790100,
};

describe('Create a time record', () => {
	it('sends typed fields, looks up the membership, and says so in the item (minutes and hours as numbers)', async () => {
		user('2026-11-30');
		memberships([{ id: 70012345, projectId: PROJECT, userAccountId: USER, projectMembershipRoleName: 'Consultant' }]);
		moment()
			.post(`${PREFIX}/timeRecords`, { ...CREATED_BODY, projectMembershipId: 70012345 })
			.reply(200, { id: 900, ...CREATED_BODY, minutes: '90', projectMembershipId: 70012345 });
		const { items, sent } = await runMoment({ parameters: createParameters() });
		expect(sent.map((request) => request.options.method)).toEqual(['GET', 'GET', 'POST']);
		expect(items).toEqual([
			{
				json: {
					id: 900,
					...CREATED_BODY,
					minutes: 90,
					hours: 1.5,
					projectMembershipId: 70012345,
					notice: `Project membership 70012345 (Consultant) of user ${USER} on project ${PROJECT} was looked up and sent as projectMembershipId, since none was given.`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends the Project Membership ID given, without a lookup', async () => {
		user(null);
		moment().post(`${PREFIX}/timeRecords`, { ...CREATED_BODY, projectMembershipId: 42 }).reply(200, { id: 901 });
		const parameters = createParameters({
			additionalFields: { description: 'Workshop', internalNote: 'from the form', taskId: byId('62790100'), projectMembershipId: '42' },
		});
		const { items } = await runMoment({ parameters });
		expect(jsonOf(items)).toEqual([{ id: 901 }]);
	});

	it.each([['2026-11-30'], ['2026-11-02']])('refuses the locked date %s before writing, naming the lock date', async (day) => {
		user('2026-11-30');
		const { error, sent } = await runMomentFailure({ parameters: createParameters({ timeRecordDate: day }) });
		expect(sent.map((request) => request.options.method)).toEqual(['GET']);
		expect(error.message).toBe(
			`The date ${day} is locked: hours of user ${USER} on or before 2026-11-30 (the user's time lock date) cannot be changed`,
		);
		expect(error.description).toContain('Nothing was sent to Moment. Use a date after 2026-11-30');
		expect(error.context.itemIndex).toBe(0);
	});

	it('fails with "this user is not a member of the project" when no active membership is found', async () => {
		user(null);
		// Moment ignoring the filters: memberships of other projects or inactive ones do not count
		memberships([
			{ id: 1, projectId: 1111, userAccountId: USER },
			{ id: 2, projectId: PROJECT, userAccountId: USER, projectMembershipState: 'inactive' },
		]);
		const { error, sent } = await runMomentFailure({ parameters: createParameters() });
		expect(sent.map((request) => request.options.method)).toEqual(['GET', 'GET']);
		expect(error.message).toBe(
			`This user is not a member of the project: user ${USER} has no active membership of project ${PROJECT} in Moment`,
		);
	});

	it('reads a user and a membership once for a list of rows; Continue On Fail keeps the good rows', async () => {
		user('2026-11-30');
		memberships([{ id: 70012345, projectId: PROJECT }]);
		const days = ['2026-12-01', '2026-11-15', '2026-12-02'];
		for (const day of [days[0], days[2]]) {
			moment()
				.post(`${PREFIX}/timeRecords`, { ...CREATED_BODY, timeRecordDate: day, projectMembershipId: 70012345 })
				.reply(200, { id: Number(day.slice(-2)), timeRecordDate: day, minutes: 90 });
		}
		const { items, sent } = await runMoment({
			parameters: (i) => createParameters({ timeRecordDate: days[i] }),
			items: days.map(() => ({ json: {} })),
			continueOnFail: true,
		});
		expect(sent.filter((request) => request.options.method === 'GET')).toHaveLength(2);
		expect(items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[expect.stringContaining('The date 2026-11-15 is locked'), { item: 1 }],
			[2, { item: 2 }],
		]);
	});

	it.each([
		['1,5h', 90],
		['2 hours', 120],
		['45', 45],
		['1h 15m', 75],
		[120, 120],
	])('takes the duration %j as %i minutes', async (duration, minutes) => {
		user(null);
		moment().post(`${PREFIX}/timeRecords`, { ...CREATED_BODY, minutes, projectMembershipId: 3 }).reply(200, { id: 1 });
		const { items } = await runMoment({
			parameters: createParameters({
				minutes: duration,
				additionalFields: { ...(createParameters().additionalFields as IDataObject), projectMembershipId: '3' },
			}),
		});
		expect(jsonOf(items)).toEqual([{ id: 1 }]);
	});

	it.each([
		['abc', 'Duration "abc" is not understood. Give whole minutes (e.g. 90), hours and minutes (1:30 or 1h 30m), or hours (1.5h).'],
		['1.5', 'Duration "1.5" has no unit: write 1.5h for hours, or whole minutes (e.g. 90).'],
		['0', 'Duration "0" is less than 1 minute. Give whole minutes (e.g. 90), hours and minutes (1:30 or 1h 30m), or hours (1.5h).'],
		['25h', 'Duration "25h" is 1500 minutes, more than 24 hours: one time record covers one day. Split it over several days.'],
	])('refuses the duration %j before any request', async (duration, message) => {
		const { error, sent } = await runMomentFailure({ parameters: createParameters({ minutes: duration }) });
		expect(sent).toHaveLength(0);
		expect(error.message).toBe(message);
	});

	it.each([
		['projectId', 'Project', { __rl: true, mode: 'id', value: 'Website' }],
		['timeRecordDate', 'Date', 'next Monday'],
		['timeRecordDate', 'Date', '2026-02-30'],
	])('refuses %s %j before any request', async (field, label, value) => {
		const { error, sent } = await runMomentFailure({ parameters: createParameters({ [field]: value }) });
		expect(sent).toHaveLength(0);
		expect(error.message).toMatch(new RegExp(`^${label} .* is not (a valid Moment ID|a calendar date)$`));
	});
});

describe('Update a time record', () => {
	const existing = { id: 900, userAccountId: USER, projectId: PROJECT, timeRecordDate: '2026-12-02', minutes: 60 };

	it('reads the record, checks its day, and sends only the changed fields', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, existing);
		user('2026-11-30');
		moment().patch(`${PREFIX}/timeRecords/900`, { minutes: 150 }).reply(200, { ...existing, minutes: 150 });
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('900'), updateFields: { minutes: '2.5h' } },
		});
		expect(jsonOf(items)).toEqual([{ ...existing, minutes: 150, hours: 2.5 }]);
	});

	it('refuses moving the record onto a locked day, and changing a record on a locked day', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, existing);
		user('2026-11-30');
		const moving = await runMomentFailure({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('900'), updateFields: { timeRecordDate: '2026-11-29' } },
		});
		expect(moving.error.message).toContain('The date 2026-11-29 is locked');
		moment().get(`${PREFIX}/timeRecords/901`).reply(200, { ...existing, id: 901, timeRecordDate: '2026-11-20' });
		user('2026-11-30');
		const locked = await runMomentFailure({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('901'), updateFields: { minutes: '30' } },
		});
		expect(locked.error.description).toContain('Time record 901 is on a locked day, so it cannot be changed.');
		expect(locked.sent.map((request) => request.options.method)).toEqual(['GET', 'GET']);
	});

	it('looks up the membership again when the project changes', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, existing);
		user(null);
		memberships([{ id: 555, projectId: 62788999 }], USER, 62788999);
		moment().patch(`${PREFIX}/timeRecords/900`, { projectId: 62788999, projectMembershipId: 555 }).reply(204);
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('900'), updateFields: { projectId: byId('62788999') } },
		});
		expect(items[0].json).toMatchObject({ id: 900, updated: true, notice: expect.stringContaining('Project membership 555') });
	});
});

describe('Delete a time record', () => {
	it('deletes a record on an open day', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, { id: 900, userAccountId: USER, timeRecordDate: '2026-12-02' });
		user('2026-11-30');
		moment().delete(`${PREFIX}/timeRecords/900`).reply(204);
		const { items } = await runMoment({ parameters: { resource: 'timeRecord', operation: 'delete', id: byId('900') } });
		expect(jsonOf(items)).toEqual([{ deleted: true, id: 900 }]);
	});

	it('refuses a record on a locked day without sending the DELETE', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, { id: 900, userAccountId: USER, timeRecordDate: '2026-11-30' });
		user('2026-11-30');
		const { error, sent } = await runMomentFailure({ parameters: { resource: 'timeRecord', operation: 'delete', id: byId('900') } });
		expect(error.description).toContain('Time record 900 is on a locked day, so it cannot be deleted.');
		expect(sent.map((request) => request.options.method)).toEqual(['GET', 'GET']);
	});
});

describe('IDs from Moment and from Other Fields (JSON) pass the one ID rule before any request uses them', () => {
	const hostile: unknown[] = ['../../customers/1', '1/2', 'abc', 0, -1, 1e30, 2 ** 53 + 2, '007'];

	it.each(hostile)('a time record Moment stored with userAccountId %p: Update and Delete are refused after reading it, nothing else is requested', async (userAccountId) => {
		for (const operation of ['update', 'delete']) {
			moment().get(`${PREFIX}/timeRecords/900`).reply(200, { id: 900, userAccountId, projectId: PROJECT, timeRecordDate: '2026-12-02' });
			const { error, sent } = await runMomentFailure({
				parameters: { resource: 'timeRecord', operation, id: byId('900'), updateFields: { minutes: '30' } },
			});
			expect(error.message).toMatch(/^Moment sent time record 900 with userAccountId .+, which is not a Moment ID$/);
			expect(error.description).toContain('Nothing was sent to Moment.');
			expect(sent.map((request) => `${request.options.method} ${new URL(request.options.url).pathname}`)).toEqual([`GET ${PREFIX}/timeRecords/900`]);
		}
	});

	it.each(hostile)('userAccountId %p in Other Fields (JSON) is refused before any request', async (userAccountId) => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('900'), updateFields: {}, otherFieldsJson: { userAccountId } },
		});
		expect(error.message).toMatch(/^"userAccountId" in Other Fields \(JSON\) is .+, which is not a valid Moment ID$/);
		expect(error.description).toContain('Nothing was sent to Moment.');
		expect(sent).toEqual([]);
	});

	it('ID fields in Other Fields (JSON) are sent as numbers; null is sent as given', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, { id: 900, userAccountId: USER, projectId: PROJECT, timeRecordDate: '2026-12-02' });
		user(null);
		moment().patch(`${PREFIX}/timeRecords/900`, { taskId: null, projectMembershipId: 42, minutes: 30 }).reply(204);
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'update', id: byId('900'), updateFields: { minutes: '30' }, otherFieldsJson: '{"taskId": null, "projectMembershipId": " 42 "}' },
		});
		expect(items[0].json).toMatchObject({ id: 900, updated: true });
	});
});
