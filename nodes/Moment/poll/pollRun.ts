/**
 * One poll of the Moment Poll Trigger:
 * 1. read and check the parameters (settings.ts); in the editor's "Fetch Test Event", return the
 *    most recent record and stop (testEvent.ts);
 * 2. read the whole list (or, when asked, the recent changes) through the transport: a read that
 *    fails throws, nothing is emitted and the state is not touched, so the next poll sees the
 *    same changes again;
 * 3. compare it with the remembered fingerprints (changeDetection.ts); on a first poll, "On First
 *    Poll" decides what is emitted (firstPoll.ts);
 * 4. confirm each record missing from a complete read with its own request (404 = deleted);
 * 5. with Fetch Full Record, read each record to emit; what the time budget does not allow, and
 *    what Moment no longer has, waits for the next poll;
 * 6. remember exactly the records whose change was emitted, or needs no emitting, and return the
 *    items. A change that was not emitted is not remembered, so it is never skipped.
 */
import { createHash } from 'crypto';
import type { IDataObject, INode, INodeExecutionData, IPollFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { recordStampsOf } from '../catalog';
import { CREDENTIAL_TYPE } from '../transport';
import { quote } from '../values';
import type { SeenChange } from './changeDetection';
import { compareWithState, isIdKey } from './changeDetection';
import { chooseStampField, emittedOnFirstPoll, missingDates } from './firstPoll';
import { matchesFilters } from './filters';
import { firstSighting, highWaterOf } from './highWater';
import { buildPollItem, NOT_FETCHED_WITHOUT_ID, outputId } from './item';
import { asNodeError, readChangedSince, readRecords, readWholeList } from './readRecords';
import type { PollSettings } from './settings';
import { readPollSettings } from './settings';
import type { PollState } from './state';
import { freshness, lastWrittenFor, rememberWrite } from './lastWritten';
import { caughtUpChange, firstPollSettings, lostMemoryOf, lostMemoryWarning, readMarker, rememberMarker } from './lostMemory';
import { decodeState, MAX_TRACKED_RECORDS, saveState, STATE_KEY, UnreadableStateError } from './state';
import { testEventItems } from './testEvent';

const DAY_MS = 86_400_000;
/** n8n's own default poll budget (PollContext); n8n 1.x has none. */
const DEFAULT_BUDGET_MS = 5 * 60_000;
/** Records missing from a list that are checked by ID in one poll; the rest are checked next time. */
export const MAX_DELETION_CHECKS = 100;

/**
 * Polls running in this n8n process, by workflow and node. n8n starts a poll even while the last
 * one still runs; the late one waits for it and emits nothing (the next poll compares again). It
 * must not return early: n8n 2.x releases the workflow's expression isolate when a poll returns,
 * also the one the running poll still uses (its requests then fail with "No bridge acquired").
 */
const pollsInProgress = new Map<string, Promise<unknown>>();

const NOT_ADVANCED =
	'Nothing was emitted and the trigger\'s memory of seen records was not changed: the next poll sees the same changes again.';

function notAdvanced(this: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	const failure = asNodeError(this.getNode(), error);
	failure.description = [failure.description, NOT_ADVANCED].filter((part) => part).join(' ');
	return failure;
}

/** The tracking bound (MAX_TRACKED_RECORDS) exceeded by `count` records: what it is and what to do. */
function tooManyToTrack(node: INode, resource: MomentResource, count: number): NodeOperationError {
	return new NodeOperationError(node, `The trigger would track ${count} ${resource.plural}; it tracks at most ${MAX_TRACKED_RECORDS}`, {
		description: 'It keeps about 10 bytes per record in the workflow\'s static data, which n8n writes at every emitting poll and loads with the workflow. For a list this long, read the changes with a Moment node (Get Many with Last Modified From) on a schedule.',
	});
}

async function signatureOf(this: IPollFunctions, settings: PollSettings): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').toLowerCase();
	const company = createHash('sha256').update(`${baseUrl}\n${String(credentials.companyCode ?? '').trim()}`).digest('hex').slice(0, 12);
	const { detection } = settings;
	return `${settings.resource.value}|${detection.mode === 'field' ? `field:${detection.field}` : detection.mode}|${company}`;
}

function storedState(this: IPollFunctions, raw: unknown): PollState | undefined {
	try {
		return raw === undefined ? undefined : decodeState(raw);
	} catch (error) {
		if (!(error instanceof UnreadableStateError)) throw asNodeError(this.getNode(), error);
		throw new NodeOperationError(this.getNode(), `The trigger's memory of seen records cannot be read (${error.message})`, {
			description: 'Duplicate this trigger node (the copy starts with an empty memory and applies "On First Poll"), connect the copy and delete this one.',
		});
	}
}

