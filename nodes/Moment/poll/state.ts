/**
 * What the Moment Poll Trigger remembers between polls (docs/development.md): its memory in the
 * node's static data, what this n8n process last wrote to it, and the marker that tells a lost
 * memory from a first poll.
 *
 * The memory (n8n saves it with the workflow, or, with n8n's durable poll cursors on, commits it
 * together with the execution): one fingerprint per record it has seen, plus what the
 * fingerprints were made with. Stored compactly, so a company with 100,000 records costs about
 * 1 MB: records with a numeric ID (all of Moment's) are one string, sorted by ID, each entry the
 * 6-character fingerprint followed by the distance to the previous ID in base 36, entries joined by
 * ",". Records whose ID is not a safe whole number are kept in a plain object beside it. The state
 * never holds record content.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordStampsOf } from '../catalog';
import type { SeenChange } from './changeDetection';
import { FINGERPRINT_LENGTH, highWaterOf, numericIdOf, recordDate } from './changeDetection';
import type { PollSettings } from './settings';

// ---- The memory

/** Key under the node's static data. */
export const STATE_KEY = 'momentPoll';
const FORMAT = 1;
/** The most records one trigger tracks (about 3 MB of static data); more fails loudly. */
export const MAX_TRACKED_RECORDS = 250000;

const FINGERPRINT = /^[A-Za-z0-9_-]{6}$/;
const BASE36 = /^[0-9a-z]+$/;

export interface PollState {
	/** What the fingerprints depend on (resource, company, change detection); another one means start over. */
	signature: string;
	/** The change-stamp field the fingerprints were made from; `null`: a hash of each record. */
	stampField: string | null;
	/** Record ID (as text) → fingerprint. */
	fingerprints: Map<string, string>;
	/**
	 * Remembered records that dropped out of the list while Moment still answers for them by ID
	 * (hidden from the list, or skipped by a page that shifted): not deleted, not checked again
	 * until they are listed again.
	 */
	unlisted: Set<string>;
	/** Latest modification time seen (ms), for "Ask Moment for Changed Records Only". */
	highWater?: number;
	/** Raised by every write: tells an older copy of the state from the current one. */
	sequence: number;
}

interface StoredState {
	format: number;
	sequence: number;
	signature: string;
	stampField: string | null;
	count: number;
	records: string;
	otherRecords?: Record<string, string>;
	unlisted?: string[];
	highWater?: string;
}

/** Thrown for a stored state this code cannot read; the caller says what to do. */
export class UnreadableStateError extends Error {}

export function encodeState(state: PollState): StoredState {
	const numeric: Array<[number, string]> = [];
	const other: Record<string, string> = {};
	for (const [key, fingerprint] of state.fingerprints) {
		const id = numericIdOf(key);
		if (id === undefined) other[key] = fingerprint;
		else numeric.push([id, fingerprint]);
	}
	numeric.sort((a, b) => a[0] - b[0]);
	let previous = 0;
	const entries = numeric.map(([id, fingerprint]) => {
		const entry = fingerprint + (id - previous).toString(36);
		previous = id;
		return entry;
	});
	const stored: StoredState = {
		format: FORMAT,
		sequence: state.sequence,
		signature: state.signature,
		stampField: state.stampField,
		count: state.fingerprints.size,
		records: entries.join(','),
	};
	if (Object.keys(other).length > 0) stored.otherRecords = other;
	if (state.unlisted.size > 0) stored.unlisted = [...state.unlisted].filter((key) => state.fingerprints.has(key)).sort();
	if (state.highWater !== undefined) stored.highWater = new Date(state.highWater).toISOString();
	return stored;
}

