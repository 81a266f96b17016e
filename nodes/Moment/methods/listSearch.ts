/**
 * List search for the record picker ("From list") of every resource. Reads one page of Moment's
 * list per call; the pagination token is the next page number (0-based) as text.
 *
 * The search text is sent to Moment as `query` (unverified) AND matched here against the labels
 * and IDs of the page, so searching works even if Moment ignores `query`.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findResource } from '../catalog';
import { fetchListPage } from '../transport';
import { toListItem } from './recordLabel';

export const LIST_PAGE_SIZE = 100;
/** Stops offering "more" after this many pages, in case Moment ignores `page`. */
export const MAX_LIST_PAGES = 100;

function pageFromToken(token: string | undefined): number {
	return token !== undefined && /^[0-9]{1,6}$/.test(token) ? Number(token) : 0;
}

function matches(item: INodeListSearchItems, search: string): boolean {
	const needle = search.toLowerCase();
	return item.name.toLowerCase().includes(needle) || String(item.value).includes(needle);
}

export async function searchRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const resourceValue = String(this.getNodeParameter('resource', '') ?? '');
	const resource = findResource(resourceValue);
	if (!resource) {
		throw new NodeOperationError(this.getNode(), `Cannot list records of the unknown resource "${resourceValue}"`, {
			description: 'Pick a resource in the node first.',
		});
	}
	const page = pageFromToken(paginationToken);
	const search = (filter ?? '').trim();
	const qs: IDataObject = search === '' ? {} : { query: search };
	const listPage = await fetchListPage.call(
		this,
		{ entity: resource.apiPath, qs, resourceName: resource.displayName, resourcePlural: resource.plural },
		page,
		LIST_PAGE_SIZE,
	);
	const items = listPage.records
		.map((record) => toListItem(record, resource))
		.filter((item): item is INodeListSearchItems => item !== undefined);
	const results = search === '' ? items : items.filter((item) => matches(item, search));
	const more =
		listPage.totalPages !== undefined
			? page + 1 < listPage.totalPages
			: listPage.records.length >= LIST_PAGE_SIZE;
	return { results, paginationToken: more && page + 1 < MAX_LIST_PAGES ? String(page + 1) : undefined };
}
