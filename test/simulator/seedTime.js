'use strict';
/**
 * Seed records of the time-tracking entities: users (ids 5000001.. as the claims' userAccountId),
 * three activities per project (some closed), tasks on some activities, project memberships and
 * time records on the 8 weeks before `today` (the day the simulator starts, UTC, unless given).
 * Deterministic for a seed, counts and day; drawn from their own random stream, so the other
 * entities' seed data is unchanged.
 *
 * Users' timeLockDate: most users have hours locked up to 5 weeks before `today`; every fourth
 * user has no lock. Time records are only registered under an active membership.
 */
const FIRST_USER_ID = 5000001;
const FIRST_ACTIVITY_ID = 63000001;
const FIRST_TASK_ID = 64000001;
const FIRST_MEMBERSHIP_ID = 65000001;
const FIRST_TIME_RECORD_ID = 66000001;
const DAY = 86400000;

const FIRST_NAMES = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sofie', 'Magnus', 'Nora', 'Henrik', 'Emma', 'Jonas', 'Maja', 'Sindre'];
const LAST_NAMES = ['Nordmann', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Berg', 'Haugen', 'Dahl'];
const ACTIVITIES = ['Design', 'Development', 'Project management', 'Meetings', 'Testing', 'Travel'];
const TASKS = ['Wireframes', 'Backend', 'Frontend', 'Review', 'Launch', 'Documentation'];
const ROLES = ['Consultant', 'Project manager', 'Developer', 'Designer'];
const TEXTS = ['Workshop with the customer', 'Implementation', 'Status meeting', 'Bug fixing', 'Design review', 'Planning'];

const dateOnly = (ms) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms) => new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');

function todayMs(today) {
	const day = today ?? new Date().toISOString().slice(0, 10);
	return Date.parse(`${day}T00:00:00Z`);
}

/** Adds the time-tracking entities to `records` (which already holds projects). */
function generateTimeData(rng, counts, records, today) {
	const now = todayMs(today);
	const userCount = Math.max(0, Math.floor(Number(counts.userAccounts) || 0));
	const users = Array.from({ length: userCount }, (_, i) => {
		const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
		const lastName = LAST_NAMES[(i * 3) % LAST_NAMES.length];
		return {
			id: FIRST_USER_ID + i,
			employeeNumber: String(100 + i),
			name: `${firstName} ${lastName}`,
			firstName,
			lastName,
			email: `${firstName}.${lastName}${i >= FIRST_NAMES.length ? i : ''}@example.no`.toLowerCase(),
			timeLockDate: i % 4 === 3 ? null : dateOnly(now - 35 * DAY),
			userAccountState: 'active',
			createdDate: stamp(now - 400 * DAY + i * DAY),
			lastModifiedDate: stamp(now - 40 * DAY),
		};
	});
	const activities = [];
	const tasks = [];
	for (const project of records.projects) {
		for (let a = 0; a < 3; a++) {
			const activity = {
				id: FIRST_ACTIVITY_ID + activities.length,
				name: ACTIVITIES[(project.id + a) % ACTIVITIES.length],
				projectId: project.id,
				projectName: project.name,
				projectExtensionState: a === 2 && rng.chance(0.5) ? 'closed' : 'open',
				createdDate: project.createdDate,
				lastModifiedDate: project.lastModifiedDate,
			};
			activities.push(activity);
			if (a === 0 || rng.chance(0.3)) {
				for (let t = 0; t < 2; t++) {
					tasks.push({
						id: FIRST_TASK_ID + tasks.length,
						taskNumber: String(t + 1),
						name: TASKS[(activity.id + t) % TASKS.length],
						taskState: t === 1 && rng.chance(0.3) ? 'closed' : 'open',
						projectId: project.id,
						projectExtensionId: activity.id,
						createdDate: project.createdDate,
						lastModifiedDate: project.lastModifiedDate,
					});
				}
			}
		}
	}
	const memberships = [];
	const projects = records.projects;
	for (const user of users) {
		const on = projects.length === 0 ? [] : Array.from({ length: Math.min(6, projects.length) }, (_, k) => projects[(user.id + k * 7) % projects.length]);
		for (const [k, project] of [...new Set(on)].entries()) {
			memberships.push({
				id: FIRST_MEMBERSHIP_ID + memberships.length,
				projectId: project.id,
				projectName: project.name,
				userAccountId: user.id,
				projectMembershipState: k === 5 ? 'inactive' : 'active',
				projectMembershipRoleName: ROLES[(user.id + k) % ROLES.length],
				createdDate: stamp(now - 200 * DAY),
				lastModifiedDate: stamp(now - 200 * DAY),
			});
		}
	}
	const active = memberships.filter((membership) => membership.projectMembershipState === 'active');
	const recordCount = active.length === 0 ? 0 : Math.max(0, Math.floor(Number(counts.timeRecords) || 0));
	const timeRecords = [];
	for (let i = 0; i < recordCount; i++) {
		const membership = rng.pick(active);
		const open = activities.filter((activity) => activity.projectId === membership.projectId && activity.projectExtensionState === 'open');
		const activity = rng.pick(open.length > 0 ? open : activities.filter((a) => a.projectId === membership.projectId));
		const ofActivity = tasks.filter((task) => task.projectExtensionId === activity.id);
		const task = ofActivity.length > 0 && rng.chance(0.5) ? rng.pick(ofActivity) : undefined;
		const day = now - (56 - Math.floor((i * 56) / recordCount)) * DAY;
		timeRecords.push({
			id: FIRST_TIME_RECORD_ID + i,
			projectId: membership.projectId,
			projectName: membership.projectName,
			projectExtensionId: activity.id,
			projectExtensionName: activity.name,
			userAccountId: membership.userAccountId,
			timeRecordDate: dateOnly(day),
			minutes: rng.pick([30, 45, 60, 90, 120, 150, 240, 450]),
			description: rng.pick(TEXTS),
			internalNote: rng.chance(0.3) ? 'Registered from the ticket system' : '',
			taskId: task ? task.id : null,
			taskName: task ? task.name : null,
			taskNumber: task ? task.taskNumber : null,
			taskState: task ? task.taskState : null,
			projectMembershipId: membership.id,
			createdDate: stamp(day + 16 * 3600 * 1000),
			lastModifiedDate: stamp(day + 16 * 3600 * 1000),
		});
	}
	const time = { userAccounts: users, projectExtensions: activities, tasks, projectMemberships: memberships, timeRecords };
	// Spring's @Version stamp (entities.js STAMPS): the seeded records were never changed
	for (const list of Object.values(time)) for (const record of list) record.version = 0;
	Object.assign(records, time);
}

module.exports = { generateTimeData, FIRST_USER_ID, FIRST_TIME_RECORD_ID };