/** Confirms missing records by ID: 404 = deleted (forgotten), 200 = only unlisted. Returns the deleted IDs. */
async function settleMissing(this: IPollFunctions, settings: PollSettings, missing: string[], state: PollState, deadline: number): Promise<string[]> {
	// filed by content (no usable ID to ask for, never put in a URL): gone from the list means changed or removed
	for (const key of missing) if (!isIdKey(key)) state.fingerprints.delete(key);
	const ids = missing.filter(isIdKey);
	const checked = ids.slice(0, MAX_DELETION_CHECKS);
	if (checked.length === 0) return [];
	const reads = await readRecords.call(this, settings.resource, checked, [], deadline);
	for (const id of reads.gone) state.fingerprints.delete(id);
	for (const id of reads.found.keys()) state.unlisted.add(id);
	const waiting = ids.length - checked.length + reads.deferred.length;
	if (waiting > 0) this.logger.info(`Moment Poll Trigger "${this.getNode().name}": ${waiting} records missing from the list are checked at the next poll`);
	return checked.filter((id) => reads.gone.has(id));
}

interface Emitted {
	change: SeenChange;
	record: IDataObject;
	/** Why the record is the list's copy although Fetch Full Record is on. */
	notFetched?: string;
}

/** The changes to emit with the record to put in each item; with Fetch Full Record, the full one. */
async function withRecords(this: IPollFunctions, settings: PollSettings, emit: SeenChange[], deadline: number): Promise<Emitted[]> {
	if (!settings.fetchFullRecord) return emit.map((change) => ({ change, record: change.record }));
	const ids = emit.filter((change) => isIdKey(change.key)).map((change) => change.key);
	const reads = await readRecords.call(this, settings.resource, ids, settings.include, deadline);
	if (reads.deferred.length + reads.gone.size > 0) {
		this.logger.info(
			`Moment Poll Trigger "${this.getNode().name}": ${reads.deferred.length} changes wait for the next poll (time budget), ${reads.gone.size} records were deleted before they could be read`,
		);
	}
	return emit.flatMap((change): Emitted[] => {
		// without a usable ID: emitted with the list's copy, saying why it was not read
		if (!isIdKey(change.key)) return [{ change, record: change.record, notFetched: NOT_FETCHED_WITHOUT_ID }];
		const record = reads.found.get(change.key);
		// not read (deleted meanwhile, or no time left): not emitted and not remembered, so the next poll sees it again
		return record ? [{ change, record }] : [];
	});
}

