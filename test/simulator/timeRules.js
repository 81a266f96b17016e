'use strict';
/**
 * What the simulator's Moment does when a time record is written (assumed, see the README's
 * assumptions; the lock date and the membership are observed facts, the answers are guesses):
 * - hours on or before the user's timeLockDate are locked: create, update and delete are 400;
 * - the project membership must be an active membership of the user on the project: 400;
 * - the activity must belong to the project, the task to the activity: 400;
 * - the names (projectName, projectExtensionName, taskName, taskNumber, taskState) follow the ids.
 */
function httpError(status, message) {
	return { error: { status, message } };
}

function lockError(company, record, verb) {
	const user = company.get('userAccounts', record.userAccountId);
	const lock = user ? user.timeLockDate : null;
	if (lock && record.timeRecordDate && record.timeRecordDate <= lock) {
		return httpError(400, `Hours of user ${record.userAccountId} on or before ${lock} are locked; cannot ${verb} a time record on ${record.timeRecordDate}`);
	}
	return undefined;
}

/** Checks a time record about to be stored (`before` is the stored one on update). Returns { error } or undefined. */
function checkTimeRecordWrite(company, before, after) {
	if (before) {
		const locked = lockError(company, before, 'change');
		if (locked) return locked;
	}
	const locked = lockError(company, after, before ? 'move' : 'create');
	if (locked) return locked;
	const membership = company.get('projectMemberships', after.projectMembershipId);
	if (!membership || membership.userAccountId !== after.userAccountId || membership.projectId !== after.projectId || membership.projectMembershipState !== 'active') {
		return httpError(400, `Project membership ${after.projectMembershipId} is not an active membership of user ${after.userAccountId} on project ${after.projectId}`);
	}
	const activity = company.get('projectExtensions', after.projectExtensionId);
	if (!activity || activity.projectId !== after.projectId) {
		return httpError(400, `Project extension ${after.projectExtensionId} does not belong to project ${after.projectId}`);
	}
	if (after.taskId !== null && after.taskId !== undefined) {
		const task = company.get('tasks', after.taskId);
		if (!task || task.projectExtensionId !== after.projectExtensionId) {
			return httpError(400, `Task ${after.taskId} does not belong to project extension ${after.projectExtensionId}`);
		}
	}
	if (!Number.isInteger(after.minutes) || after.minutes < 1 || after.minutes > 1440) {
		return httpError(400, `Field 'minutes' of time record must be a whole number from 1 to 1440`);
	}
	const task = after.taskId ? company.get('tasks', after.taskId) : undefined;
	Object.assign(after, {
		projectExtensionName: activity.name,
		taskName: task ? task.name : null,
		taskNumber: task ? task.taskNumber : null,
		taskState: task ? task.taskState : null,
	});
	return undefined;
}

function checkTimeRecordDelete(company, record) {
	return lockError(company, record, 'delete');
}

module.exports = { checkTimeRecordWrite, checkTimeRecordDelete };
