/**
 * resources/momentApi/: Check Compatibility's verdicts (map: docs/development.md).
 * Each verdict of Check Compatibility, decided from what the reads got (probes.ts), as pure
 * functions: `holds`, `differs` or `cannot tell`, what was observed, and the advice name
 * (assumptions.ts). Observed is said in counts, field names and HTTP statuses only: never a value
 * of a record, a message of Moment's or anything of the credential.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordStampsOf } from '../../catalog';
import { isStampValue } from '../../changeKey';
import { parseDateTime } from '../../poll/changeDetection';
import type { ListPage } from '../../transport';
import type { CheckName } from './assumptions';
import type { Answer, FilterName, ResourceReads } from './probes';
import { idOrder, isSuccess, LIST_SIZE, listOf, mainList, NEXT_PAGE_SIZE } from './probes';

export type Verdict = 'holds' | 'differs' | 'cannot tell';

export interface Judgement {
	verdict: Verdict;
	observed: string;
	/** The advice that applies: `holds`, `cannotTell` or one of the assumption's own. */
	advice: string;
}

const holds = (observed: string): Judgement => ({ verdict: 'holds', observed, advice: 'holds' });
const differs = (advice: string, observed: string): Judgement => ({ verdict: 'differs', observed, advice });
const unsure = (observed: string, advice = 'cannotTell'): Judgement => ({ verdict: 'cannot tell', observed, advice });

/** An answer in a few words: its status, or why there is none. */
export function answered(answer: Answer | undefined): string {
	if (!answer) return 'not tried';
	return answer.status === undefined ? answer.missing || 'no answer' : String(answer.status);
}

/** What a body that is not a list is: at most 10 of its field names (only names that look like one). */
function shapeOf(body: unknown): string {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return Array.isArray(body) ? 'an array' : `a ${typeof body}`;
	const keys = Object.keys(body);
	const names = keys.filter((key) => /^[A-Za-z_$][\w$]{0,40}$/.test(key)).slice(0, 10);
	return `an object with ${names.join(', ') || 'no field names'}${keys.length > names.length ? ` (+${keys.length - names.length})` : ''}`;
}

const idKey = (record: IDataObject) => String(record.id);
const countOf = (page: ListPage) => (page.totalElements === undefined ? page.records.length : page.totalElements);
const isRefusal = (answer: Answer | undefined) => !!answer && answer.status !== undefined && answer.status >= 400 && answer.status < 500;
const refused = (answer: Answer) => differs('refused', `${answered(answer)} (refused)`);
const EMPTY = unsure('the list is empty');

/** A filtered list's answer: the list, or the verdict when Moment refused it or sent none. */
function filteredList(answer: Answer | undefined): ListPage | Judgement {
	if (isRefusal(answer)) return refused(answer as Answer);
	return listOf(answer) ?? unsure(answered(answer));
}
const isJudgement = (value: ListPage | Judgement): value is Judgement => 'verdict' in value;

function judgePath({ list, listWithoutInclude, defaultInclude }: ResourceReads): Judgement {
	if (isSuccess(list)) return holds(answered(list));
	if (isSuccess(listWithoutInclude)) return holds(`${answered(listWithoutInclude)} without Include (${answered(list)} with ${defaultInclude.join('+')})`);
	const last = listWithoutInclude || list;
	if (last && last.status === 404) return differs('notFound', '404');
	return unsure(answered(last), last && last.status === 403 ? 'forbidden' : 'cannotTell');
}

function judgeShape(reads: ResourceReads): Judgement {
	const { answer, page } = mainList(reads);
	if (!isSuccess(answer)) return unsure(`the list could not be read (${answered(answer)})`);
	if (!page) return differs('unreadable', shapeOf(answer.body));
	if (page.shape === 'page') return holds('content and page');
	return page.shape === 'classic' ? differs('classic', "Spring's classic page: the totals at the top level, no page") : differs('array', `a bare array of ${page.records.length}`);
}

function judgeTotals(page: ListPage): Judgement {
	if (page.totalElements !== undefined && page.totalPages !== undefined) return holds(`totalElements ${page.totalElements}, totalPages ${page.totalPages}`);
	return differs('missing', page.shape === 'array' ? 'none (a bare array)' : `no ${page.totalElements === undefined ? 'totalElements' : 'totalPages'}`);
}

function judgePageBase(page: ListPage, reads: ResourceReads): Judgement {
	const next = listOf(reads.nextPage);
	if (!next) return unsure(`page 1: ${answered(reads.nextPage)}`);
	const size = reads.nextPageSize || NEXT_PAGE_SIZE;
	const first = page.records.map(idKey);
	const ids = next.records.map(idKey);
	const number = next.number === undefined ? '' : `, page.number ${next.number}`;
	if (ids.length > 0 && ids.every((id, i) => id === first[i])) return differs('oneBased', `page 1 repeats page 0's first ${ids.length}${number}`);
	if (next.number !== undefined && next.number !== 1) return differs('unexpected', `page 1 says page.number ${next.number}`);
	if (page.records.length >= Math.min(countOf(page), 2 * size) && size < page.records.length) {
		const expected = first.slice(size, 2 * size);
		const same = ids.length === expected.length && ids.every((id, i) => id === expected[i]);
		return same ? holds(`page 1 holds records ${size + 1}-${size + ids.length}${number}`) : differs('unexpected', `page 1 holds ${ids.length} other records`);
	}
	if (ids.some((id) => first.includes(id))) return differs('unexpected', "page 1 repeats some of page 0's records");
	return holds(`page 1 holds ${ids.length} further records${number}`);
}

