/**
 * Event > Pass Each Once: lets each event through once and holds back repeats. Not a Moment API
 * call: it works on the whole input at once (one turn in n8n's deduplication store per
 * execution), so it has its own loop instead of the router's item-by-item one (actions/router.ts),
 * with the same rules: `pairedItem` on every item, input order kept in each output, Continue On
 * Fail per item, and n8n's error classes (the router's `asNodeError` / `errorJson`).
 *
 * Outputs: "New" (first time seen, or the first item of a key repeated within the input) and, with
 * Repeats "Send to Second Output", "Repeats"; with "Drop" the repeats leave the workflow and the
 * execution says how many (Moment.node.ts declares the outputs from the same parameter).
 *
 * In a test run from the editor (execution mode `manual`, or n8n 2.x's `evaluation`) the keys are
 * checked without being recorded, so testing never holds back the real event later.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPositiveInteger } from '../actions/parameters';
import { asNodeError, errorJson } from '../actions/router';
import type { ItemKey, KeySource } from './eventKey';
import { itemKey } from './eventKey';
import { checkHistory } from './repeatHistory';

/** "Remember the Last" when not set; the screen's default (actions/resources/event.description.ts). */
export const REMEMBER_DEFAULT = 10_000;
/** The most it takes: every execution reads and writes the whole history (about 27 bytes a key). */
export const REMEMBER_MAX = 100_000;

const KEY_SOURCES: readonly KeySource[] = ['automatic', 'custom'];
const REPEATS_TO = ['output', 'drop'] as const;
type RepeatsTo = (typeof REPEATS_TO)[number];
const LOOK_ONLY_MODES = ['manual', 'evaluation'];

interface Settings {
	keySource: KeySource;
	remember: number;
	repeatsTo: RepeatsTo;
}

function readChoice<T extends string>(ctx: IExecuteFunctions, name: string, label: string, allowed: readonly T[], fallback: T): T {
	const value = ctx.getNodeParameter(name, 0, fallback) as unknown;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new NodeOperationError(ctx.getNode(), `${label} "${String(value)}" is not one of ${allowed.join(', ')}`, {
		itemIndex: 0,
		description: `Pick ${label} again in the node.`,
	});
}

function readSettings(ctx: IExecuteFunctions): Settings {
	const remember = readPositiveInteger.call(ctx, 0, 'rememberLast', 'Remember the Last', REMEMBER_DEFAULT);
	if (remember > REMEMBER_MAX) {
		throw new NodeOperationError(ctx.getNode(), `Remember the Last is ${remember}; it can be at most ${REMEMBER_MAX.toLocaleString('en-US')}`, {
			itemIndex: 0,
			description: 'Every execution reads and writes the whole history, so its cost grows with it. A repeat window of days is a few thousand events for most companies.',
		});
	}
	return {
		keySource: readChoice(ctx, 'key', 'Key', KEY_SOURCES, 'automatic'),
		remember,
		repeatsTo: readChoice(ctx, 'repeats', 'Repeats', REPEATS_TO, 'output'),
	};
}

type Keyed = ({ itemIndex: number } & ItemKey) | { itemIndex: number; error: unknown };

export async function passEachOnce(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	const settings = readSettings(this);
	const continueOnFail = this.continueOnFail();

	// every key first: an item without one fails before anything is recorded
	const keyed: Keyed[] = items.map((item, itemIndex) => {
		try {
			return { itemIndex, ...itemKey.call(this, settings.keySource, item.json, itemIndex) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(node, error, itemIndex);
			return { itemIndex, error };
		}
	});
	const distinct = [...new Set(keyed.flatMap((k) => ('key' in k ? [k.key] : [])))];
	const lookOnly = LOOK_ONLY_MODES.includes(this.getMode());

	let repeats: Set<string>;
	try {
		({ repeats } = await checkHistory(this, distinct, settings.remember, lookOnly));
	} catch (error) {
		if (!continueOnFail) throw asNodeError(node, error, 0);
		// nothing was decided: every item goes out as this error, to the error output
		const failed = items.map((_, itemIndex) => ({ json: errorJson(error), pairedItem: { item: itemIndex } }));
		return settings.repeatsTo === 'output' ? [failed, []] : [failed];
	}

	const passed: INodeExecutionData[] = [];
	const held: INodeExecutionData[] = [];
	const first = new Set<string>();
	for (const entry of keyed) {
		const { itemIndex } = entry;
		if (!('key' in entry)) {
			passed.push({ json: errorJson(entry.error), pairedItem: { item: itemIndex } });
			continue;
		}
		const item = { ...items[itemIndex], pairedItem: { item: itemIndex } };
		if (!repeats.has(entry.key) && !first.has(entry.key)) {
			first.add(entry.key);
			passed.push(item);
		} else {
			held.push(item);
		}
	}
	addHints(this, { settings, lookOnly, held: held.length });
	return settings.repeatsTo === 'output' ? [passed, held] : [passed];
}

function addHints(ctx: IExecuteFunctions, facts: { settings: Settings; lookOnly: boolean; held: number }): void {
	const hints: Array<{ message: string; location: 'outputPane' }> = [];
	if (facts.lookOnly) {
		hints.push({ message: 'Test run: the keys were checked against the history but not added to it, so these events still pass once when the published workflow meets them.', location: 'outputPane' });
	}
	if (facts.settings.repeatsTo === 'drop' && facts.held > 0) {
		hints.push({ message: `${facts.held} repeat${facts.held === 1 ? ' was' : 's were'} held back and dropped (Repeats: Drop).`, location: 'outputPane' });
	}
	if (hints.length > 0) ctx.addExecutionHints(...hints);
}
