/**
 * resources/timeRecord/: what only time records do before they are written (map:
 * docs/development.md, "Where each concern lives"); their facts and screen are beside this file.
 * - Locked dates: Moment locks a user's hours on or before the user's `timeLockDate`. A create,
 *   update or delete touching a locked day (the record's current day, and the new one) is refused
 *   before it is sent, with a message naming the lock date.
 * - Project membership: the only client seen writing time records sends `projectMembershipId`.
 *   When it is not given (and the project or user is set), the user's active membership of the
 *   project is looked up and sent, and the output item says so; without one the write is refused
 *   with "this user is not a member of the project".
 * Update and Delete read the record first (its user, day and project). A user's lock date and a
 * membership are read once per execution (a list of 100 rows for one user costs one user request,
 * not 100).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BeforeWrite } from '../../actions/writeBody';
import { toCalendarDate } from '../../actions/parameters';
import { parseRecordId } from '../../catalog';
import { momentApiRequest, momentApiRequestAllItems } from '../../transport';
import { isRecord, quote } from '../../values';
import { projectMembership } from '../projectMembership/projectMembership.facts';
import { user as userResource } from '../user/user.facts';
import { timeRecord } from './timeRecord.facts';

// ---- The reads: the record itself, a user's time lock date, a user's membership of a project ----

const cache = new WeakMap<object, Map<string, Promise<unknown>>>();

function once<T>(ctx: IExecuteFunctions, key: string, read: () => Promise<T>): Promise<T> {
	const entries = cache.get(ctx) ?? new Map<string, Promise<unknown>>();
	cache.set(ctx, entries);
	let entry = entries.get(key) as Promise<T> | undefined;
	if (!entry) {
		entry = read();
		entries.set(key, entry);
		// a failed read is not remembered: the next item tries again
		entry.catch(() => entries.delete(key));
	}
	return entry;
}

/** A record as Moment answered it, or {} for anything else (nothing to check then). */
function recordOrEmpty(body: unknown): IDataObject {
	return isRecord(body) ? body : {};
}

async function readTimeRecord(this: IExecuteFunctions, itemIndex: number, id: string): Promise<IDataObject> {
	return recordOrEmpty(await momentApiRequest.call(this, { method: 'GET', resource: timeRecord, id, itemIndex }));
}

/** The user's time lock date as YYYY-MM-DD, or undefined when the user has none. */
async function readTimeLockDate(this: IExecuteFunctions, itemIndex: number, userAccountId: string): Promise<string | undefined> {
	const user: IDataObject = await once(this, `user:${userAccountId}`, async () =>
		recordOrEmpty(await momentApiRequest.call(this, { method: 'GET', resource: userResource, id: userAccountId, itemIndex })),
	);
	const lockDate = user.timeLockDate;
	return typeof lockDate === 'string' ? toCalendarDate(lockDate, 'UTC') : undefined;
}

interface Membership {
	id: string | number;
	role?: unknown;
}

function matches(record: IDataObject, field: string, wanted: string): boolean {
	const value = record[field];
	return value === undefined || value === null || String(value) === wanted;
}

/** The user's first active membership of the project, or undefined when there is none. */
async function findMembership(
	this: IExecuteFunctions,
	itemIndex: number,
	userAccountId: string,
	projectId: string,
): Promise<Membership | undefined> {
	return await once(this, `membership:${userAccountId}:${projectId}`, async () => {
		const records = await momentApiRequestAllItems.call(
			this,
			{
				resource: projectMembership,
				qs: { userAccountId, projectId, projectMembershipState: 'active' },
				keep: (record) =>
					matches(record, 'userAccountId', userAccountId) &&
					matches(record, 'projectId', projectId) &&
					matches(record, 'projectMembershipState', 'active') &&
					(typeof record.id === 'number' || typeof record.id === 'string'),
				itemIndex,
			},
			1,
		);
		const found = records[0];
		return found ? { id: found.id as string | number, role: found.projectMembershipRoleName } : undefined;
	});
}

// ---- The checks ----

function idText(value: unknown): string | undefined {
	return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? String(value).trim() : undefined;
}

