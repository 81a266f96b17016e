// Scenario 9: time records in real n8n: create (membership looked up, typed date and duration),
// get it back, and Get Many of one day never returns another day's records although the
// simulator, like Moment, ignores fromDate/toDate.
import { outputItems, timeRecordWorkflow } from '../lib/workflows.mjs';

const ID = 'e2eTimeRecord001';

/** A user with a lock date, an active membership of theirs and an open activity of that project. */
export function openTimeSlot(sim) {
	const users = sim.data('userAccounts').filter((u) => u.timeLockDate);
	for (const user of users) {
		for (const membership of sim.data('projectMemberships')) {
			if (membership.userAccountId !== user.id || membership.projectMembershipState !== 'active') continue;
			const activity = sim.data('projectExtensions').find((a) => a.projectId === membership.projectId && a.projectExtensionState === 'open');
			if (activity) return { user, membership, activity };
		}
	}
	throw new Error('the simulator has no user with an active membership and an open activity');
}

/** The day of the round trip: the latest seeded day, so other records of that user may share it. */
function dayOf(sim, user) {
	const days = sim.data('timeRecords').filter((r) => r.userAccountId === user.id).map((r) => r.timeRecordDate).sort();
	const latest = days[days.length - 1];
	return latest && latest > user.timeLockDate ? latest : new Date().toISOString().slice(0, 10);
}

export function timeRecordWorkflows({ sim, credential }) {
	const { user, membership, activity } = openTimeSlot(sim);
	const day = dayOf(sim, user);
	const slot = { user, membership, activity, day };
	return { slot, workflow: timeRecordWorkflow({ id: ID, credential, projectId: membership.projectId, activityId: activity.id, userId: user.id, day }) };
}

export async function timeRecordRoundTrip({ n8n, sim, checks, setup }) {
	const { user, membership, activity, day } = setup.timeRecords.slot;
	sim.clearLog();
	const run = await n8n.execute(ID);
	checks.ok(run.status === 'success', `time record workflow ran successfully (status ${run.status})`, run.data?.resultData?.error?.message);
	const created = outputItems(run, 'Create Time Record')[0] ?? {};
	const stored = created.id === undefined ? undefined : sim.record('timeRecords', created.id);
	checks.equal(
		stored && { day: stored.timeRecordDate, minutes: stored.minutes, membership: stored.projectMembershipId, activity: stored.projectExtensionId },
		{ day, minutes: 105, membership: membership.id, activity: activity.id },
		'Create stored the day as given (no time-zone shift), 105 minutes and the looked-up membership',
	);
	checks.ok(
		typeof created.notice === 'string' && created.notice.includes(String(membership.id)) && created.hours === 1.75,
		'the created item says the membership was looked up, and carries hours 1.75',
		created,
	);
	const got = outputItems(run, 'Get Time Record');
	checks.equal(got, [{ ...sim.data('timeRecords', { include: 'base' }).find((r) => r.id === created.id), hours: 1.75 }], 'Get after Create equals the stored record (plus hours)');
	const day1 = outputItems(run, 'Get Day of User');
	const truth = sim.data('timeRecords').filter((r) => r.userAccountId === user.id && r.timeRecordDate === day);
	checks.equal(day1.map((r) => r.id).sort(), truth.map((r) => r.id).sort(), `Get Many of user ${user.id} on ${day} returned exactly that day's ${truth.length} records`);
	const ofUser = sim.data('timeRecords').filter((r) => r.userAccountId === user.id).length;
	checks.ok(ofUser > truth.length, `the simulator sent the user's other days too (${ofUser} records of the user), and none came through`);
	const methods = sim.log().map((e) => `${e.method} ${e.entity}${e.id ? '/id' : ''}`);
	checks.equal(
		methods.slice(0, 4),
		['GET userAccounts/id', 'GET projectMemberships', 'POST timeRecords', 'GET timeRecords/id'],
		'requests: the user (lock date), the membership, the POST, the Get',
	);
}
