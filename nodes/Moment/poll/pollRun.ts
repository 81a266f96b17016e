/**
 * One poll of the Moment Poll Trigger (docs/development.md):
 * 1. read and check the parameters (settings.ts); in the editor's "Fetch Test Event", return the
 *    most recent record and stop (testEventItems, below);
 * 2. read the whole list (or, when asked, the recent changes) through the transport: a read that
 *    fails throws, nothing is emitted and the state is not touched, so the next poll sees the
 *    same changes again;
 * 3. compare it with the remembered fingerprints (changeDetection.ts); on a first poll, "On First
 *    Poll" decides what is emitted (settings.ts);
 * 4. confirm each record missing from a complete read with its own request (404 = deleted);
 * 5. with Fetch Full Record, read each record to emit; what the time budget does not allow, and
 *    what Moment no longer has, waits for the next poll;
 * 6. remember exactly the records whose change was emitted, or needs no emitting, and return the
 *    items. A change that was not emitted is not remembered, so it is never skipped.
 *
 * The item a change becomes: what happened (`event`, `resource`, `id`), the change key shared with
 * the Moment Trigger, when the poll noticed it, and the record (the list's copy, or the full record
 * with Fetch Full Record; `null` for a deleted record, whose content the trigger does not keep).
 * A record Moment listed without a usable ID (filed by its content, changeDetection.ts) also
 * carries `idProblem`, and with Fetch Full Record `notFetched`: why it was not read by ID.
 */
