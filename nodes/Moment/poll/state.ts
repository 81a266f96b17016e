/**
 * What the poll trigger remembers between polls, in the node's static data (n8n saves it with the
 * workflow, or, with n8n's durable poll cursors on, commits it together with the execution):
 * one fingerprint per record it has seen, plus what the fingerprints were made with.
 *
 * Stored compactly, so a company with 100,000 records costs about 1 MB: records with a numeric ID
 * (all of Moment's) are one string, sorted by ID, each entry the 6-character fingerprint followed
 * by the distance to the previous ID in base 36, entries joined by ",". Records whose ID is not a
 * safe whole number are kept in a plain object beside it. The state never holds record content.
 */
import type { IDataObject } from 'n8n-workflow';

/** Key under the node's static data. */
export const STATE_KEY = 'momentPoll';
const FORMAT = 1;
/** The most records one trigger tracks (about 3 MB of static data); more fails loudly. */
export const MAX_TRACKED_RECORDS = 250000;
/** Length of a fingerprint (base64url characters, 36 bits). */
export const FINGERPRINT_LENGTH = 6;

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

function numericId(key: string): number | undefined {
	const value = Number(key);
	return /^[1-9][0-9]*$/.test(key) && Number.isSafeInteger(value) ? value : undefined;
}

export function encodeState(state: PollState): StoredState {
	const numeric: Array<[number, string]> = [];
	const other: Record<string, string> = {};
	for (const [key, fingerprint] of state.fingerprints) {
		const id = numericId(key);
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