function judgePageSize(page: ListPage, reads: ResourceReads): Judgement {
	const served = page.records.length;
	const total = page.totalElements;
	const next = listOf(reads.nextPage);
	const cut = total === undefined ? 'clampedNoTotals' : 'clamped';
	if (page.size !== undefined && page.size < LIST_SIZE) return differs(cut, `page.size ${page.size} for size=${LIST_SIZE}`);
	if (total !== undefined) {
		if (served < Math.min(total, LIST_SIZE)) return differs(cut, `${served} of ${total} records on page 0`);
		if (next && next.records.length > NEXT_PAGE_SIZE) return differs('smallIgnored', `size=${NEXT_PAGE_SIZE} gave ${next.records.length}`);
		return holds(`${served} of ${total} on page 0, ${next ? next.records.length : 0} on a page of ${NEXT_PAGE_SIZE}`);
	}
	if (served >= LIST_SIZE) return holds(`${served} on page 0`);
	const seen = new Set(page.records.map(idKey));
	if (next && next.records.length > 0 && !next.records.some((record) => seen.has(idKey(record)))) {
		return differs('clampedNoTotals', `page 0 held ${served}, page 1 more: cut to ${served}`);
	}
	return unsure(`only ${served} records, and no page size or totals`);
}

function judgeIds(page: ListPage): Judgement {
	const n = page.records.length;
	const invalid = page.records.filter((record) => idOrder(record) === undefined).length;
	const text = page.records.filter((record) => typeof record.id === 'string').length - invalid;
	if (invalid > 0) return differs('invalid', `${invalid} of ${n} ids are not whole numbers`);
	return text > 0 ? differs('text', `${text} of ${n} ids are text`) : holds(`${n} of ${n} are numbers`);
}

function judgeGet(_page: ListPage, reads: ResourceReads): Judgement {
	if (reads.getId === undefined) return unsure('no listed ID the node accepts');
	const answer = reads.get;
	if (isRefusal(answer)) return differs('notFound', answered(answer));
	if (!isSuccess(answer)) return unsure(answered(answer));
	const body = answer.body as IDataObject;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return differs('notOne', `${answer.status} with ${shapeOf(body)}`);
	if (String(body.id) === reads.getId) return holds(`${answer.status} with that record`);
	return differs('notOne', `${answer.status} with ${body.id === undefined ? 'no id' : 'another id'}`);
}

function judgeInclude(_page: ListPage, reads: ResourceReads): Judgement {
	const { resource } = reads;
	const withDefault = resource.takesInclude && !!resource.defaultInclude;
	const answer = withDefault ? reads.list : reads.include;
	if (isRefusal(answer)) return resource.takesInclude ? refused(answer as Answer) : holds(`${answered(answer)} (refused)`);
	if (!isSuccess(answer)) return unsure(answered(answer));
	return resource.takesInclude ? holds(answered(answer)) : differs('accepted', `${answered(answer)} (accepted)`);
}

/** A filter expected to leave nothing (a date in 2999, a text no record holds). */
function judgeNarrowing(page: ListPage, answer: Answer | undefined): Judgement {
	const filtered = filteredList(answer);
	if (isJudgement(filtered)) return filtered;
	const got = countOf(filtered);
	if (got === 0) return holds(`0 records (${countOf(page)} without)`);
	if (filtered.totalElements === undefined) return differs('ignored', 'records came back');
	return got === countOf(page) ? differs('ignored', `${got} records, as without`) : differs('unexpected', `${got} of ${countOf(page)} records`);
}

function judgeSort(page: ListPage, reads: ResourceReads): Judgement {
	const direction = reads.sortDirection;
	const answer = reads.filters.sort;
	if (!direction) return unsure('fewer than two listed IDs');
	const sorted = filteredList(answer);
	if (isJudgement(sorted)) return sorted;
	const ids = sorted.records.map(idOrder);
	if (ids.length < 2 || ids.includes(undefined)) return unsure(`${ids.length} usable IDs`);
	const [a, b] = ids as bigint[];
	if (a === idOrder(page.records[0]) && b === idOrder(page.records[1])) return differs('ignored', 'the order without sort');
	const all = page.records.map(idOrder);
	const whole = page.records.length === countOf(page) && !all.includes(undefined);
	const extreme = (all as bigint[]).reduce((best, id) => ((direction === 'desc' ? id > best : id < best) ? id : best), all[0] as bigint);
	const ordered = (direction === 'desc' ? a > b : a < b) && (!whole || a === extreme);
	return ordered ? holds(`id ${direction}`) : differs('unexpected', `not id ${direction}`);
}

