/**
 * Filters of a resource's own (catalog `listFilters`), with the re-check for query parameters
 * Moment may ignore. No resource of this release has one (time records will); a made-up resource
 * shows the mechanism.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildListQuery } from '../../nodes/Moment/actions/listQuery';
import { findResource } from '../../nodes/Moment/catalog';
import type { MomentResource } from '../../nodes/Moment/catalog';
import { createExecuteContext } from '../helpers/context';

const hours: MomentResource = {
	...findResource('project')!,
	value: 'hour',
	listFilters: [
		{ name: 'projectId', recheck: { field: 'project.id', match: 'equals' } },
		{ name: 'dateFrom', recheck: { field: 'date', match: 'onOrAfter' } },
		{ name: 'dateTo', recheck: { field: 'date', match: 'onOrBefore' } },
		{ name: 'userId' },
	],
};

function query(filters: IDataObject) {
	const { ctx } = createExecuteContext({ parameters: {} });
	return buildListQuery.call(ctx, 0, hours, filters);
}

describe('a resource\'s own filters', () => {
	it('are sent as query parameters, after the shared ones; empty ones are not', () => {
		expect(query({ query: 'x', projectId: ' 42 ', dateFrom: '', userId: 7 }).qs).toEqual({ query: 'x', projectId: '42', userId: '7' });
	});

	it('without a re-check there is nothing to filter on the node', () => {
		expect(query({ userId: 7, query: 'a' }).keep).toBeUndefined();
	});

	it('re-check every record: equal as text, dates within the range, and records without the field kept', () => {
		const { keep } = query({ projectId: 42, dateFrom: '2026-11-01T00:00:00.000Z', dateTo: new Date('2026-11-30T00:00:00Z') as never });
		const records: IDataObject[] = [
			{ id: 1, project: { id: 42 }, date: '2026-11-01' },
			{ id: 2, project: { id: '42' }, date: '2026-11-30' },
			{ id: 3, project: { id: 43 }, date: '2026-11-15' },
			{ id: 4, project: { id: 42 }, date: '2026-10-31' },
			{ id: 5, project: { id: 42 }, date: '2026-12-01' },
			{ id: 6, date: '2026-11-15' },
			{ id: 7, project: { id: 42 }, date: 'someday' },
			{ id: 8, project: null, date: null },
		];
		expect(records.filter(keep!).map((r) => r.id)).toEqual([1, 2, 6, 7, 8]);
	});
});
