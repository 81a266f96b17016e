/**
 * Telling a lost memory from a first poll. n8n hands a poll trigger an empty memory on its first
 * poll, and also in a few cases where the trigger has polled before (read in n8n 1.123.81's and
 * 2.41.3's source and seen in the end-to-end suite, docs/poll-trigger.md "Republishing"):
 * - n8n's default scheduler (1.123 and 2.41) files the memory under the node's *name*
 *   (`staticData['node:<name>']`, Workflow.getStaticData): after the trigger node is renamed and
 *   the workflow published (1.123: saved while active), the memory under the new name is empty;
 *   the old one stays under the old name, out of the node's reach;
 * - n8n 2.41's durable poll cursors (keyed by workflow and node ID, so a rename keeps them) commit
 *   the poll n8n runs at publishing only if it emitted: after a restart before the next poll's
 *   commit, the first-poll snapshot is gone (lastWritten.ts closes this only within one process).
 *
 * So each trigger also leaves a marker in the workflow's *global* static data, keyed by node ID:
 * the signature and size of its memory, and the latest change date it had seen. The global scope
 * is not keyed by node name, and n8n saves it with the node's memory in the default scheduler (one
 * write of the whole static data, at each emitting poll and at publishing) and, with durable
 * cursors, at publishing and at each emitting poll (`saveStaticData` before the execution's
 * commit). The marker is only read when n8n hands over no memory at all and this process wrote
 * none: it never changes a poll that has a memory, so it cannot break the exactly-once rules of
 * pollRun.ts and lastWritten.ts.
 *
 * A poll that finds no memory but its marker (same signature) knows it has polled before. If the
 * marker has a date, it catches up: it emits the records changed (for New Records: created) since
 * that date minus CATCH_UP_OVERLAP_MS and remembers the rest; nothing changed in the gap is
 * skipped, and a change seen just before the loss may come once more. Deletions in the gap cannot
 * be told (the list of what existed is what was lost). Without a date (records that carry none)
 * it follows "On First Poll", and says so. Either way it logs a warning.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordStampsOf } from '../catalog';
import type { SeenChange } from './changeDetection';
import { recordDate } from './dates';
import type { PollSettings } from './settings';

/** Key under the workflow's global static data: node ID → marker. */
export const MARKERS_KEY = 'momentPollTrigger';
/**
 * A catch-up starts this long before the latest change date the lost memory had seen: a save
 * Moment stamped before that read but committed after it (a long transaction) is still caught.
 */
export const CATCH_UP_OVERLAP_MS = 60_000;
/** Markers kept per workflow; beyond, the oldest goes (a trigger node deleted long ago). */
export const MAX_MARKERS = 50;

export interface PollMarker {
	/** Signature of the memory it stands for (resource, change detection, company). */
	signature: string;
	/** Sequence number of that memory. */
	sequence: number;
	/** Records that memory held. */
	count: number;
	/** When that memory was written (n8n's clock, ISO 8601). */
	at: string;
	/**
	 * The latest change or creation date among the records read by the last poll that left no
	 * change pending (Moment's clock, never later than that poll's start): every change after that
	 * poll carries a date at or after it.
	 */
	since?: string;
}

export interface LostMemory {
	marker: PollMarker;
	/** Where the catch-up starts (ms); undefined: no date known, "On First Poll" applies. */
	catchUpFromMs?: number;
}

const ISO = (ms: number) => new Date(ms).toISOString();

/** The node's marker, or undefined when there is none or it is not one this code wrote. */
export function readMarker(global: IDataObject, nodeId: string): PollMarker | undefined {
	const markers = global[MARKERS_KEY] as IDataObject | undefined;
	const raw = markers && typeof markers === 'object' ? (markers[nodeId] as Partial<PollMarker> | undefined) : undefined;
	if (!raw || typeof raw !== 'object' || typeof raw.signature !== 'string' || typeof raw.at !== 'string') return undefined;
	if (!Number.isInteger(raw.sequence) || !Number.isInteger(raw.count)) return undefined;
	if (raw.since !== undefined && (typeof raw.since !== 'string' || Number.isNaN(Date.parse(raw.since)))) return undefined;
	return { signature: raw.signature, sequence: raw.sequence as number, count: raw.count as number, at: raw.at, ...(raw.since === undefined ? {} : { since: raw.since }) };
}

/** Whether an empty memory was lost: the node's marker says it polled with this signature before. */
export function lostMemoryOf(marker: PollMarker | undefined, signature: string): LostMemory | undefined {
	if (!marker || marker.signature !== signature) return undefined;
	return marker.since === undefined ? { marker } : { marker, catchUpFromMs: Date.parse(marker.since) - CATCH_UP_OVERLAP_MS };
}

