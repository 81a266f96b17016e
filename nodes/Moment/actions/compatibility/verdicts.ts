/**
 * Deciding each verdict from what the reads got (probes.ts), as pure functions: `holds`,
 * `differs` or `cannot tell`, what was observed, and which advice of the assumption
 * (assumptions.ts) applies. What is observed is said in counts, field names and HTTP statuses
 * only: never a value of a record, a message of Moment's or anything of the credential.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';
import { recordStampsOf } from '../../catalog';
import { isStampValue } from '../../changeKey';
import { parseDateTime } from '../../poll/dates';
import type { ListPage } from '../../transport';
import type { CheckName } from './assumptions';
import type { Answer, FilterName, ResourceReads } from './probes';
import { idOrder, isSuccess, LIST_SIZE, listOf, mainList, NEXT_PAGE_SIZE } from './probes';

export type Verdict = 'holds' | 'differs' | 'cannot tell';

export interface Judgement {
	verdict: Verdict;
	observed: string;
	/** The assumption's advice that applies: `holds`, `cannotTell` or one of its own names. */
	advice: string;
}

const holds = (observed: string): Judgement => ({ verdict: 'holds', observed, advice: 'holds' });
const differs = (advice: string, observed: string): Judgement => ({ verdict: 'differs', observed, advice });
const cannotTell = (observed: string, advice = 'cannotTell'): Judgement => ({ verdict: 'cannot tell', observed, advice });

const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/;

/** An answer in a few words: its status, or why there is none. */
export function answered(answer: Answer | undefined): string {
	if (!answer) return 'not tried';
	return answer.status === undefined ? (answer.missing ?? 'no answer') : String(answer.status);
}

