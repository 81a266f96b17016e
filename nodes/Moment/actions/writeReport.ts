/**
 * actions/: what a failed write run says was already applied (map: docs/development.md).
 * What the node's error says when a Create, Update or Delete item fails without Continue On Fail:
 * which items were already applied in Moment (with the IDs Moment gave them), which failed too and
 * which were never started. Without it, the records written before the failure would vanish from
 * sight and a second run would write them twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Outcome } from './orderedPool';

/** What a write operation did to a record, as the error says it. */
export type WriteVerb = 'created' | 'updated' | 'deleted';

/** IDs named in the message; all of them are in the error's context. */
const MAX_IDS_IN_TEXT = 20;

const AGAIN: Record<WriteVerb, string> = {
	created: 'create them again',
	updated: 'update them again',
	deleted: 'try to delete them again',
};

/** "0–2, 4 and 5" for [0, 1, 2, 4, 5]. */
export function itemRanges(indexes: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < indexes.length; ) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		if (j - i >= 2) parts.push(`${indexes[i]}–${indexes[j]}`);
		else for (let k = i; k <= j; k++) parts.push(String(indexes[k]));
		i = j + 1;
	}
	return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts.join('');
}

function items(indexes: number[]): string {
	return `${indexes.length === 1 ? 'Item' : 'Items'} ${itemRanges(indexes)}`;
}

function recordId(output: INodeExecutionData[]): string | number | undefined {
	const id = output[0]?.json?.id;
	return typeof id === 'number' || (typeof id === 'string' && id !== '') ? id : undefined;
}

function idList(resourceName: string, ids: Array<string | number | undefined>): string {
	const known = ids.filter((id): id is string | number => id !== undefined);
	const unknown = ids.length - known.length;
	const shown = known.slice(0, MAX_IDS_IN_TEXT).join(', ');
	const more = known.length > MAX_IDS_IN_TEXT ? ` and ${known.length - MAX_IDS_IN_TEXT} more, all in the error's context` : '';
	const without = unknown > 0 ? `${known.length > 0 ? '; ' : ''}${unknown} without an ID in Moment's answer` : '';
	return known.length > 0 ? `${resourceName} ${shown}${more}${without}` : without.replace(/^; /, '');
}

export interface WriteReport {
	/** Short form, for the end of the error message. */
	summary: string;
	/** The whole account, for the start of the error description. */
	details: string;
	/** For the error's context: every applied item with its record ID. */
	applied: IDataObject[];
}

/**
 * The report for a failed write, or undefined when nothing but the failing item happened (it is
 * the first item and nothing else ran).
 */
export function writeReport(
	outcomes: Array<Outcome<INodeExecutionData[]>>,
	failedIndex: number,
	verb: WriteVerb,
	resourceName: string,
): WriteReport | undefined {
	const done: number[] = [];
	const otherFailures: string[] = [];
	const notStarted: number[] = [];
	outcomes.forEach((outcome, index) => {
		if (outcome.status === 'done') done.push(index);
		else if (outcome.status === 'not started') notStarted.push(index);
		else if (index !== failedIndex) {
			const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
			otherFailures.push(`Item ${index} failed too: ${message.replace(/[.\s]+$/, '')}.`);
		}
	});
	if (done.length === 0 && otherFailures.length === 0 && notStarted.length === 0) return undefined;

	const sentences: string[] = [];
	let summary = `nothing else was ${verb} in Moment`;
	if (done.length > 0) {
		const ids = done.map((index) => recordId((outcomes[index] as { value: INodeExecutionData[] }).value));
		const list = idList(resourceName, ids);
		const they = done.length === 1 ? 'it' : 'them';
		sentences.push(
			`${items(done)} ${done.length === 1 ? 'was' : 'were'} already ${verb} in Moment${list ? ` (${list})` : ''}; running the node again would ${AGAIN[verb].replace('them', they)}.`,
		);
		summary = `${items(done).replace(/^I/, 'i')} ${done.length === 1 ? 'was' : 'were'} already ${verb} in Moment`;
	} else {
		sentences.push(`No other item was ${verb} in Moment.`);
	}
	sentences.push(...otherFailures);
	if (notStarted.length > 0) sentences.push(`${items(notStarted)} ${notStarted.length === 1 ? 'was' : 'were'} not started.`);
	const applied = done.map((index) => ({ item: index, id: recordId((outcomes[index] as { value: INodeExecutionData[] }).value) ?? null }));
	return { summary, details: sentences.join(' '), applied };
}