import { createHash } from 'crypto';
import type { IDataObject, INode, INodeExecutionData, IPollFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { recordStampsOf } from '../catalog';
import { changeKeyOf, deletedChangeKey } from '../changeKey';
import { CREDENTIAL_TYPE } from '../transport';
import { quote } from '../values';
import type { ChangeEvent, SeenChange } from './changeDetection';
import { changeDateFields, compareWithState, firstSighting, highWaterOf, isIdKey, numericIdOf, recordDate, recordKeyOf } from './changeDetection';
import { asPollError, readChangedSince, readRecord, readRecords, readWholeList } from './readRecords';
import type { PollSettings } from './settings';
import { chooseStampField, emittedOnFirstPoll, matchesFilters, missingDates, readPollSettings } from './settings';
import type { PollState } from './state';
import {
	caughtUpChange,
	decodeState,
	firstPollSettings,
	freshness,
	lastWrittenFor,
	lostMemoryOf,
	lostMemoryWarning,
	MAX_TRACKED_RECORDS,
	readMarker,
	rememberMarker,
	rememberWrite,
	saveState,
	STATE_KEY,
	UnreadableStateError,
} from './state';

// ---- The items

/** `notFetched` of a record filed by content when Fetch Full Record is on. */
export const NOT_FETCHED_WITHOUT_ID = 'It has no usable ID (see idProblem), so it was not read by ID: record is the copy from the list.';

/** The `id` an item shows for a record key: a number when the key is an ID a number holds (Moment's are), else the text. */
function itemIdOf(key: string): number | string {
	return numericIdOf(key) ?? key;
}

/** Why a record filed by content has no usable ID; undefined for a record filed by its ID. */
function idProblemOf(resource: MomentResource, key: string, record: IDataObject): string | undefined {
	if (isIdKey(key)) return undefined;
	const how =
		record.id === undefined || record.id === null
			? 'without an ID'
			: `with the ID ${quote(record.id)}, which is not a Moment ID (a positive whole number of at most 19 digits)`;
	return `Moment listed this ${resource.displayName.toLowerCase()} ${how}. The trigger never uses it in a request and files the record by its content: a change to it comes as a new item, and its deletion is not reported.`;
}

export function buildPollItem(
	resource: MomentResource,
	event: ChangeEvent,
	key: string,
	record: IDataObject | undefined,
	detectedAt: Date,
	notFetched?: string,
): IDataObject {
	const id = itemIdOf(key);
	const item: IDataObject = {
		event,
		resource: resource.value,
		id,
		changeKey: record === undefined ? deletedChangeKey(resource, id) : changeKeyOf(resource, id, record),
		detectedAt: detectedAt.toISOString(),
		record: record ?? null,
	};
	const idProblem = record === undefined ? undefined : idProblemOf(resource, key, record);
	if (idProblem !== undefined) item.idProblem = idProblem;
	if (notFetched !== undefined) item.notFetched = notFetched;
	return item;
}

// ---- Fetch Test Event
//
// "Fetch Test Event" in the editor (n8n runs the poll in manual mode): the most recent record that
// matches the filters, at once, as a "new" item, so a workflow can be built without waiting for a
// change in Moment. The remembered state is neither read nor written.

/** Latest by last change (else creation) date; records without dates by highest ID, then list order. */
function mostRecent(records: IDataObject[], settings: PollSettings): IDataObject | undefined {
	const fields = changeDateFields(settings.resource);
	let best: IDataObject | undefined;
	let bestRank: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
	for (const record of records) {
		const id = itemIdOf(recordKeyOf(record));
		const rank: [number, number] = [
			recordDate(record, fields, settings.timeZone) ?? Number.NEGATIVE_INFINITY,
			typeof id === 'number' ? id : Number.NEGATIVE_INFINITY,
		];
		if (best === undefined || rank[0] > bestRank[0] || (rank[0] === bestRank[0] && rank[1] >= bestRank[1])) {
			best = record;
			bestRank = rank;
		}
	}
	return best;
}

async function testEventItems(this: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[]> {
	const { resource } = settings;
	const records = (await readWholeList.call(this, resource)).filter((record) => matchesFilters(record, settings));
	const latest = mostRecent(records, settings);
	if (!latest) {
		const filtered = settings.fieldValues.length > 0 || settings.createdFromMs !== undefined;
		throw new NodeOperationError(this.getNode(), `Moment has no ${resource.plural}${filtered ? ' matching the filters' : ''} to show as a test event`, {
			description: `Create ${/^[aeiou]/i.test(resource.displayName) ? 'an' : 'a'} ${resource.displayName.toLowerCase()} in Moment${filtered ? ' or change the filters' : ''}, then fetch again.`,
		});
	}
	const key = recordKeyOf(latest);
	let record = latest;
	if (settings.fetchFullRecord && isIdKey(key)) {
		record = (await readRecord.call(this, resource, key, settings.include)) ?? latest;
	}
	const notFetched = settings.fetchFullRecord && !isIdKey(key) ? NOT_FETCHED_WITHOUT_ID : undefined;
	return this.helpers.returnJsonArray([buildPollItem(resource, 'new', key, record, new Date(), notFetched)]);
}

// ---- The poll

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
const pollsInProgress = new Map<string, RunningPoll>();

interface RunningPoll {
	done: Promise<unknown>;
	/** The memory object of a poll that arrived while this one ran (see superseded, below). */
	arrived?: IDataObject;
}

/**
 * Republishing while a poll runs. n8n's default scheduler hands every poll of one registration
 * (one publish) the same live memory object, loaded from the database when it was published;
 * durable poll cursors (n8n 2.41) hand each poll a fresh copy. n8n 1.123 publishes again without
 * stopping a poll in flight: its result is still emitted and saved, while the new registration
 * already holds the memory as it was before that poll, and would emit the same changes again
 * (seen in the end-to-end suite). n8n 2.x discards such a result (PollTriggerExecutor, isCurrent).
 * So a poll whose memory object was handed to an earlier poll, and during which a poll with
 * another memory object arrived (the new registration, which waits for it), emits nothing and
 * writes nothing: the new registration finds the same changes at its next poll, once.
 */
const memoriesHandedBefore = new WeakSet<IDataObject>();

/** Whether a newer registration of this trigger (another memory object) polled while this one ran. */
function superseded(lock: string, staticData: IDataObject, handedBefore: boolean): boolean {
	const arrived = pollsInProgress.get(lock)?.arrived;
	return handedBefore && arrived !== undefined && arrived !== staticData;
}

const NOT_ADVANCED =
	'Nothing was emitted and the trigger\'s memory of seen records was not changed: the next poll sees the same changes again.';

function notAdvanced(this: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	const failure = asPollError(this.getNode(), error);
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
		if (!(error instanceof UnreadableStateError)) throw asPollError(this.getNode(), error);
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
	const handedBefore = memoriesHandedBefore.has(staticData);
	memoriesHandedBefore.add(staticData);
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
	// no memory from n8n nor from this process: lost, if the node's marker says it polled before (state.ts, the marker)
	const global = this.getWorkflowStaticData('global');
	const nodeId = this.getNode().id;
	const lost = stored === undefined && !last && nodeId ? lostMemoryOf(readMarker(global, nodeId), signature) : undefined;
	if (lost) this.logger.warn(lostMemoryWarning(name, settings, lost));
	const onFirstPoll = firstPollSettings(settings, lost);
	// never from a time after this poll's start (a high water stored in the future by an older version: changeDetection.ts)
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
		const highWater = highWaterOf(records, resource, settings.timeZone, first ? undefined : stored.highWater, startedAt);
		state.highWater = highWater.value;
		if (highWater.future && firstSighting(lock, highWater.future.date)) {
			const what = highWater.future.key === undefined ? 'The remembered latest change' : `${resource.displayName} ${itemIdOf(highWater.future.key)}`;
			this.logger.warn(
				`Moment Poll Trigger "${name}": ${what} is dated ${new Date(highWater.future.date).toISOString()}, after this poll started (${new Date(startedAt).toISOString()}); "Ask Moment for Changed Records Only" asks from the poll's start instead. Check the date in Moment, or the clocks.`,
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
	if (superseded(lock, staticData, handedBefore)) {
		this.logger.info(
			`Moment Poll Trigger "${name}": the workflow was published again while this poll ran, so it emits nothing; the new one emits its ${items.length} item(s)`,
		);
		return [];
	}
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
		running.arrived = this.getWorkflowStaticData('node');
		this.logger.info(`Moment Poll Trigger "${this.getNode().name}": the previous poll is still running, so this one only waits for it; the next poll compares again`);
		await running.done.catch(() => undefined);
		return null;
	}
	const poll = pollOnce.call(this, settings, lock);
	pollsInProgress.set(lock, { done: poll });
	try {
		const items = await poll;
		return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	} catch (error) {
		throw notAdvanced.call(this, error);
	} finally {
		pollsInProgress.delete(lock);
	}
}
