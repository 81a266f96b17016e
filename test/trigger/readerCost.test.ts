/**
 * What a large delivery costs the payload reader (parseDelivery and the item it becomes), on n8n's
 * main thread: anyone who knows the URL can send one when Authentication is None. Its cost must
 * grow linearly with the body's size, and stay well under what n8n itself spends parsing the body
 * (the reader runs after n8n's JSON.parse of application/json, on n8n's parsed value and the
 * bytes). The end-to-end figure, against n8n's Webhook node, is benchmark 5 (docs/benchmarks.md).
 *
 * Two kinds of figure: work counted (how many keys the reader lists with Object.keys / values /
 * entries, how many times it splits a text, parses JSON), which is exact; and time, which on a
 * shared 2-core machine is noisy, so each time is the minimum (growth) or the median (share of
 * JSON.parse) of several runs, with wide margins. A reader that grew with the square of the body
 * would take 16 times as long for 4 times the body; this one takes 4 to 7 times (V8 sorts the keys
 * of a large object when it lists them, and a larger body leaves the processor's caches).
 */
import { findWebhookSource } from '../../nodes/Moment/catalog';
import { buildItemJson } from '../../nodes/Moment/trigger/item';
import type { TriggerSource } from '../../nodes/Moment/trigger/payload';
import { parseDelivery } from '../../nodes/Moment/trigger/payload';

function source(value: string): TriggerSource {
	const found = findWebhookSource(value);
	if (!found) throw new Error(`no source ${value}`);
	return found;
}

type Shape = 'flat' | 'wrapped' | 'keys naming the type';

/** A JSON body of `keys` fields (about 50 bytes each): at the top, inside one wrapper, or all named like the record type. */
function bodyText(keys: number, shape: Shape): string {
	const fields: Record<string, string> = {};
	for (let i = 0; i < keys; i++) fields[shape === 'keys naming the type' ? `item${i}Claim` : `someFieldName${i}`] = `value-${'x'.repeat(20)}${i}`;
	return JSON.stringify(shape === 'wrapped' ? { event: 'UPDATE', data: fields } : { event: 'UPDATE', ...fields });
}

function now(): number {
	return performance.now();
}

/** The reader's time for one delivery, as the trigger runs it after n8n parsed application/json. */
function readerMs(bytes: Buffer, text: string, trigger: TriggerSource, n8nParsed: boolean): number {
	const parsed = n8nParsed ? { value: JSON.parse(text) } : undefined;
	const started = now();
	const result = parseDelivery(bytes, { source: trigger, parsed });
	if (result.kind === 'accepted') buildItemJson(result, new Date());
	return now() - started;
}

function minimum(runs: number, measure: () => number): number {
	let best = Infinity;
	for (let i = 0; i < runs; i++) best = Math.min(best, measure());
	return best;
}

interface Work {
	/** Keys listed by Object.keys, Object.values and Object.entries. */
	listed: number;
	/** Texts split (String#split). */
	splits: number;
	/** JSON.parse calls. */
	parses: number;
}

/** The reader's work on one delivery, counted. */
function readerWork(bytes: Buffer, text: string, trigger: TriggerSource, n8nParsed: boolean): Work {
	const parsed = n8nParsed ? { value: JSON.parse(text) } : undefined;
	const work: Work = { listed: 0, splits: 0, parses: 0 };
	const spies = [
		jest.spyOn(Object, 'keys'),
		jest.spyOn(Object, 'values'),
		jest.spyOn(Object, 'entries'),
		jest.spyOn(String.prototype, 'split'),
		jest.spyOn(JSON, 'parse'),
	];
	try {
		const result = parseDelivery(bytes, { source: trigger, parsed });
		if (result.kind === 'accepted') buildItemJson(result, new Date());
	} finally {
		for (const spy of spies.slice(0, 3)) for (const { value } of spy.mock.results) work.listed += (value as unknown[]).length;
		work.splits = spies[3].mock.calls.length;
		work.parses = spies[4].mock.calls.length;
		for (const spy of spies) spy.mockRestore();
	}
	return work;
}

type Case = [Shape, string, boolean];
const CASES: Case[] = [
	['flat', 'claim', true],
	['flat', 'invoice', true],
	['wrapped', 'project', true],
	['keys naming the type', 'claim', true],
	['flat', 'claim', false],
];

describe('the payload reader costs in proportion to the body', () => {
	it.each(CASES)('%s body at a %s trigger (parsed by n8n: %s): each key listed at most twice, a few texts split, JSON parsed at most once', (shape, value, n8nParsed) => {
		const trigger = source(value);
		for (const keys of [5_000, 20_000]) {
			const text = bodyText(keys, shape);
			const work = readerWork(Buffer.from(text), text, trigger, n8nParsed);
			expect(work.listed).toBeLessThanOrEqual(2 * (keys + 2));
			// keys naming the type are split into words (each once or twice); others are not split
			expect(work.splits).toBeLessThanOrEqual(shape === 'keys naming the type' ? 2 * keys + 10 : 10);
			expect(work.parses).toBe(n8nParsed ? 0 : 1);
		}
	});

	it.each(CASES.slice(0, 4))('%s body at a %s trigger: 4 times the body, under 12 times the time', (shape, value, n8nParsed) => {
		const trigger = source(value);
		const small = bodyText(40_000, shape);
		const large = bodyText(160_000, shape);
		const smallBytes = Buffer.from(small);
		const largeBytes = Buffer.from(large);
		readerMs(smallBytes, small, trigger, n8nParsed); // warm-up
		const smallMs = minimum(4, () => readerMs(smallBytes, small, trigger, n8nParsed));
		const largeMs = minimum(4, () => readerMs(largeBytes, large, trigger, n8nParsed));
		expect(largeMs / smallMs).toBeLessThan(12);
	}, 90_000);

	it('costs less than n8n\'s own JSON.parse of the same 5 MB body, for the worst shape (a flat body at an undocumented source)', () => {
		const trigger = source('claim');
		const text = bodyText(100_000, 'flat');
		const bytes = Buffer.from(text);
		const ratios: number[] = [];
		for (let i = 0; i < 7; i++) {
			const started = now();
			const value = JSON.parse(bytes.toString('utf8'));
			const parseMs = now() - started;
			const readStarted = now();
			const result = parseDelivery(bytes, { source: trigger, parsed: { value } });
			if (result.kind === 'accepted') buildItemJson(result, new Date());
			ratios.push((now() - readStarted) / parseMs);
		}
		ratios.sort((a, b) => a - b);
		// about 0.4 measured; the whole request against n8n's Webhook node is benchmark 5
		expect(ratios[3]).toBeLessThan(1);
	}, 60_000);
});