/** The settings the first poll of a lost memory applies: a catch-up is "since" the marker's date. */
export function firstPollSettings(settings: PollSettings, lost: LostMemory | undefined): PollSettings {
	return lost?.catchUpFromMs === undefined ? settings : { ...settings, start: 'since', sinceMs: lost.catchUpFromMs };
}

/** A caught-up record is `changed` when it was created before the catch-up point, else `new`. */
export function caughtUpChange(change: SeenChange, settings: PollSettings, lost: LostMemory | undefined): SeenChange {
	if (lost?.catchUpFromMs === undefined) return change;
	const created = recordDate(change.record, recordStampsOf(settings.resource).createdDateFields, settings.timeZone);
	return created !== undefined && created < lost.catchUpFromMs ? { ...change, event: 'changed' } : change;
}

const START_LABELS: Record<PollSettings['start'], string> = {
	nothing: '"Emit Nothing, Remember What Exists": changes made meanwhile are not emitted',
	all: '"Emit Every Existing Record": every record is emitted again',
	since: '"Emit Records Changed Since a Date": the records changed since that date are emitted, again where they came before',
};

/** The warning a poll logs when it finds its memory lost. */
export function lostMemoryWarning(name: string, settings: PollSettings, lost: LostMemory): string {
	const { marker } = lost;
	const before = `Moment Poll Trigger "${name}": n8n handed this poll an empty memory, but this trigger remembered ${marker.count} ${settings.resource.plural} at ${marker.at} (memory ${marker.sequence}); n8n lost it (the node was renamed, or n8n restarted before it kept the first poll's memory).`;
	if (lost.catchUpFromMs === undefined) {
		return `${before} The ${settings.resource.plural} carry no date to catch up from, so it follows On First Poll ${START_LABELS[settings.start]}.`;
	}
	const what = settings.emitChanged ? 'changed or created' : 'created';
	return `${before} It catches up: it emits the ${settings.resource.plural} ${what} since ${ISO(lost.catchUpFromMs)} and remembers the rest. Records deleted meanwhile cannot be told and are not emitted; a change seen shortly before may come once more (a repeat filter on changeKey holds it back).`;
}

/** Latest change or creation date of `records` (never after `cap`), or `previous` when later. */
function latestDate(records: IDataObject[], settings: PollSettings, previous: number | undefined, cap: number): number | undefined {
	const stamps = recordStampsOf(settings.resource);
	const fields = [...stamps.modifiedDateFields, ...stamps.createdDateFields];
	let latest = previous;
	for (const record of records) {
		const date = recordDate(record, fields, settings.timeZone);
		if (date !== undefined && (latest === undefined || date > latest)) latest = date;
	}
	// a date after the poll's start (another clock, another zone) could skip changes; an earlier start only repeats
	return latest === undefined ? undefined : Math.min(latest, cap);
}

export interface WrittenPoll {
	signature: string;
	sequence: number;
	count: number;
	/** The records this poll read. */
	records: IDataObject[];
	/** A change of this read was neither emitted nor remembered (it waits for the next poll). */
	pending: boolean;
	/** This poll emitted, or was a first poll (the writes n8n keeps). */
	kept: boolean;
	startedAt: number;
}

/**
 * Updates the node's marker after a poll wrote its memory. Only at the writes n8n keeps (an
 * emitting poll, a first poll) or when the marker is missing or stale: with durable cursors, any
 * change of the global scope costs a write of the workflow's static data at the next emit.
 */
export function rememberMarker(global: IDataObject, nodeId: string, settings: PollSettings, poll: WrittenPoll): void {
	const previous = readMarker(global, nodeId);
	const same = previous?.signature === poll.signature;
	if (same && !poll.kept) return;
	const previousSince = same && previous?.since !== undefined ? Date.parse(previous.since) : undefined;
	const since = poll.pending ? previousSince : latestDate(poll.records, settings, previousSince, poll.startedAt);
	const marker: PollMarker = { signature: poll.signature, sequence: poll.sequence, count: poll.count, at: ISO(poll.startedAt), ...(since === undefined ? {} : { since: ISO(since) }) };
	const markers = { ...((global[MARKERS_KEY] as IDataObject | undefined) ?? {}) } as Record<string, PollMarker>;
	delete markers[nodeId];
	markers[nodeId] = marker;
	const ids = Object.keys(markers);
	for (const id of ids.slice(0, Math.max(0, ids.length - MAX_MARKERS))) delete markers[id];
	// a new object at the top of the scope: n8n's observable static data notices only such writes
	global[MARKERS_KEY] = markers as unknown as IDataObject;
}