export function decodeState(raw: unknown): PollState {
	const stored = raw as Partial<StoredState> | null;
	if (typeof stored !== 'object' || stored === null || stored.format !== FORMAT) {
		throw new UnreadableStateError(`unknown state format ${JSON.stringify((stored as IDataObject | null)?.format)}`);
	}
	if (typeof stored.signature !== 'string' || typeof stored.records !== 'string' || !Number.isInteger(stored.count) || !Number.isInteger(stored.sequence)) {
		throw new UnreadableStateError('signature, records, count or sequence missing');
	}
	if (stored.stampField !== null && typeof stored.stampField !== 'string') throw new UnreadableStateError('bad stampField');
	const fingerprints = new Map<string, string>();
	let id = 0;
	for (const entry of stored.records === '' ? [] : stored.records.split(',')) {
		const fingerprint = entry.slice(0, FINGERPRINT_LENGTH);
		const delta = entry.slice(FINGERPRINT_LENGTH);
		if (!FINGERPRINT.test(fingerprint) || !BASE36.test(delta) || parseInt(delta, 36) < 1) {
			throw new UnreadableStateError(`bad entry "${entry.slice(0, 20)}"`);
		}
		id += parseInt(delta, 36);
		fingerprints.set(String(id), fingerprint);
	}
	for (const [key, fingerprint] of Object.entries(stored.otherRecords ?? {})) {
		if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) throw new UnreadableStateError(`bad entry for "${key.slice(0, 20)}"`);
		fingerprints.set(key, fingerprint);
	}
	if (fingerprints.size !== stored.count) throw new UnreadableStateError(`${fingerprints.size} records stored, ${stored.count} announced`);
	const unlisted = new Set(Array.isArray(stored.unlisted) ? stored.unlisted.map(String) : []);
	if ([...unlisted].some((key) => !fingerprints.has(key))) throw new UnreadableStateError('unlisted record not remembered');
	const highWater = stored.highWater === undefined ? undefined : Date.parse(stored.highWater);
	if (highWater !== undefined && Number.isNaN(highWater)) throw new UnreadableStateError('bad highWater');
	return { signature: stored.signature, stampField: stored.stampField ?? null, fingerprints, unlisted, highWater, sequence: stored.sequence as number };
}

/** The remembered state, or `undefined` before the first successful poll. */
export function loadState(staticData: IDataObject): PollState | undefined {
	const raw = staticData[STATE_KEY];
	return raw === undefined ? undefined : decodeState(raw);
}

/**
 * Writes the state, only when it differs from what is stored (an idle poll writes nothing), with
 * the next sequence number. Returns that number, or `undefined` when nothing was written.
 * `state.sequence` is the sequence of the memory the state was made from.
 */
export function saveState(staticData: IDataObject, state: PollState): number | undefined {
	const current = staticData[STATE_KEY] as Partial<StoredState> | undefined;
	const currentSequence = Number.isInteger(current?.sequence) ? (current?.sequence as number) : 0;
	const next = encodeState({ ...state, sequence: currentSequence });
	if (JSON.stringify(next) === JSON.stringify(current)) return undefined;
	// above the copy written over and the one this state was made from, so the numbers only grow
	next.sequence = Math.max(currentSequence, state.sequence) + 1;
	staticData[STATE_KEY] = next as unknown as IDataObject;
	state.sequence = next.sequence;
	return next.sequence;
}

// ---- The last write of this process
//
// What this n8n process last wrote to each poll trigger's memory, to tell when n8n hands a poll
// an older copy. Without durable poll cursors n8n keeps one live static-data object per active
// workflow and this never happens. With them (n8n 2.41, opt-in) every poll gets a copy of the
// cursor as committed, and two gaps were seen in the end-to-end suite:
// - a poll's cursor is committed together with its execution, a moment after the poll returned;
//   a poll starting in between gets the copy from before, and would emit the same changes again;
// - the poll n8n runs at publishing is committed only if it emitted; the first-poll snapshot
//   (On First Poll) it took is then missing, and a later poll would take it again, after records
//   were changed.
// Every write raises the memory's sequence number. A poll handed a lower one than written here:
// - after an emitting write that may still be committed (within STALE_GRACE_MS): emits nothing;
// - otherwise continues from what was written here: the writes n8n dropped emitted nothing, and
//   repeating them from an older copy could swallow changes;
// - after the grace, if an emitting write never arrived, continues from n8n's copy: that commit
//   failed, so its execution does not exist, and its changes come again (twice at worst, never not
//   at all).

export const STALE_GRACE_MS = 60_000;

export interface WrittenState {
	sequence: number;
	at: number;
	/** The stored form of the memory as written (never changed afterwards). */
	stored: IDataObject;
	/** The last write of an emitting poll. */
	lastEmit?: { sequence: number; at: number };
}

export type Freshness = 'handed' | 'written' | 'wait';

const written = new Map<string, WrittenState>();

/** Which memory a poll continues from: the copy n8n handed it, the one written here, or none yet. */
export function freshness(handedSequence: number, last: WrittenState | undefined, now: number): Freshness {
	if (!last || handedSequence >= last.sequence) return 'handed';
	if (last.lastEmit && handedSequence < last.lastEmit.sequence) return now - last.lastEmit.at < STALE_GRACE_MS ? 'wait' : 'handed';
	return 'written';
}

