/**
 * actions/: the five operations, for every resource (map: docs/development.md).
 * The five operations, one implementation each for every resource (Get, Get Many, Create, Update,
 * Delete), and what they share: how Moment's answer becomes output records (Simplify, hours next
 * to minutes) and the check a resource may run before a write (`beforeWrite`). What differs per
 * resource is read from its facts (resources/<resource>/<resource>.facts.ts). Map:
 * docs/development.md, "Where each concern lives".
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../catalog';
import { recordIdForJson } from '../catalog';
import { checkTimeRecordWrite } from '../resources/timeRecord/beforeWrite';
import { momentApiRequest, momentApiRequestAllItems } from '../transport';
import { isRecord } from '../values';
import { buildListQuery } from './listQuery';
import { readIdParameter, readPositiveInteger, readRecordOptions } from './parameters';
import type { BeforeWrite, PendingWrite } from './writeBody';
import { buildWriteBody } from './writeBody';
import type { WriteVerb } from './writeReport';

/**
 * One operation, the same function for every resource: reads its parameters for one item, calls
 * the transport, and returns the record(s) to output for that item.
 */
export type MomentOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
) => Promise<IDataObject | IDataObject[]>;

// ---- Output: what Moment answered, as output records ----
// Tolerant of shapes nobody has seen: a list gives one record per entry, a plain value is wrapped
// as { value }. A resource with a duration in minutes (facts `minutesField`) gets it as a number
// and `hours` next to it (2 decimals), so reports can sum either; a value that is not a number is
// left as Moment sent it.

function toRecords(body: unknown): IDataObject[] {
	const values = Array.isArray(body) ? body : [body];
	return values.map((value) => (isRecord(value) ? value : { value: value as IDataObject[string] }));
}

function withHours(record: IDataObject, field: string): IDataObject {
	const raw = record[field];
	const minutes = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || Object.prototype.hasOwnProperty.call(record, 'hours')) return record;
	return { ...record, [field]: minutes, hours: Math.round((minutes / 60) * 100) / 100 };
}

/** n8n's UX guidelines: a simplified record has at most 10 fields. */
const SIMPLIFY_MAX_FIELDS = 10;

function isPlainValue(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * "Simplify": at most 10 fields per record. First the resource's `simplifyFields` (from its facts,
 * in that order) that the record has, then other top-level fields with a plain value (text, number,
 * true/false), in the order Moment sent them, until 10 fields are kept. Nested objects, lists and
 * empty (null) values are dropped unless the facts name them.
 */
export function simplifyRecord(record: IDataObject, resource: MomentResource): IDataObject {
	const simplified: IDataObject = {};
	let kept = 0;
	const preferred = ['id', ...resource.simplifyFields.filter((field) => field !== 'id')];
	for (const field of preferred) {
		if (kept >= SIMPLIFY_MAX_FIELDS) break;
		if (Object.prototype.hasOwnProperty.call(record, field) && record[field] !== undefined) {
			simplified[field] = record[field];
			kept++;
		}
	}
	for (const [field, value] of Object.entries(record)) {
		if (kept >= SIMPLIFY_MAX_FIELDS) break;
		if (Object.prototype.hasOwnProperty.call(simplified, field) || !isPlainValue(value)) continue;
		simplified[field] = value;
		kept++;
	}
	return simplified;
}

function shapeRecords(records: IDataObject[], resource: MomentResource, simplify: boolean): IDataObject[] {
	const field = resource.minutesField;
	const shaped = field === undefined ? records : records.map((record) => withHours(record, field));
	return simplify ? shaped.map((record) => simplifyRecord(record, resource)) : shaped;
}

// ---- Before a write: the few resources that need more than the generic request ----
// Today only time records (resources/timeRecord/beforeWrite.ts: locked dates, project
// membership). Create, Update and Delete call `beforeWrite` with the body they built, before
// anything is written: it may refuse the write, or add to the body and return a notice that the
// output item carries, so whatever the node did on its own is visible.

const BEFORE_WRITE: Partial<Record<string, BeforeWrite>> = {
	timeRecord: checkTimeRecordWrite,
};

