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
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failItem, readPositiveInteger } from '../../actions/parameters';
import { asNodeError, errorJson } from '../../actions/router';
import { findWebhookSource } from '../../catalog';
import { describeValue, excerpt } from '../../values';
import { releaseLock, storeFailure, takeLock } from './nodeLock';

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

// ---- The key (the one place that decides it)
// Which key Event > Pass Each Once lets an item through on: the one place that decides it.
// Automatic (for items of the Moment Trigger and the Moment Poll Trigger):
// - `changeKey` when the item has one: the state of the record (`invoice:106939080:version=3`).
//   The Moment Poll Trigger always puts it on its items, the Moment Trigger with Fetch Full Record
//   too, computed by the same rule (changeKey.ts), so a workflow fed by both passes each change
//   once. An item carrying both keys uses this one: two deliveries of one state are one event, and
//   two real changes differ in their stamp even when Moment sent them with identical bodies.
// - else `deliveryKey` (Moment Trigger without Fetch Full Record), but only for an event that
//   happens once per record (catalog `eventsOncePerRecord`: an invoice's CREATE_NEW). For any other
//   event two real changes of one record may arrive with identical bodies, hence one deliveryKey,
//   and the second would be held back as a repeat: the item fails with how to fix it instead.
// - neither: the item does not come from these triggers (or a node before replaced its fields).
// Custom: a text or a number from the Custom Key expression, per item.

type KeySource = 'automatic' | 'custom';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const CUSTOM = 'Or set Key to Custom, e.g. {{ $json.eventId }}.';

/** The Automatic key of one item, or a NodeOperationError saying why it has none. */
function automaticKey(this: IExecuteFunctions, json: IDataObject, itemIndex: number): string {
	const { source, event } = json;
	for (const field of ['changeKey', 'deliveryKey']) {
		const value = json[field];
		if (value === undefined || value === null) continue;
		if (!isText(value)) return failItem.call(this, itemIndex, `The item's ${field} is ${describeValue(value)}, not a key`, CUSTOM);
		if (field === 'changeKey') return value;
		const once = typeof source === 'string' ? findWebhookSource(source)?.eventsOncePerRecord : undefined;
		if (once && typeof event === 'string' && once.includes(event)) return value;
		return failItem.call(
			this,
			itemIndex,
			`This item (${excerpt(source)}, event ${excerpt(event)}) has no changeKey, and its deliveryKey cannot tell a repeat from a new change`,
			`Two changes may come with identical bodies. Turn on Fetch Full Record in the Moment Trigger (it adds a changeKey). ${CUSTOM}`,
		);
	}
	return failItem.call(
		this,
		itemIndex,
		'The item has neither a changeKey nor a deliveryKey',
		`Key Automatic reads those of the Moment Trigger and Moment Poll Trigger. ${CUSTOM}`,
	);
}

/** The Custom Key of one item: text that is not blank, or a finite number (as text). */
function customKey(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('customKey', itemIndex, '') as unknown;
	if (isText(raw)) return raw;
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	return failItem.call(this, itemIndex, `Custom Key is ${describeValue(raw)} for this item; it must be a text or a number`, 'E.g. {{ $json.id }}-{{ $json.version }}.');
}

/** The key of item `itemIndex` by the node's Key setting. */
function itemKey(this: IExecuteFunctions, source: KeySource, json: IDataObject, itemIndex: number): string {
	return source === 'custom' ? customKey.call(this, itemIndex) : automaticKey.call(this, json, itemIndex);
}

// ---- The history
// The history of Pass Each Once: the last N keys that passed, in n8n's own database-backed
// deduplication store (`helpers.checkProcessedAndRecord`, mode 'entries'), which n8n 1.123.81 and
// 2.41.3 give every node (n8n/dist/deduplication/deduplication-helper.js, the same file in both).
// What that store does, read in its source and relied on here:
// - one row per workflow and scope: `value.data` is the list of the keys' MD5 hashes (24
//   characters each), oldest first; every call reads the whole row and writes it back;
// - a new key is appended, and with `maxEntries` the oldest are dropped beyond it (a rolling
//   window: it never fails when full, unlike the Remove Duplicates node, which refuses to run
//   when its history would exceed History Size: n8n issue 38475);
// - keys repeated within one call are all reported new (it compares with the history as read, not
//   with the keys appended by the same call): this node passes each key to it once per call;
// - the read and the write are two statements without a transaction or lock: overlapping
//   executions are kept apart by this node's lock (nodeLock.ts).
// The history is kept in scope 'workflow' (the row `workflowId` + ''): it survives renaming,
// copying or replacing the node, and it is the row a Remove Duplicates node with Scope: Workflow
// and Keep Items Where: Value Is New kept, so replacing such a node keeps its history (its keys
// were hashed the same way). One Pass Each Once node per workflow: a second one would share the
// history without sharing the lock.

const HISTORY_SCOPE = 'workflow';

function historyFailure(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	if (!/incompatible setting/i.test(String(error instanceof Error ? error.message : error))) return storeFailure(ctx, error);
	return new NodeOperationError(ctx.getNode(), "This workflow's deduplication history was started by a Remove Duplicates node with another Keep Items Where setting", {
		itemIndex: 0,
		description: 'Set its Scope to Node or, if it is gone, run Remove Duplicates > Clear Deduplication History with Scope Workflow once.',
	});
}

/**
 * Checks `keys` (distinct) against the history and records the new ones, keeping the last
 * `remember`; returns the repeats. With `lookOnly` (test runs in the editor) nothing is added: the
 * new keys are recorded and removed again within the same turn, so the history is as before.
 */
async function checkHistory(ctx: IExecuteFunctions, keys: string[], remember: number, lookOnly: boolean): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	if (!ctx.getWorkflow().id) {
		throw new NodeOperationError(ctx.getNode(), 'Save the workflow first: the history is kept per saved workflow', { itemIndex: 0 });
	}
	await takeLock(ctx);
	try {
		// lookOnly: no maxEntries, so that adding and removing the new keys trims nothing
		const result = await ctx.helpers.checkProcessedAndRecord(keys, HISTORY_SCOPE, lookOnly ? { mode: 'entries' } : { mode: 'entries', maxEntries: remember });
		if (lookOnly && result.new.length > 0) await ctx.helpers.removeProcessed(result.new, HISTORY_SCOPE, { mode: 'entries' });
		return new Set(result.processed.map(String));
	} catch (error) {
		throw historyFailure(ctx, error);
	} finally {
		await releaseLock(ctx);
	}
}
