/**
 * What the time-record checks read from Moment: the record itself, a user's time lock date and a
 * user's membership of a project. A user's lock date and a membership are read once per execution
 * (a list of 100 rows for one user costs one user request, not 100).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';
import { projectMembership } from '../../catalog/projectMembership';
import { timeRecord } from '../../catalog/timeRecord';
import { user as userResource } from '../../catalog/user';
import { momentApiRequest, momentApiRequestAllItems } from '../../transport';
import { toCalendarDate } from '../calendarDate';

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

function about(resource: MomentResource) {
	return { entity: resource.apiPath, resourceName: resource.displayName, resourcePlural: resource.plural };
}

function asRecord(body: unknown): IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
}

export async function readTimeRecord(this: IExecuteFunctions, itemIndex: number, id: string): Promise<IDataObject> {
	const body = await momentApiRequest.call(this, {
		method: 'GET',
		...about(timeRecord),
		id,
		itemIndex,
	});
	return asRecord(body);
}

/** The user's time lock date as YYYY-MM-DD, or undefined when the user has none. */
export async function readTimeLockDate(this: IExecuteFunctions, itemIndex: number, userAccountId: string): Promise<string | undefined> {
	const user: IDataObject = await once(this, `user:${userAccountId}`, async () =>
		asRecord(
			await momentApiRequest.call(this, {
				method: 'GET',
				...about(userResource),
				id: userAccountId,
				itemIndex,
			}),
		),
	);
	const lockDate = user.timeLockDate;
	return typeof lockDate === 'string' ? toCalendarDate(lockDate, 'UTC') : undefined;
}

export interface Membership {
	id: string | number;
	role?: unknown;
}

function matches(record: IDataObject, field: string, wanted: string): boolean {
	const value = record[field];
	return value === undefined || value === null || String(value) === wanted;
}

/** The user's first active membership of the project, or undefined when there is none. */
export async function findMembership(
	this: IExecuteFunctions,
	itemIndex: number,
	userAccountId: string,
	projectId: string,
): Promise<Membership | undefined> {
	return await once(this, `membership:${userAccountId}:${projectId}`, async () => {
		const records = await momentApiRequestAllItems.call(
			this,
			{
				...about(projectMembership),
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
