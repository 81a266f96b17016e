/**
 * The high water of "Ask Moment for Changed Records Only": the latest last-change (or creation)
 * date seen, from which the next poll asks Moment for changes (minus a day of overlap). It is
 * never later than the start of the poll that sets it: one record dated in the future (an import,
 * a wrong clock) would otherwise move it past now, and every later change would go unasked for,
 * silently and for good. Such a date is logged once per trigger and date (per n8n process), not at
 * every poll. A stored high water in the future (written before this cap) is capped the same way.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordStampsOf } from '../catalog';
import { recordKeyOf } from './changeDetection';
import { recordDate } from './dates';
import type { PollSettings } from './settings';

/** Triggers whose latest future date is remembered at once; the one logged longest ago goes first. */
const MAX_REMEMBERED = 1000;
const loggedFuture = new Map<string, number>();

export interface HighWater {
	/** The new high water (ms), at most the poll's start; undefined when no record carries a date. */
	value: number | undefined;
	/** The latest date after the poll's start, with the record's key (none for a stored high water). */
	future?: { date: number; key?: string };
}

/** Latest last-change (or creation) date among the records and the previous high water, capped at `startedAt`. */
export function highWaterOf(records: IDataObject[], settings: PollSettings, previous: number | undefined, startedAt: number): HighWater {
	const stamps = recordStampsOf(settings.resource);
	const fields = [...stamps.modifiedDateFields, ...stamps.createdDateFields];
	let future: HighWater['future'] = previous !== undefined && previous > startedAt ? { date: previous } : undefined;
	let latest = previous === undefined ? undefined : Math.min(previous, startedAt);
	for (const record of records) {
		const date = recordDate(record, fields, settings.timeZone);
		if (date === undefined) continue;
		if (date > startedAt && (future === undefined || date > future.date)) future = { date, key: recordKeyOf(record) };
		const capped = Math.min(date, startedAt);
		if (latest === undefined || capped > latest) latest = capped;
	}
	return { value: latest, future };
}

/** Whether `date` is a future date not yet logged for the trigger `lock` (a later one is logged again). */
export function firstSighting(lock: string, date: number): boolean {
	const logged = loggedFuture.get(lock);
	if (logged !== undefined && logged >= date) return false;
	loggedFuture.delete(lock);
	loggedFuture.set(lock, date);
	if (loggedFuture.size > MAX_REMEMBERED) {
		const oldest = loggedFuture.keys().next().value;
		if (oldest !== undefined) loggedFuture.delete(oldest);
	}
	return true;
}
