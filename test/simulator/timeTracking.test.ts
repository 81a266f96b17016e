/**
 * The simulator's time-tracking entities and the quirks observed on Moment: timeRecords refuse
 * any include and ignore fromDate/toDate; users' e-mail only with +email; writes on or before a
 * user's timeLockDate and writes without an active membership are refused.
 */
import type { ErrorBody, ListBody } from './httpClient';
import { call } from './httpClient';
import type { SimRecord, Simulator } from './index';
import { startSimulator } from './index';

const TODAY = '2026-12-01';
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, today: TODAY });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function openMembership(): { membership: SimRecord; user: SimRecord; activity: SimRecord } {
	const users = sim.data('userAccounts');
	const membership = sim
		.data('projectMemberships')
		.find((m) => m.projectMembershipState === 'active' && users.some((u) => u.id === m.userAccountId))!;
	const user = sim.record('userAccounts', membership.userAccountId as number)!;
	const activity = sim.data('projectExtensions').find((a) => a.projectId === membership.projectId && a.projectExtensionState === 'open')!;
	return { membership, user, activity };
}

function body(membership: SimRecord, activity: SimRecord, day: string) {
	return {
		projectId: membership.projectId,
		projectExtensionId: activity.id,
		userAccountId: membership.userAccountId,
		projectMembershipId: membership.id,
		timeRecordDate: day,
		minutes: 90,
		description: 'Workshop',
	};
}

describe('time tracking in the simulator', () => {
	it('seeds users, activities (some closed), tasks, memberships and 8 weeks of time records before today', () => {
		const records = sim.data('timeRecords');
		expect(records.length).toBeGreaterThan(100);
		const days = records.map((r) => String(r.timeRecordDate)).sort();
		expect(days[0] >= '2026-10-06' && days[days.length - 1] < TODAY).toBe(true);
		expect(sim.data('projectExtensions').some((a) => a.projectExtensionState === 'closed')).toBe(true);
		expect(sim.data('tasks').length).toBeGreaterThan(0);
		expect(sim.data('userAccounts').filter((u) => u.timeLockDate === '2026-10-27').length).toBeGreaterThan(0);
	});

	it('refuses an include on timeRecords, and ignores fromDate / toDate (records outside the range come back)', async () => {
		expect((await call<ErrorBody>(sim, 'GET', '/timeRecords/include/base')).status).toBe(400);
		const list = await call<ListBody>(sim, 'GET', '/timeRecords?fromDate=2026-11-23&toDate=2026-11-29&size=500');
		expect(list.status).toBe(200);
		expect(list.body.content.some((r) => String(r.timeRecordDate) < '2026-11-23')).toBe(true);
		const one = sim.data('timeRecords')[0];
		const byUser = await call<ListBody>(sim, 'GET', `/timeRecords?userAccountId=${String(one.userAccountId)}&size=500`);
		expect(byUser.body.content.every((r) => r.userAccountId === one.userAccountId)).toBe(true);
	});

	it("returns a user's e-mail only with +email, and timeLockDate on a plain GET", async () => {
		const user = sim.data('userAccounts')[0];
		const plain = await call(sim, 'GET', `/userAccounts/${user.id}`);
		expect(plain.body.email).toBeUndefined();
		expect(plain.body.timeLockDate).toBe(user.timeLockDate);
		expect((await call(sim, 'GET', `/userAccounts/${user.id}/include/base+email`)).body.email).toBe(user.email);
	});

	it('creates a time record under an active membership, with the names filled in; refuses locked days and non-members', async () => {
		const { membership, user, activity } = openMembership();
		const created = await call(sim, 'POST', '/timeRecords', { body: body(membership, activity, TODAY) });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ minutes: 90, timeRecordDate: TODAY, projectExtensionName: activity.name });

		const lock = user.timeLockDate as string | null;
		if (lock) {
			const locked = await call<ErrorBody>(sim, 'POST', '/timeRecords', { body: body(membership, activity, lock) });
			expect([locked.status, locked.body.message]).toEqual([400, expect.stringContaining(`on or before ${lock} are locked`)]);
		}
		const other = sim.data('projectMemberships').find((m) => m.userAccountId !== membership.userAccountId)!;
		const notMember = await call<ErrorBody>(sim, 'POST', '/timeRecords', { body: { ...body(membership, activity, TODAY), projectMembershipId: other.id } });
		expect(notMember.status).toBe(400);
		const withoutMembership = await call<ErrorBody>(sim, 'POST', '/timeRecords', { body: { ...body(membership, activity, TODAY), projectMembershipId: undefined } });
		expect(withoutMembership.body.message).toContain("Field 'projectMembershipId' is required");
	});

	it('refuses changing or deleting a record on a locked day', async () => {
		const locked = sim.data('timeRecords').find((r) => {
			const user = sim.record('userAccounts', r.userAccountId as number);
			return user?.timeLockDate && String(r.timeRecordDate) <= String(user.timeLockDate);
		})!;
		expect((await call<ErrorBody>(sim, 'PATCH', `/timeRecords/${locked.id}`, { body: { minutes: 30 } })).status).toBe(400);
		expect((await call<ErrorBody>(sim, 'DELETE', `/timeRecords/${locked.id}`)).status).toBe(400);
	});
});
