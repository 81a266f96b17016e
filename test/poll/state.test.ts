/**
 * The poll trigger's memory in static data: exact round trips, a size bound users can plan with,
 * refusal of anything it cannot read, and no write when nothing changed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PollState } from '../../nodes/Moment/poll/state';
import {
	decodeState,
	encodeState,
	loadState,
	MAX_TRACKED_RECORDS,
	saveState,
	STATE_KEY,
	UnreadableStateError,
} from '../../nodes/Moment/poll/state';

const FINGERPRINTS = ['AbCd_1', 'zz-9Yx', '000000', 'QwErTy'];

function stateWith(ids: string[], extra: Partial<PollState> = {}): PollState {
	return {
		signature: 'invoice|auto|0123456789ab',
		stampField: 'version',
		fingerprints: new Map(ids.map((id, i) => [id, FINGERPRINTS[i % FINGERPRINTS.length]])),
		unlisted: new Set(),
		sequence: 0,
		...extra,
	};
}

/** Moment-like IDs: 9 digits, increasing by 1-7 (the simulator's spacing), in a shuffled order. */
function momentIds(count: number, first = 106939080): string[] {
	const ids: string[] = [];
	let id = first;
	for (let i = 0; i < count; i++) {
		id += 1 + ((i * 7919) % 7);
		ids.push(String(id));
	}
	return ids.reverse();
}

describe('poll state codec', () => {
	it('round-trips numeric IDs in any order, other IDs, unlisted records and the high water mark', () => {
		const state = stateWith([...momentIds(50), 'ABC-7', 'content:Xy12Zw', '9007199254740993'], {
			unlisted: new Set([momentIds(50)[10], 'ABC-7']),
			highWater: Date.parse('2026-11-30T10:00:00.123Z'),
			stampField: null,
		});
		const stored = encodeState(state);
		expect(stored.otherRecords).toEqual({ 'ABC-7': expect.any(String), 'content:Xy12Zw': expect.any(String), '9007199254740993': expect.any(String) });
		const back = decodeState(JSON.parse(JSON.stringify(stored)));
		expect(back).toEqual(state);
		expect([...back.fingerprints.keys()].slice(0, 3)).toEqual(momentIds(50).reverse().slice(0, 3)); // sorted by ID
	});

	it('keeps an empty memory (a company without records yet)', () => {
		const empty = stateWith([]);
		expect(decodeState(encodeState(empty))).toEqual(empty);
	});

	it('costs about 10 bytes per record: 100,000 Moment IDs stay under 1.2 MB of static data', () => {
		const ids = momentIds(100000);
		const staticData: IDataObject = {};
		saveState(staticData, stateWith(ids));
		const bytes = Buffer.byteLength(JSON.stringify(staticData));
		expect(bytes / ids.length).toBeLessThan(11);
		expect(bytes).toBeLessThan(1_200_000);
		const back = loadState(JSON.parse(JSON.stringify(staticData)));
		expect(back?.fingerprints.size).toBe(100000);
		expect(back?.fingerprints.get(ids[12345])).toBe(stateWith(ids).fingerprints.get(ids[12345]));
	});

	// the bound itself (a poll over it fails, after the list's first page): test/poll/limits.test.ts
	it('stores the most records one trigger tracks (250,000) in under 3 MB, and reads them all back', () => {
		const ids = momentIds(MAX_TRACKED_RECORDS);
		const state = stateWith(ids);
		const stored = JSON.stringify(encodeState(state));
		expect(stored.length).toBeLessThan(3_000_000);
		const back = decodeState(JSON.parse(stored));
		expect(back.fingerprints.size).toBe(MAX_TRACKED_RECORDS);
		expect(back.fingerprints.get(ids[MAX_TRACKED_RECORDS - 1])).toBe(state.fingerprints.get(ids[MAX_TRACKED_RECORDS - 1]));
	});

	it('refuses a memory it cannot read instead of starting over silently', () => {
		const good = encodeState(stateWith(momentIds(3)));
		const broken: unknown[] = [
			null,
			'text',
			{ ...good, format: 2 },
			{ ...good, records: `${good.records},!!` },
			{ ...good, count: 4 },
			{ ...good, records: good.records.replace(/^(.{6})[0-9a-z]+/, '$10') }, // a zero ID step
			{ ...good, unlisted: ['5'] },
			{ ...good, highWater: 'yesterday' },
			{ ...good, stampField: 7 },
			{ ...good, sequence: undefined },
		];
		for (const raw of broken) expect(() => decodeState(raw)).toThrow(UnreadableStateError);
	});

	it('writes only when the memory changed, so an idle poll leaves static data untouched, and numbers each write', () => {
		const staticData: IDataObject = { other: 'kept' };
		const state = stateWith(momentIds(10));
		expect(saveState(staticData, state)).toBe(1);
		const first = staticData[STATE_KEY];
		expect(saveState(staticData, stateWith(momentIds(10)))).toBeUndefined();
		expect(staticData[STATE_KEY]).toBe(first);
		state.fingerprints.set(momentIds(10)[0], 'NEWONE');
		expect(saveState(staticData, state)).toBe(2);
		expect(loadState(staticData)?.sequence).toBe(2);
		expect(staticData.other).toBe('kept');
		expect(loadState({})).toBeUndefined();
	});
});