/** Triggers remembered at most; beyond, the oldest entry goes (a trigger unpublished long ago). */
const MAX_ENTRIES = 1000;

/** What was written here for `key`, until n8n hands over a copy at least as new (then it is forgotten). */
export function lastWrittenFor(key: string, handedSequence: number): WrittenState | undefined {
	const last = written.get(key);
	if (last && handedSequence >= last.sequence) {
		written.delete(key);
		return undefined;
	}
	return last;
}

export function rememberWrite(key: string, sequence: number, stored: IDataObject, emitted: boolean, now: number): void {
	const previous = written.get(key);
	written.delete(key);
	written.set(key, { sequence, at: now, stored, lastEmit: emitted ? { sequence, at: now } : previous?.lastEmit });
	if (written.size > MAX_ENTRIES) written.delete(written.keys().next().value as string);
}

// ---- A lost memory
//
// Telling a lost memory from a first poll. n8n hands a poll trigger an empty memory on its first
// poll, and also in a few cases where the trigger has polled before (read in n8n 1.123.81's and
// 2.41.3's source and seen in the end-to-end suite, docs/poll-trigger-internals.md "Republishing"):
// - n8n's default scheduler (1.123 and 2.41) files the memory under the node's *name*
//   (`staticData['node:<name>']`, Workflow.getStaticData): after the trigger node is renamed and
//   the workflow published (1.123: saved while active), the memory under the new name is empty;
//   the old one stays under the old name, out of the node's reach;
// - n8n 2.41's durable poll cursors (keyed by workflow and node ID, so a rename keeps them) commit
//   the poll n8n runs at publishing only if it emitted: after a restart before the next poll's
//   commit, the first-poll snapshot is gone (the last write of this process, above, closes this
// only within one process).
//
// So each trigger also leaves a marker in the workflow's *global* static data, keyed by node ID:
// the signature and size of its memory, and the latest change date it had seen. The global scope
// is not keyed by node name, and n8n saves it with the node's memory in the default scheduler (one
// write of the whole static data, at each emitting poll and at publishing) and, with durable
// cursors, at publishing and at each emitting poll (`saveStaticData` before the execution's
// commit). The marker is only read when n8n hands over no memory at all and this process wrote
// none: it never changes a poll that has a memory, so it cannot break the exactly-once rules of
// pollRun.ts and of the last write above.
//
// A poll that finds no memory but its marker (same signature) knows it has polled before. If the
// marker has a date, it catches up: it emits the records changed (for New Records: created) since
// that date minus CATCH_UP_OVERLAP_MS and remembers the rest; nothing changed in the gap is
// skipped, and a change seen just before the loss may come once more. Deletions in the gap cannot
// be told (the list of what existed is what was lost). Without a date (records that carry none)
// it follows "On First Poll", and says so. Either way it logs a warning.

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
		return `${before} With no date to catch up from, it follows On First Poll ${START_LABELS[settings.start]}.`;
	}
	const what = settings.emitChanged ? 'changed or created' : 'created';
	return `${before} It catches up: it emits the ${settings.resource.plural} ${what} since ${ISO(lost.catchUpFromMs)} and remembers the rest. Deletions meanwhile are not emitted; a change seen shortly before may come again (a repeat filter on changeKey holds it back).`;
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
	// a date after the poll's start (another clock, another zone) could skip changes; an earlier start only repeats
	const since = poll.pending ? previousSince : highWaterOf(poll.records, settings.resource, settings.timeZone, previousSince, poll.startedAt).value;
	const marker: PollMarker = { signature: poll.signature, sequence: poll.sequence, count: poll.count, at: ISO(poll.startedAt), ...(since === undefined ? {} : { since: ISO(since) }) };
	const markers = { ...((global[MARKERS_KEY] as IDataObject | undefined) ?? {}) } as Record<string, PollMarker>;
	delete markers[nodeId];
	markers[nodeId] = marker;
	const ids = Object.keys(markers);
	for (const id of ids.slice(0, Math.max(0, ids.length - MAX_MARKERS))) delete markers[id];
	// a new object at the top of the scope: n8n's observable static data notices only such writes
	global[MARKERS_KEY] = markers as unknown as IDataObject;
}
