/**
 * resources/momentApi/: the operation (map: docs/development.md); its screen is momentApi.description.ts.
 * Moment API > Check Compatibility: tests every assumption the package makes about Moment's API
 * against the user's own Moment, by reading only, and outputs one item per assumption plus a
 * summary (the output, below). It runs once per execution, whatever the number of input items (its items
 * are paired with the first), and is bounded: at most MAX_REQUESTS requests, all through the
 * transport (paced under Moment's 30 requests per second like every other request), none started
 * after TIME_LIMIT_MS. It is not offered to AI agents: the Resource option is hidden in the tool
 * (Moment.node.ts) and a tool that names it anyway is refused here.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';
import { LISTABLE_RESOURCES } from '../../catalog';
import { openConnection } from '../../transport/request';
import { runInOrder } from '../../actions/orderedPool';
import type { ProbeSession, ResourceReads } from './probes';
import { probeResource } from './probes';
import type { Text } from './assumptions';
import { ASSUMPTIONS, COMMON_ADVICE, UNTESTABLE } from './assumptions';
import type { Verdict } from './verdicts';
import { judge } from './verdicts';

/** The package's version, for the summary (shipped code cannot read package.json): test/catalog/packageVersion.test.ts holds it to package.json, and scripts/release.mjs writes both. */
export const PACKAGE_VERSION = '0.1.0';

export const COMPATIBILITY_RESOURCE = 'momentApi';
export const CHECK_OPERATION = 'checkCompatibility';
/** The check never sends more requests than this (retries of 429 / 5xx aside). */
export const MAX_REQUESTS = 99;
/** No request is started after this; what is left is reported as not tried. */
const TIME_LIMIT_MS = 120_000;
/** Resources read at the same time (each one's reads one after the other; pacing still applies). */
const RESOURCE_CONCURRENCY = 3;

// ---- The output: one item per assumption (per resource, then what a check that only reads
// cannot test), and a summary item with the counts, the package version and a text ready to paste
// into an issue. Nothing here sees a record: the items are built from the assumptions' texts and
// the verdicts (counts, field names, statuses).
/** One assumption about one resource, as the check reports it. */
export interface CheckItem extends IDataObject {
	/** `resource.check`, e.g. `invoice.include`: stable, for filtering and for reports. */
	key: string;
	resource: string;
	assumption: string;
	howTested: string;
	expected: string;
	observed: string;
	verdict: Verdict;
	affects: string;
	advice: string;
}

const ISSUES_URL = 'https://github.com/n8n-nodes-moment/n8n-nodes-moment/issues';

const say = (text: Text, resource: MomentResource) => (typeof text === 'string' ? text : text(resource));

/** The items of one resource's assumptions, in the order of ASSUMPTIONS. */
export function resourceItems(reads: ResourceReads): CheckItem[] {
	const { resource } = reads;
	return ASSUMPTIONS.filter((assumption) => !assumption.only || assumption.only === resource.value).map((assumption) => {
		const judgement = judge(assumption.check, reads);
		const advice = COMMON_ADVICE[judgement.advice] || assumption.advice[judgement.advice] || COMMON_ADVICE.cannotTell;
		return {
			key: `${resource.value}.${assumption.check}`,
			resource: resource.displayName,
			assumption: say(assumption.assumption, resource),
			howTested: say(assumption.howTested, resource),
			expected: say(assumption.expected, resource),
			observed: judgement.observed,
			verdict: judgement.verdict,
			affects: say(assumption.affects, resource),
			advice: say(advice, resource),
		};
	});
}

/** What the check cannot test by reading, each as a "cannot tell" item saying why. */
function untestableItems(): CheckItem[] {
	return UNTESTABLE.map((entry) => ({
		key: entry.key,
		resource: entry.resource,
		assumption: entry.assumption,
		howTested: 'Not tested: reading cannot show it',
		expected: 'As assumed',
		observed: 'not tested',
		verdict: 'cannot tell',
		affects: entry.affects,
		advice: entry.advice,
	}));
}

