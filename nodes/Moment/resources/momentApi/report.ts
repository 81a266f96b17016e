/**
 * resources/momentApi/: Check Compatibility's output (map: docs/development.md).
 * The check's output: one item per assumption (per resource, then what a check that only reads
 * cannot test), and a summary item with the counts, the package version and a text ready to paste
 * into an issue. Nothing here sees a record: the items are built from the assumptions' texts and
 * the verdicts (counts, field names, statuses).
 */
import type { IDataObject } from 'n8n-workflow';

import { PACKAGE_VERSION } from '../../packageVersion';
import type { MomentResource } from '../../catalog';
import type { Text } from './assumptions';
import { ASSUMPTIONS, COMMON_ADVICE, UNTESTABLE } from './assumptions';
import type { ResourceReads } from './probes';
import type { Verdict } from './verdicts';
import { judge } from './verdicts';

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
export function untestableItems(): CheckItem[] {
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

export interface RunFacts {
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
export function summaryItem(items: CheckItem[], facts: RunFacts): IDataObject {
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
