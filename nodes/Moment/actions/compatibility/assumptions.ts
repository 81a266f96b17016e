/**
 * The assumptions the compatibility check tests, as data: what the package assumes about each
 * Moment resource (README, "Assumptions about Moment"), how the check tests it, what it expects,
 * which node settings depend on it, and what to do when it differs. verdicts.ts decides each
 * verdict from the reads (probes.ts) and names the advice that applies; UNTESTABLE lists what a
 * check that only reads cannot test.
 */
import type { MomentResource } from '../../catalog';
import { recordStampsOf } from '../../catalog';
import { FUTURE_DAY, FUTURE_TIME, LIST_SIZE, NEXT_PAGE_SIZE, NO_MATCH_TEXT } from './probes';

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

type Text = (resource: MomentResource) => string;

export interface Assumption {
	check: CheckName;
	appliesTo: (resource: MomentResource) => boolean;
	assumption: Text;
	howTested: Text;
	expected: Text;
	affects: Text;
	/** What to do, by the advice name verdicts.ts gives; `holds` and `cannotTell` are shared. */
	advice: Record<string, Text>;
}

const every = () => true;
const only = (value: string) => (resource: MomentResource) => resource.value === value;
const list = (r: MomentResource) => `GET /${r.apiPath}${r.takesInclude && r.defaultInclude ? `/include/${r.defaultInclude.join('+')}` : ''}?page=0&size=${LIST_SIZE}`;
const readers = (r: MomentResource) => `${r.displayName} Get Many (Return All, Limit), the ${r.displayName} record picker, the Moment Poll Trigger on ${r.plural}`;
const report = 'Please report it (the summary item holds the text to paste).';

/** Advice shared by every assumption. */
export const COMMON_ADVICE = {
	holds: 'Nothing to change.',
	cannotTell: 'Nothing to change now. Run the check again later (or once the list has records) to know.',
};

const filterAssumption = (check: 'createdDateFrom' | 'lastModifiedDateFrom', settings: string, extra: Partial<Record<string, Text>> = {}): Assumption => ({
	check,
	appliesTo: every,
	assumption: (r) => `Moment narrows the ${r.plural} list to ${check} (${settings})`,
	howTested: (r) => `GET /${r.apiPath}?${check === 'lastModifiedDateFrom' ? recordStampsOf(r).changedSinceParameter : check}=${FUTURE_TIME}&size=1, compared with the unfiltered list`,
	expected: () => 'No records (none was created or changed in the year 2999)',
	affects: (r) => `${r.displayName} Get Many > Filters > ${settings}${check === 'lastModifiedDateFrom' ? '; Moment Poll Trigger > Options > Ask Moment for Changed Records Only' : ''}`,
	advice: {
		ignored: (r) =>
			`Moment returns the whole list: leave ${settings} empty for ${r.plural} and filter in n8n instead (a Filter node on the record's date)${
				check === 'lastModifiedDateFrom' ? '. In the Poll Trigger, "Ask Moment for Changed Records Only" gains nothing: turn it off' : ''
			}.`,
		refused: (r) =>
			`Moment refuses the filter: leave ${settings} empty for ${r.plural}${check === 'lastModifiedDateFrom' ? ', and turn off "Ask Moment for Changed Records Only" in the Poll Trigger (it would fail)' : ''}. ${report}`,
		unexpected: (r) => `Moment narrows the list, but not as expected (it may read the date another way): check the ${r.plural} you get with ${settings}. ${report}`,
		...extra,
	},
});

