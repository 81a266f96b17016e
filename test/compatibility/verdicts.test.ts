/**
 * The verdicts of Check Compatibility for answers the simulator's profiles do not produce (pure:
 * made-up answers in, verdicts out): odd shapes, a Get that answers with something else, a sort
 * that sorts otherwise, memberships without a state, users without email or lock date, a page size
 * cut without totals, and what an odd answer's field names may show.
 */
import type { IDataObject } from 'n8n-workflow';

import { findResource } from '../../nodes/Moment/catalog';
import type { CheckName } from '../../nodes/Moment/resources/momentApi/assumptions';
import type { Answer, ResourceReads } from '../../nodes/Moment/resources/momentApi/probes';
import { resourceItems } from '../../nodes/Moment/resources/momentApi/checkCompatibility';
import { judge } from '../../nodes/Moment/resources/momentApi/verdicts';

const ok = (body: unknown): Answer => ({ status: 200, body });
const records = (from: number, count: number, extra: IDataObject = {}) => Array.from({ length: count }, (_, i) => ({ id: from + i, version: 0, createdDate: '2025-01-01T00:00:00Z', lastModifiedDate: '2025-01-02T00:00:00Z', ...extra }));
const page = (content: unknown[], number = 0, size = 500, totalElements = content.length) => ({ content, page: { number, size, totalElements, totalPages: Math.ceil(totalElements / size) } });

function reads(resourceValue: string, changes: Partial<ResourceReads> = {}): ResourceReads {
	const resource = findResource(resourceValue)!;
	const list = records(101, 5);
	return {
		resource,
		defaultInclude: resource.defaultInclude ? [...resource.defaultInclude] : [],
		list: ok(page(list)),
		nextPage: ok(page(list.slice(2, 4), 1, 2, 5)),
		nextPageSize: 2,
		getId: '101',
		get: ok(list[0]),
		include: ok(page(list.slice(0, 1), 0, 1, 5)),
		filters: { createdDateFrom: ok(page([], 0, 1, 0)), lastModifiedDateFrom: ok(page([], 0, 1, 0)), query: ok(page([], 0, 1, 0)), sort: ok(page([list[4], list[3]], 0, 2, 5)) },
		sortDirection: 'desc',
		...changes,
	};
}

const verdictOf = (check: CheckName, r: ResourceReads) => judge(check, r);

it('a made-up answer in the assumed shape holds everywhere (the baseline of this file)', () => {
	const items = resourceItems(reads('customer'));
	expect(items.filter((item) => item.verdict !== 'holds')).toEqual([]);
});

describe('list shapes', () => {
	it('an unexpected shape is named by its field names only: at most 10, and only names that look like field names', () => {
		const body = { data: [{ id: 1 }], 'Acme AS, Oslo': 1, 'see https://x': 2, ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i])) };
		const judged = verdictOf('listShape', reads('invoice', { list: ok(body) }));
		expect(judged).toEqual({ verdict: 'differs', advice: 'unreadable', observed: 'an object with data, f0, f1, f2, f3, f4, f5, f6, f7, f8 (+5)' });
		expect(verdictOf('totals', reads('invoice', { list: ok(body) }))).toEqual({ verdict: 'cannot tell', advice: 'cannotTell', observed: 'not tried: the list could not be read (its shape)' });
		expect(verdictOf('listShape', reads('invoice', { list: ok('<html>') }))).toMatchObject({ verdict: 'differs', observed: 'a string' });
	});

	it('a page size cut without totals, seen on page 1: the advice says not to use Return All or the Poll Trigger', () => {
		const list = records(1, 200);
		const r = reads('invoice', { list: ok(list), nextPage: ok(records(201, 200)), nextPageSize: 200 });
		expect(verdictOf('pageSize', r)).toEqual({ verdict: 'differs', advice: 'clampedNoTotals', observed: 'page 0 held 200, page 1 more: cut to 200' });
		expect(resourceItems(r).find((item) => item.key === 'invoice.pageSize')?.advice).toMatch(/^Don't use Return All or the Poll Trigger here: they would stop at the first cut page unnoticed/);
	});

	it('a cut without page.size shows as fewer records than the total; a small size ignored shows on page 1', () => {
		expect(verdictOf('pageSize', reads('offer', { list: ok({ content: records(1, 300), page: { number: 0, totalElements: 900, totalPages: 3 } }) }))).toEqual({
			verdict: 'differs',
			advice: 'clamped',
			observed: '300 of 900 records on page 0',
		});
		expect(verdictOf('pageSize', reads('offer', { nextPage: ok(page(records(1, 20), 1, 20, 5)) }))).toMatchObject({ verdict: 'differs', advice: 'smallIgnored' });
	});

	it('page 1 that is neither the next records nor page 0 again', () => {
		expect(verdictOf('pageBase', reads('offer', { nextPage: ok(page(records(900, 2), 1, 2, 5)) }))).toEqual({ verdict: 'differs', advice: 'unexpected', observed: 'page 1 holds 2 other records' });
	});
});

