/**
 * resources/momentApi/: Check Compatibility's assumptions (map: docs/development.md).
 * The assumptions Check Compatibility tests, as data: what the package assumes about each Moment
 * resource (README, "Assumptions about Moment"), how it is tested, what is expected, which node
 * settings depend on it, and what to do when it differs (by the advice name verdicts.ts gives).
 * UNTESTABLE lists what a check that only reads cannot test. Kept short: the items are read in
 * n8n's table; docs/compatibility-check.md explains each one.
 */
import type { MomentResource } from '../../catalog';
import { recordStampsOf } from '../../catalog';
import { FUTURE_DAY, FUTURE_TIME, LIST_SIZE, NEXT_PAGE_SIZE } from './probes';

export type CheckName =
	| 'path'
	| 'listShape'
	| 'totals'
	| 'pageBase'
	| 'pageSize'
	| 'ids'
	| 'get'
	| 'include'
	| 'createdDateFrom'
	| 'lastModifiedDateFrom'
	| 'query'
	| 'sort'
	| 'changeStamp'
	| 'recordDates'
	| 'timeRecordDates'
	| 'userEmail'
	| 'timeLockDate'
	| 'membershipState';

/** A text, or a text made for one resource. */
export type Text = string | ((resource: MomentResource) => string);

export interface Assumption {
	check: CheckName;
	/** The one resource (catalog value) it is about; every resource when absent. */
	only?: string;
	assumption: Text;
	howTested: Text;
	expected: Text;
	affects: Text;
	/** What to do, by advice name; `holds` and `cannotTell` are COMMON_ADVICE. */
	advice: Record<string, Text>;
}

export const COMMON_ADVICE: Record<string, string> = {
	holds: 'Nothing to change.',
	cannotTell: 'Nothing to change now; run the check again later.',
};

const REPORT = ' Please report it.';
const defaultInclude = (r: MomentResource) => (r.takesInclude && r.defaultInclude ? r.defaultInclude.join('+') : '');
const list = (r: MomentResource) => `GET /${r.apiPath}${defaultInclude(r) ? `/include/${defaultInclude(r)}` : ''}?page=0&size=${LIST_SIZE}`;
const READERS = 'Get Many, the record picker, the Poll Trigger';
const FILTER_IN_N8N = 'filter in n8n instead (Filter node).';

function dateFilter(check: 'createdDateFrom' | 'lastModifiedDateFrom', filters: string, poll: string): Assumption {
	const leave = `Leave ${filters} empty; ${FILTER_IN_N8N}${poll ? ` Turn off "${poll}".` : ''}`;
	return {
		check,
		assumption: `${check} narrows lists`,
		howTested: (r) => `?${check === 'createdDateFrom' ? check : recordStampsOf(r).changedSinceParameter}=${FUTURE_TIME}&size=1`,
		expected: 'No records',
		affects: `Get Many > ${filters}${poll ? `; Poll Trigger > ${poll}` : ''}`,
		advice: { ignored: leave, refused: leave + REPORT, unexpected: leave + REPORT },
	};
}