export const ASSUMPTIONS: readonly Assumption[] = [
	{
		check: 'path',
		appliesTo: every,
		assumption: (r) => `The API path /${r.apiPath} exists (${r.apiPathVerified ? 'documented or observed' : 'assumed: not documented'})`,
		howTested: list,
		expected: () => 'A 2xx answer',
		affects: (r) => `Every ${r.displayName} operation; ${readers(r)}`,
		advice: {
			notFound: (r) =>
				`Moment has no /${r.apiPath}: no ${r.displayName} operation can work. ${r.apiPathVerified ? '' : 'The path was a guess. '}${report} Say which path Moment uses for ${r.plural}, if you know it.`,
			forbidden: (r) => `The API user may not read ${r.plural} (or the module is off in Moment): give the user who owns the key access, then run the check again.`,
		},
	},
	{
		check: 'listShape',
		appliesTo: every,
		assumption: () => 'Lists come as {"content": [...], "page": {"number", "size", "totalElements", "totalPages"}} (observed)',
		howTested: list,
		expected: () => 'content and a page object',
		affects: readers,
		advice: {
			classic: () => "Nothing to change: the nodes read Spring's classic page shape too. " + report,
			array: () => 'The nodes read bare arrays too, but Moment then says nothing about how many records there are (see the totals item). ' + report,
			unreadable: (r) => `Get Many, the record picker and the Poll Trigger stop with "Moment sent the ${r.displayName.toLowerCase()} list in an unexpected shape" and name what came. ${report}`,
		},
	},
	{
		check: 'totals',
		appliesTo: every,
		assumption: () => 'List answers say how many records and pages there are (totalElements, totalPages)',
		howTested: list,
		expected: () => 'totalElements and totalPages',
		affects: readers,
		advice: {
			missing: () =>
				'Return All and the Poll Trigger read page after page until a short page, and cannot confirm that nothing is missing. Right as long as Moment serves 500 records a page (see the page size item). ' + report,
		},
	},
	{
		check: 'pageBase',
		appliesTo: every,
		assumption: () => 'Pages count from 0: page=0 is the first page, page=1 the second (observed)',
		howTested: (r) => `GET /${r.apiPath}?page=1&size=${NEXT_PAGE_SIZE} (as many as page 0 held when Moment sends no totals), compared with page 0`,
		expected: () => 'Page 1 continues where page 0 ended',
		affects: (r) => `${r.displayName} Get Many with Return All over more than one page, the record picker past its first 100 entries, the Moment Poll Trigger on more than 500 ${r.plural}`,
		advice: {
			oneBased: () =>
				'Lists longer than one page fail loudly ("Moment sent page 0 … when page 1 was asked for", or "announced … but sent …"); nothing is silently skipped. Until the node supports it, use Get Many with a Limit of at most 500. ' + report,
			unexpected: () => 'Page 1 is neither the next records nor page 0 again: lists longer than one page may fail. ' + report,
		},
	},
	{
		check: 'pageSize',
		appliesTo: every,
		assumption: () => `Moment serves pages of ${LIST_SIZE} records (size=${LIST_SIZE}, observed to work) and honours a small size`,
		howTested: (r) => `${list(r)} and page 1 with size ${NEXT_PAGE_SIZE}: the page size Moment reports, or the records it sent against its total`,
		expected: () => `Pages of ${LIST_SIZE} (or the whole list, if shorter), and of ${NEXT_PAGE_SIZE} when asked`,
		affects: (r) => `${r.displayName} Get Many (Limit, Return All), the Moment Poll Trigger on ${r.plural}`,
		advice: {
			clamped: () =>
				'Return All is right (it follows the page count Moment sends). Get Many with a Limit above the size Moment serves fails loudly ("announced … but sent …"): use Return All, or a Limit no larger than that size. ' + report,
			clampedNoTotals: () =>
				"Moment cuts the page size and sends no totals: Return All and the Poll Trigger would take a cut page for the last one and miss records without noticing. Don't use Return All or the Poll Trigger for this resource; use Get Many with a Limit no larger than the size Moment serves. " + report,
			smallIgnored: () => 'Moment ignores small sizes: the record picker gets more entries per page than it asked for (harmless); Get Many with a Limit still returns at most Limit records. ' + report,
		},
	},
	{
		check: 'ids',
		appliesTo: every,
		assumption: () => 'Record IDs are positive whole numbers, sent as JSON numbers (every documented or observed ID is)',
		howTested: list,
		expected: () => 'Every id a number',
		affects: () => 'Get, Update and Delete (the record picker, By ID), the triggers\' record IDs, your own expressions that compare IDs',
		advice: {
			text: () => 'Nothing to change in the nodes (they read IDs given as text). In your own expressions, compare IDs as text, e.g. String($json.id). ' + report,
			invalid: (r) => `The node refuses IDs that are not whole numbers, so Get, Update and Delete cannot name these ${r.plural}; Get Many still lists them. ${report}`,
		},
	},
	{
		check: 'get',
		appliesTo: every,
		assumption: (r) => `GET /${r.apiPath}/{id} returns that one record (${r.apiPath === 'invoices' ? 'documented' : 'the documented convention'})`,
		howTested: (r) => `GET /${r.apiPath}/{id} of the first listed record, without Include`,
		expected: () => 'A 2xx answer with the record of that ID',
		affects: (r) =>
			r.operations.includes('get')
				? `${r.displayName} Get, Update and Delete; Fetch Full Record of the triggers; the Poll Trigger's deletion checks${r.value === 'user' ? '; the locked-day check of time records' : ''}`
				: `The Moment Poll Trigger's deletion checks and Fetch Full Record on ${r.plural}`,
		advice: {
			notFound: (r) => `Moment does not answer by ID: Get, Update and Delete fail, and the Poll Trigger takes listed records for unlisted ones. Use Get Many for ${r.plural}. ${report}`,
			notOne: (r) => `Moment answers by ID with something other than that record: don't rely on Get for ${r.plural}; use Get Many. ${report}`,
		},
	},
	{
		check: 'include',
		appliesTo: every,
		assumption: (r) =>
			!r.takesInclude
				? `Moment refuses /include/... on /${r.apiPath} (observed), so the node sends none`
				: r.defaultInclude
					? `Moment takes the Include the node sends by default, ${r.defaultInclude.join('+')}`
					: `Moment takes /include/base on /${r.apiPath}`,
		howTested: (r) => (r.takesInclude && r.defaultInclude ? list(r) : `GET /${r.apiPath}/include/base?page=0&size=1`),
		expected: (r) => (r.takesInclude ? 'A 2xx answer' : 'A 4xx answer (refused)'),
		affects: (r) =>
			r.takesInclude
				? `${r.displayName} ${r.defaultInclude ? 'Get, Get Many and the pickers (default Include)' : 'Options > Include'}; Fetch Full Record's Include in the triggers`
				: `Nothing: the node offers no Include for ${r.plural}`,
		advice: {
			refused: (r) =>
				r.defaultInclude
					? `Moment refuses the default Include ${r.defaultInclude.join('+')}: ${r.displayName} Get, Get Many and the pickers fail. ${report}`
					: `Leave Include empty for ${r.plural} (Options > Include, and Fetch Full Record's Include in the triggers): Moment refuses it.`,
			accepted: (r) => `Nothing to change: the node sends no Include for ${r.plural}. ${report} A later version could offer it.`,
		},
	},
	filterAssumption('createdDateFrom', 'Created From / Created To'),
	filterAssumption('lastModifiedDateFrom', 'Last Modified From / Last Modified To'),
	{
		check: 'query',
		appliesTo: every,
		assumption: (r) => `Moment narrows the ${r.plural} list to the records matching query (Get Many's Search Text; the pickers' search)`,
		howTested: (r) => `GET /${r.apiPath}?query=${NO_MATCH_TEXT}&size=1 (a text no record holds), compared with the unfiltered list`,
		expected: () => 'No records',
		affects: (r) => `${r.displayName} Get Many > Filters > Search Text; searching in the ${r.displayName} record picker`,
		advice: {
			ignored: (r) =>
				`Search Text in Get Many returns every ${r.displayName.toLowerCase()}: leave it empty and filter in n8n. The record picker still finds matches (it also searches each page itself), page by page.`,
			refused: (r) => `Leave Search Text empty for ${r.plural}; the record picker's search fails too (type an ID instead). ${report}`,
			unexpected: () => `Moment returned records for a text none of them holds. ${report}`,
		},
	},
	{
		check: 'sort',
		appliesTo: every,
		assumption: (r) => `Moment sorts the ${r.plural} list by sort=field,asc|desc (unverified)`,
		howTested: (r) => `GET /${r.apiPath}?sort=id,desc (or asc: the other way than the unfiltered list)&size=2`,
		expected: () => 'The IDs in the order asked for',
		affects: (r) => `${r.displayName} Get Many > Filters > Sort`,
		advice: {
			ignored: (r) => `Sort does nothing for ${r.plural}: sort in n8n instead (a Sort node).`,
			refused: (r) => `Leave Sort empty for ${r.plural}: Moment refuses it. ${report}`,
			unexpected: (r) => `Moment sorts ${r.plural}, but not as asked: sort in n8n instead (a Sort node). ${report}`,
		},
	},
	{
		check: 'changeStamp',
		appliesTo: every,
		assumption: (r) => `${r.displayName} records carry a change stamp: one of ${recordStampsOf(r).changeStampFields.join(', ')}`,
		howTested: (r) => `The field names of the records of ${list(r)}`,
		expected: () => 'One of those fields on every record',
		affects: () => 'Moment Poll Trigger > Options > Change Detection; the changeKey of both triggers',
		advice: {
			none: () =>
				'Nothing to set: the Poll Trigger\'s Automatic change detection then compares a hash of each record ("Change Detection: Record Hash"), which notices every listed change. If you know a field that changes with every change, name it under Change Detection. ' + report,
		},
	},
	{
		check: 'recordDates',
		appliesTo: every,
		assumption: (r) => `${r.displayName} records carry when they were created and last changed (${recordStampsOf(r).createdDateFields[0]}, ${recordStampsOf(r).modifiedDateFields[0]}, or another spelling the trigger knows)`,
		howTested: (r) => `The field names of the records of ${list(r)}`,
		expected: () => 'A creation and a last-change date on every record',
		affects: () => 'Moment Poll Trigger: On First Poll "Emit Records Changed Since a Date", Filters > Created From, "Ask Moment for Changed Records Only"',
		advice: {
			missing: () =>
				'The Poll Trigger stops with an error naming the missing dates when a setting needs them: use On First Poll "Emit Nothing" or "Emit Every Existing Record", no Created From, and leave "Ask Moment for Changed Records Only" off. ' + report,
		},
	},
	{
		check: 'timeRecordDates',
		appliesTo: only('timeRecord'),
		assumption: () => 'Moment ignores fromDate/toDate on time records (observed); the node re-checks every record\'s timeRecordDate',
		howTested: () => `GET /timeRecords?fromDate=${FUTURE_DAY}&toDate=${FUTURE_DAY}&size=1, compared with the unfiltered list`,
		expected: () => 'Records come back (the filter is ignored)',
		affects: () => 'Time Record Get Many > Filters > From Date, To Date (how many pages the node reads)',
		advice: {
			honoured: () => 'Nothing to change: the node re-checks each record\'s day either way. ' + report + ' The node could then read fewer pages.',
			refused: () => 'Moment refuses fromDate/toDate: leave From Date and To Date empty and filter in n8n on timeRecordDate. ' + report,
		},
	},
	{
		check: 'userEmail',
		appliesTo: only('user'),
		assumption: () => "A user's email only comes with Include base+email (observed); the node asks for it by default",
		howTested: () => 'The users of GET /userAccounts/include/base+email against GET /userAccounts/{id} without Include',
		expected: () => 'email with +email, not without',
		affects: () => 'User Get and Get Many (default Include), the User picker of time records',
		advice: {
			alsoWithout: () => 'Nothing to change: the node asks with +email anyway. ' + report,
			never: () => 'Users come without email: the User picker labels them by name only, and Get Many has no email to filter on. ' + report,
		},
	},
	{
		check: 'timeLockDate',
		appliesTo: only('user'),
		assumption: () => 'Users carry timeLockDate (hours on or before it are locked; observed)',
		howTested: () => 'GET /userAccounts/{id} of the first listed user, as the time-record checks read it',
		expected: () => 'The field timeLockDate (a date, or empty for a user without a lock)',
		affects: () => 'Time Record Create, Update and Delete: the locked-day check before writing',
		advice: {
			missing: () => "The node cannot see locked days: a write on a locked day is sent, and Moment's own answer decides. Nothing to set. " + report,
		},
	},
	{
		check: 'membershipState',
		appliesTo: only('projectMembership'),
		assumption: () => 'Moment takes projectMembershipState=active and memberships carry projectMembershipState (observed)',
		howTested: () => `GET /projectMemberships?projectMembershipState=active&size=${LIST_SIZE}, compared with the unfiltered list`,
		expected: () => 'Only memberships whose projectMembershipState is active',
		affects: () => 'Time Record Create and Update (the membership the node looks up), Project Membership Get Many > Filters',
		advice: {
			ignored: () => 'Nothing to change: the node re-checks the state of every membership it reads. ' + report,
			refused: () => 'Time Record Create and Update fail when they look up the membership: give the Project Membership ID yourself. ' + report,
			noState: () =>
				"Memberships carry no projectMembershipState: the node takes every membership as active, so a time record may be sent with an inactive one, and Moment's answer decides. Give the Project Membership ID yourself to be sure. " + report,
		},
	},
];

