/**
 * What this n8n process last wrote to each poll trigger's memory, to tell when n8n hands a poll
 * an older copy. Without durable poll cursors n8n keeps one live static-data object per active
 * workflow and this never happens. With them (n8n 2.41, opt-in) every poll gets a copy of the
 * cursor as committed, and two gaps were seen in the end-to-end suite:
 * - a poll's cursor is committed together with its execution, a moment after the poll returned;
 *   a poll starting in between gets the copy from before, and would emit the same changes again;
 * - the poll n8n runs at publishing is committed only if it emitted; the first-poll snapshot
 *   (On First Poll) it took is then missing, and a later poll would take it again, after records
 *   were changed.
 * Every write raises the memory's sequence number. A poll handed a lower one than written here:
 * - after an emitting write that may still be committed (within STALE_GRACE_MS): emits nothing;
 * - otherwise continues from what was written here: the writes n8n dropped emitted nothing, and
 *   repeating them from an older copy could swallow changes;
 * - after the grace, if an emitting write never arrived, continues from n8n's copy: that commit
 *   failed, so its execution does not exist, and its changes come again (twice at worst, never not
 *   at all).
 */
import type { IDataObject } from 'n8n-workflow';

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