describe('IDs and Get', () => {
	it('IDs that are not whole numbers, and a mix of numbers and text', () => {
		expect(verdictOf('ids', reads('customer', { list: ok(page([{ id: 'C-1' }, { id: 2 }])) }))).toMatchObject({ verdict: 'differs', advice: 'invalid', observed: '1 of 2 ids are not whole numbers' });
		expect(verdictOf('ids', reads('customer', { list: ok(page([{ id: '1' }, { id: 2 }])) }))).toMatchObject({ verdict: 'differs', advice: 'text', observed: '1 of 2 ids are text' });
	});

	it('a Get that answers with a list, another record, or 404', () => {
		expect(verdictOf('get', reads('project', { get: ok([{ id: 101 }]) }))).toMatchObject({ verdict: 'differs', advice: 'notOne', observed: '200 with an array' });
		expect(verdictOf('get', reads('project', { get: ok({ id: 7 }) }))).toMatchObject({ verdict: 'differs', advice: 'notOne', observed: '200 with another id' });
		expect(verdictOf('get', reads('project', { get: { status: 404 } }))).toMatchObject({ verdict: 'differs', advice: 'notFound', observed: '404' });
		expect(verdictOf('get', reads('project', { getId: undefined, get: undefined }))).toMatchObject({ verdict: 'cannot tell' });
	});
});

describe('filters and sort', () => {
	it('refused (4xx), narrowed otherwise than expected, and Moment failing (5xx)', () => {
		expect(verdictOf('query', reads('offer', { filters: { query: { status: 400 } } }))).toMatchObject({ verdict: 'differs', advice: 'refused', observed: '400 (refused)' });
		expect(verdictOf('createdDateFrom', reads('offer', { filters: { createdDateFrom: ok(page(records(1, 1), 0, 1, 3)) } }))).toMatchObject({ verdict: 'differs', advice: 'unexpected', observed: '3 of 5 records' });
		expect(verdictOf('lastModifiedDateFrom', reads('offer', { filters: { lastModifiedDateFrom: { status: 503 } } }))).toMatchObject({ verdict: 'cannot tell', observed: '503' });
	});

	it('a sort that sorts, but not as asked', () => {
		const list = records(101, 5);
		expect(verdictOf('sort', reads('claim', { filters: { sort: ok(page([list[3], list[2]], 0, 2, 5)) } }))).toEqual({ verdict: 'differs', advice: 'unexpected', observed: 'not id desc' });
	});
});

describe('what only some resources have', () => {
	it('time records accepting an Include: differs, and there is nothing to change', () => {
		const r = reads('timeRecord', { include: ok(page(records(1, 1))) });
		expect(verdictOf('include', r)).toMatchObject({ verdict: 'differs', advice: 'accepted' });
		expect(resourceItems(r).find((item) => item.key === 'timeRecord.include')?.advice).toMatch(/^Nothing \(the node sends no Include here\)/);
	});

	it("users: the default Include refused (the list read again without it), email never or always, no timeLockDate", () => {
		const refused = reads('user', { list: { status: 400 }, listWithoutInclude: ok(page(records(1, 3))) });
		expect(verdictOf('path', refused)).toMatchObject({ verdict: 'holds', observed: '200 without Include (400 with base+email)' });
		expect(verdictOf('include', refused)).toMatchObject({ verdict: 'differs', advice: 'refused', observed: '400 (refused)' });
		expect(verdictOf('userEmail', refused)).toMatchObject({ verdict: 'cannot tell' });
		const withEmail = records(1, 3, { email: 'x' });
		expect(verdictOf('userEmail', reads('user', { list: ok(page(records(1, 3))) }))).toMatchObject({ verdict: 'differs', advice: 'never' });
		expect(verdictOf('userEmail', reads('user', { list: ok(page(withEmail)), get: ok(withEmail[0]) }))).toMatchObject({ verdict: 'differs', advice: 'alsoWithout' });
		expect(verdictOf('userEmail', reads('user', { list: ok(page(withEmail)), get: ok({ id: 1 }) }))).toMatchObject({ verdict: 'holds' });
		expect(verdictOf('timeLockDate', reads('user', { get: ok({ id: 101 }) }))).toMatchObject({ verdict: 'differs', advice: 'missing' });
		expect(verdictOf('timeLockDate', reads('user', { get: ok({ id: 101, timeLockDate: null }) }))).toMatchObject({ verdict: 'holds', observed: 'timeLockDate present' });
	});

	it('memberships without a state, and a state filter Moment ignores', () => {
		expect(verdictOf('membershipState', reads('projectMembership', { special: ok(page([])) }))).toMatchObject({ verdict: 'differs', advice: 'noState' });
		const stated = [{ id: 1, projectMembershipState: 'active' }, { id: 2, projectMembershipState: 'inactive' }];
		expect(verdictOf('membershipState', reads('projectMembership', { list: ok(page(stated)), special: ok(page(stated)) }))).toEqual({ verdict: 'differs', advice: 'ignored', observed: '1 of 2 not active (2 without)' });
		expect(verdictOf('membershipState', reads('projectMembership', { list: ok(page(stated)), special: ok(page(stated.slice(0, 1))) }))).toMatchObject({ verdict: 'holds' });
	});
});