export const ASSUMPTIONS: readonly Assumption[] = [
	{
		check: 'path',
		assumption: (r) => `/${r.apiPath} exists${r.apiPathVerified ? '' : ' (a guess)'}`,
		howTested: list,
		expected: '2xx',
		affects: (r) => `Every ${r.displayName} operation; the Poll Trigger`,
		advice: {
			notFound: (r) => `Don't use ${r.plural}.${REPORT} Say which path Moment uses, if you know.`,
			forbidden: "Give the API key's user access to it (or turn the module on), then run the check again.",
		},
	},
	{
		check: 'listShape',
		assumption: 'Lists are {content, page: {number, size, totalElements, totalPages}}',
		howTested: list,
		expected: 'content and page',
		affects: READERS,
		advice: {
			classic: 'Nothing: the nodes read this shape too.' + REPORT,
			array: 'Nothing: the nodes read arrays too (see totals).' + REPORT,
			unreadable: 'They fail, naming what Moment sent.' + REPORT,
		},
	},
	{
		check: 'totals',
		assumption: 'Lists carry totalElements and totalPages',
		howTested: list,
		expected: 'Both',
		affects: 'Return All, the Poll Trigger',
		advice: { missing: 'Nothing while pages hold 500 (see pageSize); no count confirms a complete list.' + REPORT },
	},
	{
		check: 'pageBase',
		assumption: 'Pages count from 0',
		howTested: `page=1&size=${NEXT_PAGE_SIZE} (page 0's size without totals), against page 0`,
		expected: 'Page 1 continues page 0',
		affects: 'Return All, the record picker past 100, the Poll Trigger past 500 records',
		advice: {
			oneBased: 'Lists longer than a page fail loudly: use Get Many with a Limit up to 500.' + REPORT,
			unexpected: 'Lists longer than a page may fail.' + REPORT,
		},
	},
	{
		check: 'pageSize',
		assumption: `size=${LIST_SIZE} and size=${NEXT_PAGE_SIZE} are honoured`,
		howTested: 'The page size Moment reports, or its records against its total',
		expected: `${LIST_SIZE} a page (or the whole list)`,
		affects: 'Get Many (Limit, Return All), the Poll Trigger',
		advice: {
			clamped: 'Return All is right; keep Limit at or below the size Moment serves (more fails loudly).',
			clampedNoTotals: "Don't use Return All or the Poll Trigger here: they would stop at the first cut page unnoticed. Use a Limit at or below the size served." + REPORT,
			smallIgnored: 'Nothing (the picker gets more per page).' + REPORT,
		},
	},
	{
		check: 'ids',
		assumption: 'IDs are whole numbers, sent as JSON numbers',
		howTested: 'The id of every listed record',
		expected: 'Numbers',
		affects: 'Get, Update, Delete by ID; your expressions',
		advice: {
			text: 'Nothing in the nodes; in expressions compare IDs as text: String($json.id).' + REPORT,
			invalid: 'Get, Update and Delete cannot name these records: use Get Many.' + REPORT,
		},
	},
	{
		check: 'get',
		assumption: (r) => `GET /${r.apiPath}/{id} returns that record`,
		howTested: 'The first listed ID, without Include',
		expected: '2xx with that record',
		affects: (r) => `${r.operations.includes('get') ? 'Get, Update, Delete, ' : ''}Fetch Full Record, the Poll Trigger's deletion checks`,
		advice: { notFound: 'Use Get Many instead.' + REPORT, notOne: 'Use Get Many instead.' + REPORT },
	},
	{
		check: 'include',
		assumption: (r) =>
			!r.takesInclude ? `/${r.apiPath} refuses /include/... (observed)` : `/${r.apiPath} takes /include/${defaultInclude(r) || 'base'}`,
		howTested: (r) => (defaultInclude(r) ? list(r) : `GET /${r.apiPath}/include/base?size=1`),
		expected: (r) => (r.takesInclude ? '2xx' : '4xx'),
		affects: (r) => (!r.takesInclude ? 'Nothing (no Include offered)' : defaultInclude(r) ? `${r.displayName} reads and pickers (default Include)` : "Options > Include; Fetch Full Record's Include"),
		advice: {
			refused: (r) => (defaultInclude(r) ? `${r.displayName} reads fail.${REPORT}` : `Leave Include empty for ${r.plural}.`),
			accepted: 'Nothing (the node sends no Include here).' + REPORT,
		},
	},
	dateFilter('createdDateFrom', 'Created From/To', ''),
	dateFilter('lastModifiedDateFrom', 'Last Modified From/To', 'Ask Moment for Changed Records Only'),
	{
		check: 'query',
		assumption: 'query narrows lists to matching records',
		howTested: 'A query no record matches, size 1',
		expected: 'No records',
		affects: 'Get Many > Search Text; searching the record picker',
		advice: {
			ignored: `Leave Search Text empty; ${FILTER_IN_N8N} (The picker still searches each page itself.)`,
			refused: 'Leave Search Text empty; pick records By ID.' + REPORT,
			unexpected: `Leave Search Text empty; ${FILTER_IN_N8N}${REPORT}`,
		},
	},
	{
		check: 'sort',
		assumption: 'sort=field,asc|desc sorts lists',
		howTested: 'sort=id, the other way than the list comes, size 2',
		expected: 'IDs in that order',
		affects: 'Get Many > Sort',
		advice: {
			ignored: 'Leave Sort empty; sort in n8n (Sort node).',
			refused: 'Leave Sort empty.' + REPORT,
			unexpected: 'Leave Sort empty; sort in n8n (Sort node).' + REPORT,
		},
	},
	{
		check: 'changeStamp',
		assumption: (r) => `Records carry a change stamp (${recordStampsOf(r).changeStampFields.join(', ')})`,
		howTested: 'The listed records\' field names',
		expected: 'One of them on every record',
		affects: 'Poll Trigger > Change Detection; changeKey',
		advice: { none: 'Nothing: Automatic then uses Change Detection: Record Hash, which sees every listed change.' + REPORT },
	},
	{
		check: 'recordDates',
		assumption: 'Records carry a creation and a last-change date',
		howTested: 'The listed records\' field names',
		expected: 'Both on every record',
		affects: 'Poll Trigger: On First Poll since a date, Created From, Ask Moment for Changed Records Only',
		advice: { missing: "Don't use those settings (the trigger stops, naming the dates)." + REPORT },
	},
	{
		check: 'timeRecordDates',
		only: 'timeRecord',
		assumption: 'fromDate/toDate are ignored (observed); the node re-checks each day',
		howTested: `?fromDate=${FUTURE_DAY}&toDate=${FUTURE_DAY}&size=1`,
		expected: 'Records come back',
		affects: 'Get Many > From Date, To Date',
		advice: { honoured: 'Nothing (the node re-checks anyway).' + REPORT, refused: `Leave From/To Date empty; ${FILTER_IN_N8N}${REPORT}` },
	},
	{
		check: 'userEmail',
		only: 'user',
		assumption: 'email comes only with Include base+email (observed)',
		howTested: 'The list with base+email, against GET /userAccounts/{id}',
		expected: 'email only with +email',
		affects: 'User reads; the User picker',
		advice: { alsoWithout: 'Nothing.' + REPORT, never: 'Nothing to set: users show without email.' + REPORT },
	},
	{
		check: 'timeLockDate',
		only: 'user',
		assumption: 'Users carry timeLockDate (observed)',
		howTested: 'GET /userAccounts/{id}, as the time-record checks read it',
		expected: 'The field (a date or empty)',
		affects: 'Time Record writes: the locked-day check',
		advice: { missing: 'Nothing to set: locked days are left to Moment.' + REPORT },
	},
	{
		check: 'membershipState',
		only: 'projectMembership',
		assumption: 'projectMembershipState=active narrows memberships, which carry the state (observed)',
		howTested: `?projectMembershipState=active&size=${LIST_SIZE}, against the unfiltered list`,
		expected: 'Only active ones',
		affects: 'Time Record Create/Update: the membership looked up',
		advice: {
			ignored: 'Nothing (the node re-checks the state).' + REPORT,
			refused: 'Give the Project Membership ID on time records.' + REPORT,
			noState: 'Give the Project Membership ID on time records (all count as active).' + REPORT,
		},
	},
];

