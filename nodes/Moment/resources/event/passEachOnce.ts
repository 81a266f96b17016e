/**
 * resources/event/: the operation (map: docs/development.md); its screen is event.description.ts.
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

import { readPositiveInteger } from '../../actions/parameters';
import { asNodeError, errorJson } from '../../actions/router';
import type { KeySource } from './eventKey';
import { itemKey } from './eventKey';
import { checkHistory } from './repeatHistory';

/** "Remember the Last" when not set; the screen's default (event.description.ts). */
export const REMEMBER_DEFAULT = 10_000;
/** The most it takes: every execution reads and writes the whole history (about 27 bytes a key). */
export const REMEMBER_MAX = 100_000;

const LOOK_ONLY_MODES = ['manual', 'evaluation'];

interface Settings {
	keySource: KeySource;
	remember: number;
	drop: boolean;
}

function readChoice(ctx: IExecuteFunctions, name: string, label: string, allowed: string[]): string {
	const value = ctx.getNodeParameter(name, 0, allowed[0]) as unknown;
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw new NodeOperationError(ctx.getNode(), `${label} "${String(value)}" is not one of ${allowed.join(', ')}`, { itemIndex: 0 });
}

function readSettings(ctx: IExecuteFunctions): Settings {
	const remember = readPositiveInteger.call(ctx, 0, 'rememberLast', 'Remember the Last', REMEMBER_DEFAULT);
	if (remember > REMEMBER_MAX) {
		throw new NodeOperationError(ctx.getNode(), `Remember the Last is ${remember}; it can be at most 100,000`, { itemIndex: 0 });
	}
	return {
		keySource: readChoice(ctx, 'key', 'Key', ['automatic', 'custom']) as KeySource,
		remember,
		drop: readChoice(ctx, 'repeats', 'Repeats', ['output', 'drop']) === 'drop',
	};
}

type Keyed = { itemIndex: number; key: string } | { itemIndex: number; error: unknown };

export async function passEachOnce(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	// the tool variant (n8n names it "<type>Tool") offers no operation for Event; a workflow saved
	// with it anyway must not filter an agent's calls through a workflow's repeat history
	if (node.type.endsWith('Tool')) {
		throw new NodeOperationError(node, 'Pass Each Once is not available to AI agents', { description: 'Use it in a Moment node after a Moment Trigger or a Moment Poll Trigger.', itemIndex: 0 });
	}
	const items = this.getInputData();
	const settings = readSettings(this);
	const continueOnFail = this.continueOnFail();

	// every key first: an item without one fails before anything is recorded
	const keyed: Keyed[] = items.map((item, itemIndex) => {
		try {
			return { itemIndex, key: itemKey.call(this, settings.keySource, item.json, itemIndex) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(node, error, itemIndex);
			return { itemIndex, error };
		}
	});
	const distinct = [...new Set(keyed.flatMap((k) => ('key' in k ? [k.key] : [])))];
	const lookOnly = LOOK_ONLY_MODES.includes(this.getMode());

	let repeats: Set<string>;
	try {
		repeats = await checkHistory(this, distinct, settings.remember, lookOnly);
	} catch (error) {
		if (!continueOnFail) throw asNodeError(node, error, 0);
		// nothing was decided: every item goes out as this error, to the error output
		const failed = items.map((_, itemIndex) => ({ json: errorJson(error), pairedItem: { item: itemIndex } }));
		return settings.drop ? [failed] : [failed, []];
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
	const hints: string[] = [];
	if (lookOnly) hints.push('Test run: checked against the history, not added to it.');
	if (settings.drop && held.length > 0) hints.push(`${held.length} repeat(s) held back and dropped.`);
	if (hints.length > 0) this.addExecutionHints(...hints.map((message) => ({ message, location: 'outputPane' as const })));
	return settings.drop ? [passed] : [passed, held];
}