export function hasWriteChecks(resource: MomentResource): boolean {
	return BEFORE_WRITE[resource.value] !== undefined;
}

/** Runs the resource's check, if it has one; returns the notice for the output item. */
async function beforeWrite(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	write: PendingWrite,
): Promise<string | undefined> {
	const check = BEFORE_WRITE[resource.value];
	return check ? await check.call(this, itemIndex, write) : undefined;
}

/** The output records with the notice added (unchanged without one). */
function withNotice(records: IDataObject[], notice: string | undefined): IDataObject[] {
	return notice === undefined ? records : records.map((record) => ({ ...record, notice }));
}

// ---- The operations ----

/** GET /{entity}/{id}[/include/...] */
const get: MomentOperation = async function (itemIndex, resource) {
	const id = readIdParameter.call(this, itemIndex, resource);
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'get');
	const body = await momentApiRequest.call(this, { method: 'GET', resource, id, include, itemIndex });
	return shapeRecords(toRecords(body), resource, simplify);
};

/** GET /{entity}[/include/...]?page=N&size=S&filters..., page after page (transport/pagination.ts). */
const getAll: MomentOperation = async function (itemIndex, resource) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? undefined : readPositiveInteger.call(this, itemIndex, 'limit', 'Limit', 50);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, keep } = buildListQuery.call(this, itemIndex, resource, filters);
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'getAll');
	const records = await momentApiRequestAllItems.call(this, { resource, include, qs, keep, itemIndex }, limit);
	return shapeRecords(records, resource, simplify);
};

/** POST /{entity}[/include/...] with the fields as JSON body. Outputs what Moment returns. */
const create: MomentOperation = async function (itemIndex, resource) {
	const body = buildWriteBody.call(this, itemIndex, resource, 'create');
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'create');
	const notice = await beforeWrite.call(this, itemIndex, resource, { operation: 'create', body });
	const response = await momentApiRequest.call(this, { method: 'POST', resource, include, body, itemIndex });
	const records = toRecords(response);
	// An empty answer (e.g. 201 without body) still says the record was created.
	if (records.length === 1 && Object.keys(records[0]).length === 0) return withNotice([{ created: true }], notice);
	return withNotice(shapeRecords(records, resource, simplify), notice);
};

/** PATCH /{entity}/{id}[/include/...] with only the fields to change. Outputs what Moment returns. */
const update: MomentOperation = async function (itemIndex, resource) {
	const id = readIdParameter.call(this, itemIndex, resource);
	const body = buildWriteBody.call(this, itemIndex, resource, 'update');
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'update');
	const notice = await beforeWrite.call(this, itemIndex, resource, { operation: 'update', id, body });
	const response = await momentApiRequest.call(this, { method: 'PATCH', resource, id, include, body, itemIndex });
	const records = toRecords(response);
	// An empty answer (e.g. 204) still says the update was accepted.
	if (records.length === 1 && Object.keys(records[0]).length === 0) return withNotice([{ id: recordIdForJson(id), updated: true }], notice);
	return withNotice(shapeRecords(records, resource, simplify), notice);
};

/** DELETE /{entity}/{id}. Outputs { deleted: true, id } whatever Moment's (usually empty) answer. */
const deleteRecord: MomentOperation = async function (itemIndex, resource) {
	const id = readIdParameter.call(this, itemIndex, resource);
	await beforeWrite.call(this, itemIndex, resource, { operation: 'delete', id });
	await momentApiRequest.call(this, { method: 'DELETE', resource, id, itemIndex });
	return { deleted: true, id: recordIdForJson(id) };
};

export interface OperationEntry {
	run: MomentOperation;
	/** What a successful run did to a record in Moment; absent for reads. */
	writes?: WriteVerb;
}

/** One implementation per operation, shared by every resource. */
export const OPERATIONS: Record<OperationName, OperationEntry> = {
	get: { run: get },
	getAll: { run: getAll },
	create: { run: create, writes: 'created' },
	update: { run: update, writes: 'updated' },
	delete: { run: deleteRecord, writes: 'deleted' },
};