/** What a check that only reads cannot test; each becomes a "cannot tell" item. */
export interface UntestableAssumption {
	key: string;
	resource: string;
	assumption: string;
	affects: string;
	advice: string;
}

export const UNTESTABLE: readonly UntestableAssumption[] = [
	{
		key: 'trigger.payloads',
		resource: 'Moment Trigger',
		assumption: 'Non-invoice webhooks look like the invoice one: {"event", "<type>": {"id"}}',
		affects: 'Event Sources other than Invoice',
		advice: 'Listen for Test Event once: recognized: false means another shape. Report it (remove personal data).',
	},
	{ key: 'trigger.events', resource: 'Moment Trigger', assumption: 'Event names other than CREATE_NEW', affects: 'Only Events', advice: 'Leave Only Events empty until you have seen them.' },
	{ key: 'trigger.token', resource: 'Moment Trigger', assumption: 'Moment keeps the ?token= of the URL', affects: 'Secret', advice: "A test delivery answered 401 (n8n's log) means it does not." },
	{ key: 'writes', resource: 'All resources', assumption: 'POST creates, PATCH updates, DELETE deletes', affects: 'Create, Update, Delete', advice: 'Try them on a test record first.' },
	{ key: 'timeRecord.lockedWrite', resource: 'Time Record', assumption: "Moment's answer to a write on a locked day", affects: 'Time Record writes', advice: 'Nothing: the node refuses those writes itself.' },
	{ key: 'rateLimit', resource: 'All resources', assumption: '30 requests/s per key; 429 without Retry-After', affects: 'Every node', advice: 'Nothing: the nodes pace themselves.' },
	{ key: 'sandbox', resource: 'Credential', assumption: "The Sandbox API's host", affects: 'Base URL', advice: 'Ask Milient, and run the check with it.' },
	{ key: 'idsReused', resource: 'All resources', assumption: 'IDs are not reused after a deletion', affects: 'changeKey', advice: 'Report it if an ID comes back.' },
];