interface RunFacts {
	resources: number;
	requests: number;
	durationMs: number;
}

/** "1 holds", "3 hold". */
const verb = (count: number, word: string) => `${count} ${count === 1 ? `${word}s` : word}`;

function line(item: CheckItem): string {
	return `- ${item.resource} (${item.key}): ${item.assumption}. Expected: ${item.expected}. Observed: ${item.observed}.`;
}

/** The summary item: counts, the package version, and a short text to paste into an issue. */
function summaryItem(items: CheckItem[], facts: RunFacts): IDataObject {
	const untested = items.filter((item) => item.observed === 'not tested');
	const tested = items.filter((item) => item.observed !== 'not tested');
	const count = (verdict: Verdict) => tested.filter((item) => item.verdict === verdict).length;
	const differing = tested.filter((item) => item.verdict === 'differs');
	const unsure = tested.filter((item) => item.verdict === 'cannot tell');
	const seconds = Math.round(facts.durationMs / 100) / 10;
	const text = [
		`Check Compatibility of n8n-nodes-moment ${PACKAGE_VERSION}`,
		`${facts.resources} resources, ${tested.length} assumptions tested: ${verb(count('holds'), 'hold')}, ${verb(count('differs'), 'differ')}, ${count('cannot tell')} cannot tell; ${untested.length} cannot be tested by reading. ${facts.requests} requests in ${seconds} s.`,
		...(differing.length > 0 ? ['', 'Differs:', ...differing.map(line)] : []),
		...(unsure.length > 0 ? ['', 'Cannot tell:', ...unsure.map(line)] : []),
		'',
		'n8n version: (please add)',
	].join('\n');
	return {
		key: 'summary',
		resource: 'Summary',
		packageVersion: PACKAGE_VERSION,
		resources: facts.resources,
		tested: tested.length,
		holds: count('holds'),
		differs: count('differs'),
		cannotTell: count('cannot tell'),
		notTestable: untested.length,
		requests: facts.requests,
		seconds,
		differing: differing.map((item) => item.key),
		reportTo: ISSUES_URL,
		report: text,
	};
}

// ---- The operation

/** Every list unreachable the same way means the credential, not the resources, is wrong. */
function refuseWhenNothingAnswered(this: IExecuteFunctions, reads: ResourceReads[]): void {
	const answers = reads.map((read) => read.listWithoutInclude || read.list);
	if (answers.every((answer) => answer && answer.status === 404)) {
		throw new NodeOperationError(this.getNode(), `Moment found none of the ${reads.length} lists (404 for every one)`, {
			description: 'Check the Company Code (the word after app.moment.team/ in your browser) and the Base URL in the Moment API credential.',
			itemIndex: 0,
		});
	}
	const first = answers[0];
	if (first && first.error && answers.every((answer) => answer && answer.missing === 'no answer')) throw first.error;
}

export async function checkCompatibility(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	if (this.getNode().type.endsWith('Tool')) {
		throw new NodeOperationError(this.getNode(), 'Check Compatibility is not available to AI agents', { description: 'Run it from a Moment node in a workflow.', itemIndex: 0 });
	}
	const started = Date.now();
	const session: ProbeSession = { connection: await openConnection.call(this, 0), maxRequests: MAX_REQUESTS, deadline: started + TIME_LIMIT_MS, requests: 0 };
	const outcomes = await runInOrder(LISTABLE_RESOURCES.length, RESOURCE_CONCURRENCY, async (index) => await probeResource.call(this, session, LISTABLE_RESOURCES[index]));
	const reads: ResourceReads[] = [];
	for (const outcome of outcomes) {
		if (outcome.status === 'failed') throw outcome.error;
		if (outcome.status === 'done') reads.push(outcome.value);
	}
	refuseWhenNothingAnswered.call(this, reads);
	const items = [...reads.flatMap(resourceItems), ...untestableItems()];
	const summary = summaryItem(items, { resources: reads.length, requests: session.requests, durationMs: Date.now() - started });
	return [...items, summary].map((json) => ({ json, pairedItem: { item: 0 } }));
}
