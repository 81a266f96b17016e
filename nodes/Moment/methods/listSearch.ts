/**
 * methods/: the record pickers' list search (map: docs/development.md).
 * List search for the record pickers ("From list"). Reads one page of Moment's list per call; the
 * pagination token is the next page number (0-based) as text.
 * - `searchRecords`: the record of Get, Update and Delete, of the node's Resource;
 * - `searchProjects`, `searchUsers`: a time record's project and user;
 * - `searchActivities`: the activities of the project chosen on the screen (projectExtensions
 *   ?projectId=), all activities while no project is chosen; closed ones are marked "(closed)";
 * - `searchTasks`: the tasks of the chosen activity (tasks?projectExtensionId=).
 *
 * The search text is sent to Moment as `query` (unverified) AND matched here against the labels
 * and IDs of the page, so searching works even if Moment ignores `query`. The project / activity
 * filters are re-checked on the records the same way.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { findResource, parseRecordId } from '../catalog';
import { fetchListPage } from '../transport';
import { quote } from '../values';

export const LIST_PAGE_SIZE = 100;
/** Stops offering "more" after this many pages, in case Moment ignores `page`. */
export const MAX_LIST_PAGES = 100;

// ---- How a record is shown: its number and a name, e.g. "10001 - Acme AS". Tolerant of missing
// fields: without a number the name alone, without a name "Customer 10001", without both
// "Customer 62788973" (the ID). A record without a usable ID is shown too, marked so (toListItem).
function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.replace(/\s+/g, ' ').trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Whether the record is in the resource's closed state (catalog `closedState`). */
function isClosed(record: IDataObject, resource: MomentResource): boolean {
	const state = resource.closedState;
	return state !== undefined && state.values.includes(String(record[state.field] ?? ''));
}

function recordLabel(record: IDataObject, resource: MomentResource, id: string): string {
	const number = resource.numberField === undefined ? undefined : text(record[resource.numberField]);
	const name = resource.labelFields.map((field) => text(record[field])).find((value) => value !== undefined);
	const label =
		number !== undefined && name !== undefined ? `${number} - ${name}` : (name ?? `${resource.displayName} ${number ?? id}`);
	return isClosed(record, resource) ? `${label} (closed)` : label;
}

/**
 * A list entry for the record. A record Moment listed without a usable ID is not hidden: its entry
 * says so ("Claim abc (unusable ID "abc")") and holds the ID as Moment sent it, which the node
 * refuses with its usual message if it is picked; nothing is ever requested with it.
 */
function toListItem(record: IDataObject, resource: MomentResource): INodeListSearchItems {
	const id = parseRecordId(record.id);
	if (id !== undefined) return { name: recordLabel(record, resource, id), value: id };
	const raw = record.id;
	const shown = raw === undefined || raw === null ? 'no ID' : typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
	const problem = raw === undefined || raw === null ? 'no ID' : `unusable ID ${quote(raw)}`;
	return { name: `${recordLabel(record, resource, shown.slice(0, 60))} (${problem})`, value: shown.slice(0, 200) };
}

// ---- The searches

function pageFromToken(token: string | undefined): number {
	return token !== undefined && /^[0-9]{1,6}$/.test(token) ? Number(token) : 0;
}

function matches(item: INodeListSearchItems, search: string): boolean {
	const needle = search.toLowerCase();
	return item.name.toLowerCase().includes(needle) || String(item.value).includes(needle);
}

function resourceNamed(this: ILoadOptionsFunctions, value: string): MomentResource {
	const resource = findResource(value);
	if (!resource) {
		throw new NodeOperationError(this.getNode(), `Cannot list records of the unknown resource "${value}"`, {
			description: 'Pick a resource in the node first.',
		});
	}
	return resource;
}

/** One page of `resource`'s records as picker entries, optionally only those whose `filter` fields equal. */
async function searchList(
	this: ILoadOptionsFunctions,
	resource: MomentResource,
	filter: string | undefined,
	paginationToken: string | undefined,
	equal: IDataObject = {},
): Promise<INodeListSearchResult> {
	const page = pageFromToken(paginationToken);
	const search = (filter ?? '').trim();
	const qs: IDataObject = search === '' ? { ...equal } : { ...equal, query: search };
	const listPage = await fetchListPage.call(
		this,
		{
			resource,
			include: resource.takesInclude ? resource.defaultInclude : undefined,
			qs,
		},
		page,
		LIST_PAGE_SIZE,
	);
	const items = listPage.records
		.filter((record) => Object.entries(equal).every(([field, value]) => record[field] === undefined || record[field] === null || String(record[field]) === String(value)))
		.map((record) => toListItem(record, resource));
	const results = search === '' ? items : items.filter((item) => matches(item, search));
	const more =
		listPage.totalPages !== undefined
			? page + 1 < listPage.totalPages
			: listPage.records.length >= LIST_PAGE_SIZE;
	return { results, paginationToken: more && page + 1 < MAX_LIST_PAGES ? String(page + 1) : undefined };
}

/** The ID chosen in another picker of the screen (top level, or in Update Fields), if any. */
function chosenId(this: ILoadOptionsFunctions, field: string): string | undefined {
	for (const path of [field, `updateFields.${field}`]) {
		let value: unknown;
		try {
			value = this.getCurrentNodeParameter(path, { extractValue: true });
		} catch {
			value = undefined;
		}
		if (typeof value === 'object' && value !== null && (value as IDataObject).__rl === true) value = (value as IDataObject).value;
		const id = parseRecordId(value);
		if (id !== undefined) return id;
	}
	return undefined;
}

export async function searchRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const resource = resourceNamed.call(this, String(this.getNodeParameter('resource', '') ?? ''));
	return await searchList.call(this, resource, filter, paginationToken);
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchList.call(this, resourceNamed.call(this, 'project'), filter, paginationToken);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchList.call(this, resourceNamed.call(this, 'user'), filter, paginationToken);
}

export async function searchActivities(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	const projectId = chosenId.call(this, 'projectId');
	return await searchList.call(this, resourceNamed.call(this, 'activity'), filter, paginationToken, projectId ? { projectId } : {});
}

export async function searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	const projectExtensionId = chosenId.call(this, 'projectExtensionId');
	const projectId = projectExtensionId ? undefined : chosenId.call(this, 'projectId');
	const equal: IDataObject = projectExtensionId ? { projectExtensionId } : projectId ? { projectId } : {};
	return await searchList.call(this, resourceNamed.call(this, 'task'), filter, paginationToken, equal);
}

/** `methods.listSearch` of the Moment node (referenced by name from the screens' record pickers). */
export const listSearch = { searchRecords, searchProjects, searchUsers, searchActivities, searchTasks };