/** What a body that is not a list is, by its field names only (at most 10, and only names that look like field names). */
function shapeOf(body: unknown): string {
	if (Array.isArray(body)) return 'an array';
	if (body === null || typeof body !== 'object') return body === undefined || body === '' ? 'an empty body' : `a ${typeof body}`;
	const keys = Object.keys(body);
	const names = keys.filter((key) => FIELD_NAME.test(key)).slice(0, 10);
	const others = keys.length - names.length;
	return `an object with ${keys.length === 0 ? 'no fields' : `the fields ${names.join(', ')}${others > 0 ? ` and ${others} more` : ''}`}`;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const idKey = (record: IDataObject) => String(record.id ?? '');
const countOf = (page: ListPage) => page.totalElements ?? page.records.length;
const isClientError = (answer: Answer | undefined) => answer?.status !== undefined && answer.status >= 400 && answer.status < 500;

function judgePath(reads: ResourceReads): Judgement {
	const { list, listWithoutInclude } = reads;
	if (isSuccess(list)) return holds(answered(list));
	if (isSuccess(listWithoutInclude)) return holds(`${answered(listWithoutInclude)} without Include (${answered(list)} with ${reads.defaultInclude.join('+')})`);
	const status = listWithoutInclude?.status ?? list?.status;
	if (status === 404) return differs('notFound', '404');
	if (status === 403) return cannotTell('403', 'forbidden');
	return cannotTell(answered(listWithoutInclude ?? list));
}

function judgeShape(reads: ResourceReads): Judgement {
	const { answer, page } = mainList(reads);
	if (!isSuccess(answer)) return cannotTell(`the list could not be read (${answered(answer)})`);
	if (!page) return differs('unreadable', shapeOf(answer.body));
	if (page.shape === 'page') return holds('content and a page object');
	if (page.shape === 'classic') return differs('classic', "content with totalElements, totalPages, number and size at the top level, no page object (Spring's classic page)");
	return differs('array', `a bare array (${plural(page.records.length, 'record')})`);
}

function judgeTotals(page: ListPage): Judgement {
	if (page.shape === 'array') return differs('missing', 'none: a bare array');
	const missing = (['totalElements', 'totalPages'] as const).filter((field) => page[field] === undefined);
	if (missing.length > 0) return differs('missing', `no ${missing.join(' and no ')}`);
	return holds(`totalElements ${page.totalElements}, totalPages ${page.totalPages}`);
}

function judgePageBase(page: ListPage, reads: ResourceReads): Judgement {
	if (page.records.length === 0) return cannotTell('the list is empty');
	const next = listOf(reads.nextPage);
	if (!next) return cannotTell(`page 1 could not be read (${answered(reads.nextPage)})`);
	const size = reads.nextPageSize ?? NEXT_PAGE_SIZE;
	const first = page.records.map(idKey);
	const ids = next.records.map(idKey);
	const number = next.number === undefined ? '' : `, page.number ${next.number}`;
	if (ids.length > 0 && ids.every((id, i) => id === first[i])) {
		return differs('oneBased', `page 1 repeats the first ${plural(ids.length, 'record')} of page 0${number}`);
	}
	if (next.number !== undefined && next.number !== 1) return differs('unexpected', `page 1 answered with page.number ${next.number}`);
	const wholeListOnPage0 = page.records.length >= Math.min(countOf(page), 2 * size);
	if (wholeListOnPage0 && size < page.records.length) {
		const expected = first.slice(size, 2 * size);
		if (ids.length === expected.length && ids.every((id, i) => id === expected[i])) {
			return holds(expected.length === 0 ? `page 1 is empty; the list has ${plural(page.records.length, 'record')}${number}` : `page 1 holds records ${size + 1}–${size + ids.length} of the list${number}`);
		}
		return differs('unexpected', `page 1 holds ${plural(ids.length, 'record')}, not records ${size + 1}–${size + expected.length} of the list`);
	}
	if (ids.some((id) => first.includes(id))) return differs('unexpected', 'page 1 holds some records of page 0');
	return holds(ids.length === 0 ? `page 1 is empty: page 0 held the whole list${number}` : `page 1 holds ${plural(ids.length, 'further record')}${number}`);
}

function judgePageSize(page: ListPage, reads: ResourceReads): Judgement {
	const served = page.records.length;
	const hasTotals = page.totalElements !== undefined;
	const next = listOf(reads.nextPage);
	const smallIgnored = hasTotals && next !== undefined && next.records.length > NEXT_PAGE_SIZE;
	const clamped = hasTotals ? 'clamped' : 'clampedNoTotals';
	if (page.size !== undefined && page.size < LIST_SIZE) return differs(clamped, `page.size ${page.size} for size=${LIST_SIZE}`);
	if (hasTotals) {
		const total = page.totalElements as number;
		if (served < Math.min(total, LIST_SIZE)) return differs(clamped, `${served} records on page 0 of ${total}`);
		if (smallIgnored) return differs('smallIgnored', `size=${NEXT_PAGE_SIZE} gave ${plural(next.records.length, 'record')}`);
		return holds(`${served} of ${total} records on page 0${page.size === undefined ? '' : `, page.size ${page.size}`}; ${NEXT_PAGE_SIZE} on page 1 of size ${NEXT_PAGE_SIZE}`);
	}
	if (served >= LIST_SIZE) return holds(`${served} records on page 0`);
	if (served === 0) return cannotTell('the list is empty, and Moment reports no page size');
	const first = new Set(page.records.map(idKey));
	if (next && next.records.length > 0 && !next.records.some((record) => first.has(idKey(record)))) {
		return differs('clampedNoTotals', `page 0 held ${served} records, and page 1 holds more: sizes above ${served} are cut`);
	}
	return cannotTell(`the list has only ${plural(served, 'record')} on page 0, and Moment reports no page size or totals`);
}

function judgeIds(page: ListPage): Judgement {
	const n = page.records.length;
	if (n === 0) return cannotTell('the list is empty');
	const kinds = page.records.map((record) => (idOrder(record) === undefined ? 'invalid' : typeof record.id === 'number' ? 'number' : 'text'));
	const count = (kind: string) => kinds.filter((k) => k === kind).length;
	if (count('invalid') > 0) return differs('invalid', `${count('invalid')} of ${n} records have an id that is not a positive whole number`);
	if (count('text') > 0) return differs('text', `${count('text')} of ${n} ids are text of digits ("123"), ${count('number')} numbers`);
	return holds(`all ${plural(n, 'id')} are whole numbers`);
}

function judgeGet(page: ListPage, reads: ResourceReads): Judgement {
	if (page.records.length === 0) return cannotTell('the list is empty');
	if (reads.getId === undefined) return cannotTell('no listed record has an ID the node accepts');
	const answer = reads.get;
	if (isClientError(answer)) return differs('notFound', answered(answer));
	if (!isSuccess(answer)) return cannotTell(answered(answer));
	const body = answer.body;
	if (Array.isArray(body)) return differs('notOne', `${answer.status} with a list`);
	if (body === null || typeof body !== 'object') return differs('notOne', `${answer.status} with ${shapeOf(body)}`);
	const id = (body as IDataObject).id;
	if (id === undefined || id === null) return differs('notOne', `${answer.status} with a record without id (${shapeOf(body)})`);
	return String(id) === reads.getId ? holds(`${answer.status} with the record of that ID`) : differs('notOne', `${answer.status} with a record of another ID`);
}

function judgeInclude(resource: MomentResource, reads: ResourceReads): Judgement {
	if (resource.takesInclude && resource.defaultInclude) {
		if (isSuccess(reads.list)) return holds(answered(reads.list));
		if (isClientError(reads.list)) return differs('refused', `${answered(reads.list)} with ${reads.defaultInclude.join('+')}, ${answered(reads.listWithoutInclude)} without`);
		return cannotTell(answered(reads.list));
	}
	const answer = reads.include;
	if (resource.takesInclude) {
		if (isSuccess(answer)) return holds(answered(answer));
		return isClientError(answer) ? differs('refused', `${answered(answer)} (refused)`) : cannotTell(answered(answer));
	}
	if (isClientError(answer)) return holds(`${answered(answer)} (refused)`);
	return isSuccess(answer) ? differs('accepted', `${answered(answer)} (accepted)`) : cannotTell(answered(answer));
}

/** A filter expected to leave nothing (a date in 2999, a text no record holds). */
function judgeNarrowing(page: ListPage, answer: Answer | undefined): Judgement {
	const unfiltered = countOf(page);
	if (unfiltered === 0) return cannotTell('the list is empty');
	if (isClientError(answer)) return differs('refused', `${answered(answer)} (refused)`);
	const filtered = listOf(answer);
	if (!filtered) return cannotTell(isSuccess(answer) ? 'the filtered list came in an unexpected shape' : answered(answer));
	const got = countOf(filtered);
	if (got === 0) return holds(`0 records (${unfiltered} without it)`);
	if (filtered.totalElements === undefined) return differs('ignored', `records came back (${filtered.records.length} on a page of 1), as without it`);
	if (got === unfiltered) return differs('ignored', `${got} records, as many as without it`);
	return differs('unexpected', `${got} of ${unfiltered} records`);
}

function judgeSort(page: ListPage, reads: ResourceReads): Judgement {
	const direction = reads.sortDirection;
	if (!direction) return cannotTell('fewer than two listed records with different IDs');
	const answer = reads.filters.sort;
	if (isClientError(answer)) return differs('refused', `${answered(answer)} (refused)`);
	const sorted = listOf(answer);
	if (!sorted) return cannotTell(isSuccess(answer) ? 'the sorted list came in an unexpected shape' : answered(answer));
	const ids = sorted.records.map(idOrder);
	if (ids.length < 2 || ids.some((id) => id === undefined)) return cannotTell(`the sorted list holds ${plural(ids.length, 'usable ID')}`);
	const [a, b] = ids as bigint[];
	const unsorted = page.records.slice(0, 2).map(idOrder);
	if (a === unsorted[0] && b === unsorted[1]) return differs('ignored', 'the same first records as without sort');
	const inOrder = direction === 'desc' ? a > b : a < b;
	const all = page.records.map(idOrder).filter((id): id is bigint => id !== undefined);
	const whole = page.records.length === countOf(page) && all.length === page.records.length;
	const extreme = all.reduce((best, id) => (direction === 'desc' ? (id > best ? id : best) : id < best ? id : best), all[0]);
	const word = direction === 'desc' ? 'descending' : 'ascending';
	if (inOrder && (!whole || a === extreme)) return holds(`${word}${whole ? ` from the ${direction === 'desc' ? 'highest' : 'lowest'} ID` : ''}`);
	return differs('unexpected', `not ${word}${whole ? ` from the ${direction === 'desc' ? 'highest' : 'lowest'} ID` : ''}`);
}

function judgeChangeStamp(resource: MomentResource, page: ListPage): Judgement {
	const n = page.records.length;
	if (n === 0) return cannotTell('the list is empty');
	const fields = recordStampsOf(resource).changeStampFields;
	const counts = fields.map((field) => [field, page.records.filter((record) => isStampValue(record[field])).length] as const);
	const everywhere = counts.find(([, count]) => count === n);
	if (everywhere) return holds(`${everywhere[0]} on all ${plural(n, 'record')}`);
	const some = counts.filter(([, count]) => count > 0).map(([field, count]) => `${field} on ${count} of ${n}`);
	return differs('none', `none of them on every record${some.length > 0 ? ` (${some.join(', ')})` : ''}`);
}

function judgeRecordDates(resource: MomentResource, page: ListPage): Judgement {
	const n = page.records.length;
	if (n === 0) return cannotTell('the list is empty');
	const stamps = recordStampsOf(resource);
	const onEvery = (fields: string[]) => fields.find((field) => page.records.every((record) => parseDateTime(record[field], 'UTC') !== undefined));
	const created = onEvery(stamps.createdDateFields);
	const modified = onEvery(stamps.modifiedDateFields);
	const on = (field: string | undefined, what: string) => (field ? `${field} on all ${plural(n, 'record')}` : `no ${what} on every record`);
	const said = `${on(created, 'creation date')}; ${on(modified, 'last-change date')}`;
	return created && modified ? holds(said) : differs('missing', said);
}

function judgeTimeRecordDates(page: ListPage, answer: Answer | undefined): Judgement {
	if (countOf(page) === 0) return cannotTell('the list is empty');
	if (isClientError(answer)) return differs('refused', `${answered(answer)} (refused)`);
	const filtered = listOf(answer);
	if (!filtered) return cannotTell(answered(answer));
	return filtered.records.length > 0 ? holds('records came back: ignored, as observed') : differs('honoured', '0 records: Moment honours them');
}

function getRecord(reads: ResourceReads): IDataObject | undefined {
	const body = isSuccess(reads.get) ? reads.get.body : undefined;
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

function judgeUserEmail(reads: ResourceReads): Judgement {
	const withInclude = listOf(reads.list);
	if (!withInclude) return cannotTell(`the list with base+email could not be read (${answered(reads.list)})`);
	const n = withInclude.records.length;
	if (n === 0) return cannotTell('the list is empty');
	const plain = getRecord(reads);
	if (!plain) return cannotTell(`no user could be read by ID (${answered(reads.get)})`);
	const withEmail = withInclude.records.filter((record) => 'email' in record).length;
	if (withEmail === 0) return differs('never', `no email on ${plural(n, 'user')} listed with base+email`);
	if ('email' in plain) return differs('alsoWithout', `email on ${withEmail} of ${n} users with base+email, and on the user read without Include`);
	return holds(`email on ${withEmail} of ${n} users with base+email, not on the user read without Include`);
}

function judgeTimeLockDate(reads: ResourceReads): Judgement {
	const user = getRecord(reads);
	if (!user) return cannotTell(`no user could be read by ID (${answered(reads.get)})`);
	if (!('timeLockDate' in user)) return differs('missing', 'no timeLockDate on the user read by ID');
	return holds(`timeLockDate present (${user.timeLockDate === null || user.timeLockDate === '' ? 'empty' : 'a value'})`);
}

function judgeMembershipState(page: ListPage, answer: Answer | undefined): Judgement {
	const n = page.records.length;
	if (countOf(page) === 0) return cannotTell('the list is empty');
	const stated = page.records.filter((record) => record.projectMembershipState !== undefined && record.projectMembershipState !== null).length;
	if (n > 0 && stated === 0) return differs('noState', `no projectMembershipState on ${plural(n, 'listed membership')}`);
	if (isClientError(answer)) return differs('refused', `${answered(answer)} (refused)`);
	const filtered = listOf(answer);
	if (!filtered) return cannotTell(answered(answer));
	const others = filtered.records.filter((record) => record.projectMembershipState !== 'active').length;
	if (others > 0) return differs('ignored', `${others} of ${filtered.records.length} memberships returned are not active`);
	return holds(`${plural(filtered.records.length, 'membership')}, all active (${countOf(page)} without the filter)`);
}

/** The verdict of one assumption about one resource. */
export function judge(check: CheckName, reads: ResourceReads): Judgement {
	if (check === 'path') return judgePath(reads);
	if (check === 'listShape') return judgeShape(reads);
	const { answer, page } = mainList(reads);
	if (!page) {
		return cannotTell(`not tried: the list could not be read (${isSuccess(answer) ? 'an unexpected shape' : answered(answer)})`);
	}
	const { resource } = reads;
	const filter = (name: FilterName) => judgeNarrowing(page, reads.filters[name]);
	switch (check) {
		case 'totals':
			return judgeTotals(page);
		case 'pageBase':
			return judgePageBase(page, reads);
		case 'pageSize':
			return judgePageSize(page, reads);
		case 'ids':
			return judgeIds(page);
		case 'get':
			return judgeGet(page, reads);
		case 'include':
			return judgeInclude(resource, reads);
		case 'createdDateFrom':
		case 'lastModifiedDateFrom':
		case 'query':
			return filter(check);
		case 'sort':
			return judgeSort(page, reads);
		case 'changeStamp':
			return judgeChangeStamp(resource, page);
		case 'recordDates':
			return judgeRecordDates(resource, page);
		case 'timeRecordDates':
			return judgeTimeRecordDates(page, reads.special);
		case 'userEmail':
			return judgeUserEmail(reads);
		case 'timeLockDate':
			return judgeTimeLockDate(reads);
		case 'membershipState':
			return judgeMembershipState(page, reads.special);
	}
}