function judgeChangeStamp(page: ListPage, { resource }: ResourceReads): Judgement {
	const n = page.records.length;
	const counts = recordStampsOf(resource).changeStampFields.map((field) => ({ field, count: page.records.filter((record) => isStampValue(record[field])).length }));
	const stamp = counts.find(({ count }) => count === n);
	if (stamp) return holds(`${stamp.field} on all ${n}`);
	const some = counts.filter(({ count }) => count > 0).map(({ field, count }) => ` (${field} on ${count} of ${n})`);
	return differs('none', `none on every record${some.join('')}`);
}

function judgeRecordDates(page: ListPage, { resource }: ResourceReads): Judgement {
	const stamps = recordStampsOf(resource);
	const onEvery = (fields: string[], what: string) => fields.find((field) => page.records.every((record) => parseDateTime(record[field], 'UTC') !== undefined)) || `no ${what}`;
	const created = onEvery(stamps.createdDateFields, 'creation date');
	const modified = onEvery(stamps.modifiedDateFields, 'last-change date');
	const said = `${created}, ${modified} on all ${page.records.length}`;
	return created.startsWith('no ') || modified.startsWith('no ') ? differs('missing', said) : holds(said);
}

function getRecord(reads: ResourceReads): IDataObject | undefined {
	const body = isSuccess(reads.get) ? reads.get.body : undefined;
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

function judgeUserEmail(page: ListPage, reads: ResourceReads): Judgement {
	const plain = getRecord(reads);
	if (!isSuccess(reads.list)) return unsure(`base+email: ${answered(reads.list)}`);
	if (!plain) return unsure(`GET by ID: ${answered(reads.get)}`);
	const withEmail = page.records.filter((record) => 'email' in record).length;
	const said = `email on ${withEmail} of ${page.records.length} with +email, ${'email' in plain ? '' : 'not '}without`;
	if (withEmail === 0) return differs('never', said);
	return 'email' in plain ? differs('alsoWithout', said) : holds(said);
}

function judgeTimeLockDate(_page: ListPage, reads: ResourceReads): Judgement {
	const user = getRecord(reads);
	if (!user) return unsure(`GET by ID: ${answered(reads.get)}`);
	return 'timeLockDate' in user ? holds('timeLockDate present') : differs('missing', 'no timeLockDate');
}

function judgeMembershipState(page: ListPage, { special: answer }: ResourceReads): Judgement {
	if (!page.records.some((record) => record.projectMembershipState !== undefined && record.projectMembershipState !== null)) {
		return differs('noState', `no projectMembershipState on ${page.records.length}`);
	}
	const filtered = filteredList(answer);
	if (isJudgement(filtered)) return filtered;
	const others = filtered.records.filter((record) => record.projectMembershipState !== 'active').length;
	const said = `${others} of ${filtered.records.length} not active (${countOf(page)} without)`;
	return others > 0 ? differs('ignored', said) : holds(said);
}

/** Checks that need records on page 0, and what the list being empty leaves them. */
const NEEDS_RECORDS: CheckName[] = ['pageBase', 'ids', 'get', 'changeStamp', 'recordDates', 'userEmail', 'timeLockDate', 'membershipState'];
const NEEDS_A_LIST: CheckName[] = ['pageSize', 'createdDateFrom', 'lastModifiedDateFrom', 'query', 'timeRecordDates'];

/** The checks judged from the main list's page 0 (the others: judgeNarrowing of their filter). */
const JUDGES: Partial<Record<CheckName, (page: ListPage, reads: ResourceReads) => Judgement>> = {
	totals: judgeTotals,
	pageBase: judgePageBase,
	pageSize: judgePageSize,
	ids: judgeIds,
	get: judgeGet,
	include: judgeInclude,
	sort: judgeSort,
	changeStamp: judgeChangeStamp,
	recordDates: judgeRecordDates,
	timeRecordDates: (_page, reads) => {
		const filtered = filteredList(reads.special);
		if (isJudgement(filtered)) return filtered;
		return filtered.records.length > 0 ? holds('records came back: ignored') : differs('honoured', '0 records: honoured');
	},
	userEmail: judgeUserEmail,
	timeLockDate: judgeTimeLockDate,
	membershipState: judgeMembershipState,
};

/** The verdict of one assumption about one resource. */
export function judge(check: CheckName, reads: ResourceReads): Judgement {
	if (check === 'path') return judgePath(reads);
	if (check === 'listShape') return judgeShape(reads);
	const { answer, page } = mainList(reads);
	if (!page) return unsure(`not tried: the list could not be read (${isSuccess(answer) ? 'its shape' : answered(answer)})`);
	if ((NEEDS_RECORDS.includes(check) && page.records.length === 0) || (NEEDS_A_LIST.includes(check) && countOf(page) === 0)) return EMPTY;
	const judgeOne = JUDGES[check];
	return judgeOne ? judgeOne(page, reads) : judgeNarrowing(page, reads.filters[check as FilterName]);
}