async function pollOnce(this: IPollFunctions, settings: PollSettings, lock: string): Promise<IDataObject[]> {
	const startedAt = Date.now();
	const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	const deadline = startedAt + 0.8 * Math.min(budget, DEFAULT_BUDGET_MS);
	const { resource } = settings;
	const name = this.getNode().name;
	const staticData = this.getWorkflowStaticData('node');
	const signature = await signatureOf.call(this, settings);
	const handed = storedState.call(this, staticData[STATE_KEY]);
	const last = lastWrittenFor(lock, handed?.sequence ?? 0);
	const fresh = freshness(handed?.sequence ?? 0, last, Date.now());
	if (fresh === 'wait') {
		this.logger.info(`Moment Poll Trigger "${name}": n8n handed this poll an older copy of the memory than the last poll wrote (not committed yet), so it emits nothing; the next poll compares again`);
		return [];
	}
	if (fresh === 'written') this.logger.debug(`Moment Poll Trigger "${name}": n8n handed this poll an older copy of the memory; it continues from the one written last`);
	const stored = fresh === 'written' && last ? storedState.call(this, last.stored) : handed;
	const first = stored === undefined || stored.signature !== signature;
	if (stored && first) this.logger.info(`Moment Poll Trigger "${name}": Resource, Change Detection or company changed; this poll is a first poll`);
	// no memory from n8n nor from this process: lost, if the node's marker says it polled before (lostMemory.ts)
	const global = this.getWorkflowStaticData('global');
	const nodeId = this.getNode().id;
	const lost = stored === undefined && !last && nodeId ? lostMemoryOf(readMarker(global, nodeId), signature) : undefined;
	if (lost) this.logger.warn(lostMemoryWarning(name, settings, lost));
	const onFirstPoll = firstPollSettings(settings, lost);
	// never from a time after this poll's start (a high water stored in the future by an older version: highWater.ts)
	const since = !first && settings.changedSinceFilter && stored.highWater !== undefined ? Math.min(stored.highWater, startedAt) - DAY_MS : undefined;
	// checked against the total of the list's first page, before the other pages are read
	const bound = { max: MAX_TRACKED_RECORDS, error: (count: number) => tooManyToTrack(this.getNode(), resource, count) };
	const records = since === undefined ? await readWholeList.call(this, resource, bound) : await readChangedSince.call(this, resource, since, bound);
	const dateProblem = missingDates(onFirstPoll, records, first);
	if (dateProblem) throw new NodeOperationError(this.getNode(), dateProblem, { description: 'Pick another "On First Poll" or remove the Created From filter.' });

	const state: PollState = first
		? { signature, stampField: null, fingerprints: new Map(), unlisted: new Set(), sequence: stored?.sequence ?? 0 }
		: { ...stored, fingerprints: new Map(stored.fingerprints), unlisted: new Set(stored.unlisted) };
	if (first || state.fingerprints.size === 0) state.stampField = chooseStampField(settings, records);
	const comparison = compareWithState(records, state.fingerprints, state.stampField, since === undefined, state.unlisted);
	for (const key of comparison.relisted) state.unlisted.delete(key);
	const tracked = new Set([...state.fingerprints.keys(), ...comparison.current.keys()]).size;
	if (tracked > MAX_TRACKED_RECORDS) throw tooManyToTrack(this.getNode(), resource, tracked);
	const emit: SeenChange[] = [];
	for (const change of comparison.seen) {
		const wanted = first
			? emittedOnFirstPoll(onFirstPoll, change.record)
			: (change.event === 'new' || settings.emitChanged) && matchesFilters(change.record, settings);
		if (wanted) emit.push(caughtUpChange(change, settings, lost));
		else state.fingerprints.set(change.key, change.fingerprint);
	}
	const deleted = await settleMissing.call(this, settings, comparison.missing, state, deadline);
	const emitted = await withRecords.call(this, settings, emit, deadline);
	for (const { change } of emitted) state.fingerprints.set(change.key, change.fingerprint);

	if (settings.changedSinceFilter) {
		const highWater = highWaterOf(records, settings, first ? undefined : stored.highWater, startedAt);
		state.highWater = highWater.value;
		if (highWater.future && firstSighting(lock, highWater.future.date)) {
			const what = highWater.future.key === undefined ? 'The remembered latest change' : `${resource.displayName} ${outputId(highWater.future.key)}`;
			this.logger.warn(
				`Moment Poll Trigger "${name}": ${what} is dated ${new Date(highWater.future.date).toISOString()}, after this poll started (${new Date(startedAt).toISOString()}); "Ask Moment for Changed Records Only" asks from the poll's start instead, so later changes are still read. Check the date in Moment, or the clocks of Moment and n8n.`,
			);
		}
		if (state.highWater === undefined && records.length > 0) {
			throw new NodeOperationError(this.getNode(), `"Ask Moment for Changed Records Only" needs records with a last-change date; the ${resource.plural} Moment listed have none`, {
				description: `Turn the option off. The trigger looked for ${recordStampsOf(resource).modifiedDateFields.join(', ')}.`,
			});
		}
	} else delete state.highWater;

	const detectedAt = new Date();
	const items = [
		...emitted.map(({ change, record, notFetched }) => buildPollItem(resource, change.event, change.key, record, detectedAt, notFetched)),
		...(settings.emitDeleted ? deleted : []).map((key) => buildPollItem(resource, 'deleted', key, undefined, detectedAt)),
	];
	const withoutId = emitted.filter(({ change }) => !isIdKey(change.key));
	if (withoutId.length > 0) {
		this.logger.warn(
			`Moment Poll Trigger "${name}": ${withoutId.length} ${resource.plural} Moment listed without a usable ID (e.g. ${withoutId[0].change.record.id === undefined || withoutId[0].change.record.id === null ? 'none' : quote(withoutId[0].change.record.id)}) were emitted filed by their content; they are never read by ID (see idProblem in the items)`,
		);
	}
	const written = saveState(staticData, state);
	if (written !== undefined) rememberWrite(lock, written, staticData[STATE_KEY] as IDataObject, items.length > 0, Date.now());
	if (written !== undefined && nodeId) {
		const pending = emitted.length < emit.length;
		rememberMarker(global, nodeId, settings, { signature, sequence: written, count: state.fingerprints.size, records, pending, kept: first || items.length > 0, startedAt });
	}
	const counts = ['new', 'changed', 'deleted'].map((event) => `${items.filter((item) => item.event === event).length} ${event}`).join(', ');
	const summary = `Moment Poll Trigger "${name}": ${records.length} ${resource.plural} read${since === undefined ? '' : ' (changed records only)'}, ${counts} emitted${written === undefined ? ', memory unchanged' : ''}`;
	if (items.length > 0) this.logger.info(summary);
	else this.logger.debug(summary);
	return items;
}

export async function runMomentPoll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readPollSettings.call(this);
	if (this.getMode() === 'manual') return [await testEventItems.call(this, settings)];
	const lock = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	const running = pollsInProgress.get(lock);
	if (running) {
		this.logger.info(`Moment Poll Trigger "${this.getNode().name}": the previous poll is still running, so this one only waits for it; the next poll compares again`);
		await running.catch(() => undefined);
		return null;
	}
	const poll = pollOnce.call(this, settings, lock);
	pollsInProgress.set(lock, poll);
	try {
		const items = await poll;
		return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	} catch (error) {
		throw notAdvanced.call(this, error);
	} finally {
		pollsInProgress.delete(lock);
	}
}