/** What a check that only reads cannot test; each becomes an item with the verdict "cannot tell". */
export interface UntestableAssumption {
	key: string;
	resource: string;
	assumption: string;
	/** Why reading cannot test it. */
	why: string;
	affects: string;
	advice: string;
}

export const UNTESTABLE: readonly UntestableAssumption[] = [
	{
		key: 'trigger.payloads',
		resource: 'Moment Trigger',
		assumption: 'Webhook payloads of claims, customers, offers and projects look like the documented invoice one: {"event", "<type>": {"id", ...}}',
		why: 'only Moment sends webhooks; the check only reads.',
		affects: 'Moment Trigger (Event Source Claim, Customer, Offer Change, Offer Decision, Project)',
		advice: 'Set up the webhook in Moment, run the trigger with Listen for Test Event and make a change: an item flagged recognized: false means another shape. Report it with the payload (remove personal data).',
	},
	{
		key: 'trigger.events',
		resource: 'Moment Trigger',
		assumption: 'Moment sends event CREATE_NEW for a finalized invoice; the names of other events are unknown',
		why: 'only Moment sends webhooks; the check only reads.',
		affects: 'Moment Trigger > Only Events',
		advice: 'Leave Only Events empty until you have seen the event names your Moment sends (the item\'s event field).',
	},
	{
		key: 'trigger.delivery',
		resource: 'Moment Trigger',
		assumption: 'Moment keeps the ?token= of the webhook URL, and whether it retries or repeats deliveries is unknown',
		why: 'only Moment sends webhooks; the check only reads.',
		affects: 'Moment Trigger > Secret; Remove Duplicates on deliveryKey',
		advice: 'Send one test event after setting up the webhook: a 401 in n8n\'s log means Moment dropped the token.',
	},
	{
		key: 'writes',
		resource: 'All resources',
		assumption: 'Writes follow the documented convention: POST to create, PATCH with the changed fields to update, DELETE; name is required for customers and projects',
		why: 'the check never writes.',
		affects: 'Create, Update and Delete of every resource that offers them',
		advice: 'The check never writes. Try a Create, Update and Delete of a test record in Moment\'s Sandbox first (Sandbox sends real e-mails and invoices!).',
	},
	{
		key: 'timeRecord.lockedWrite',
		resource: 'Time Record',
		assumption: 'Moment refuses hours on or before a user\'s timeLockDate; what it answers is unknown (the node checks before writing)',
		why: 'the check never writes.',
		affects: 'Time Record Create, Update and Delete',
		advice: 'Nothing to change: the node refuses such writes itself.',
	},
	{
		key: 'rateLimit',
		resource: 'All resources',
		assumption: '30 requests per second per API key and 120 per IP (documented), answered with 429 and no Retry-After',
		why: "it would spend the API key's budget of requests.",
		affects: 'Every node: pacing and retries',
		advice: 'Not tested: testing it would spend the key\'s budget. The nodes pace themselves and back off on 429 either way.',
	},
	{
		key: 'sandbox',
		resource: 'Credential',
		assumption: 'The host of Moment\'s Sandbox API (not documented); the Base URL defaults to https://app.moment.team',
		why: 'the check reads the Moment the credential points at.',
		affects: 'Moment API credential > Base URL',
		advice: 'Ask Milient for the Sandbox host, and run this check with a credential pointing at it.',
	},
	{
		key: 'idsReused',
		resource: 'All resources',
		assumption: 'IDs are not reused after a record is deleted',
		why: 'it would take deleting a record.',
		affects: 'The changeKey of deleted records (resource:id:deleted)',
		advice: 'Nothing to change; report it if you ever see an ID come back for another record.',
	},
];