/**
 * An ID field of the time record as Moment stored it, checked by the one ID rule before it is used
 * (the user's lock date is read by it): absent is fine, anything else that is not a Moment ID
 * refuses the write, since the lock date could not be checked.
 */
function storedId(this: IExecuteFunctions, itemIndex: number, id: string, existing: IDataObject, field: string): string | undefined {
	const raw = existing[field];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const checked = parseRecordId(raw);
	if (checked !== undefined) return checked;
	throw new NodeOperationError(this.getNode(), `Moment sent time record ${id} with ${field} ${quote(raw)}, which is not a Moment ID`, {
		itemIndex,
		description: 'The node reads the time lock date and project membership by these IDs, and only Moment IDs (positive whole numbers) go into a request. Nothing was sent to Moment. Please report this with the time record\'s ID.',
	});
}

function day(value: unknown): string | undefined {
	return typeof value === 'string' ? toCalendarDate(value, 'UTC') : undefined;
}

async function refuseLockedDay(
	this: IExecuteFunctions,
	itemIndex: number,
	userAccountId: string | undefined,
	recordDay: string | undefined,
	which: string,
): Promise<void> {
	if (userAccountId === undefined || recordDay === undefined) return;
	const lockDate = await readTimeLockDate.call(this, itemIndex, userAccountId);
	if (lockDate === undefined || recordDay > lockDate) return;
	throw new NodeOperationError(
		this.getNode(),
		`The date ${recordDay} is locked: hours of user ${userAccountId} on or before ${lockDate} (the user's time lock date) cannot be changed`,
		{
			itemIndex,
			description: `${which} Nothing was sent to Moment. Use a date after ${lockDate}, or ask a Moment administrator to move the user's time lock date.`,
		},
	);
}

export const checkTimeRecordWrite: BeforeWrite = async function (itemIndex, write) {
	const read: IDataObject | undefined =
		write.id === undefined ? undefined : await readTimeRecord.call(this, itemIndex, write.id);
	// the stored IDs, checked (the body's were checked when it was built: writeBody.ts)
	const existing: IDataObject | undefined =
		read && write.id !== undefined
			? { ...read, userAccountId: storedId.call(this, itemIndex, write.id, read, 'userAccountId'), projectId: storedId.call(this, itemIndex, write.id, read, 'projectId') }
			: undefined;
	if (existing) {
		const verb = write.operation === 'delete' ? 'deleted' : 'changed';
		await refuseLockedDay.call(
			this,
			itemIndex,
			idText(existing.userAccountId),
			day(existing.timeRecordDate),
			`Time record ${write.id} is on a locked day, so it cannot be ${verb}.`,
		);
	}
	const body = write.body;
	if (write.operation === 'delete' || body === undefined) return undefined;

	const target = { ...existing, ...body };
	const userAccountId = idText(target.userAccountId);
	if (!existing || 'userAccountId' in body || 'timeRecordDate' in body) {
		await refuseLockedDay.call(this, itemIndex, userAccountId, day(target.timeRecordDate), 'Moment would refuse hours on a locked day.');
	}

	const projectId = idText(target.projectId);
	const moved = !existing || 'projectId' in body || 'userAccountId' in body;
	if (!moved || idText(body.projectMembershipId) !== undefined || userAccountId === undefined || projectId === undefined) {
		return undefined;
	}
	const membership = await findMembership.call(this, itemIndex, userAccountId, projectId);
	if (!membership) {
		throw new NodeOperationError(
			this.getNode(),
			`This user is not a member of the project: user ${userAccountId} has no active membership of project ${projectId} in Moment`,
			{
				itemIndex,
				description:
					'Moment registers hours under a project membership. Add the user to the project in Moment, or give a Project Membership ID. Nothing was sent to Moment.',
			},
		);
	}
	body.projectMembershipId = membership.id;
	const role = typeof membership.role === 'string' && membership.role !== '' ? ` (${membership.role})` : '';
	return `Project membership ${membership.id}${role} of user ${userAccountId} on project ${projectId} was looked up and sent as projectMembershipId, since none was given.`;
};
