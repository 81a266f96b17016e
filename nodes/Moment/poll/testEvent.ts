/**
 * "Fetch Test Event" in the editor (n8n runs the poll in manual mode): the most recent record that
 * matches the filters, at once, as a "new" item, so a workflow can be built without waiting for a
 * change in Moment. The remembered state is neither read nor written.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { recordStampsOf } from '../catalog';
import { isIdKey, recordKeyOf } from './changeDetection';
import { recordDate } from './dates';
import { matchesFilters } from './filters';
import { buildPollItem, NOT_FETCHED_WITHOUT_ID, outputId } from './item';
import { readRecord, readWholeList } from './readRecords';
import type { PollSettings } from './settings';

/** Latest by last change (else creation) date; records without dates by highest ID, then list order. */
export function mostRecent(records: IDataObject[], settings: PollSettings): IDataObject | undefined {
	const stamps = recordStampsOf(settings.resource);
	const fields = [...stamps.modifiedDateFields, ...stamps.createdDateFields];
	let best: IDataObject | undefined;
	let bestRank: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
	for (const record of records) {
		const id = outputId(recordKeyOf(record));
		const rank: [number, number] = [
			recordDate(record, fields, settings.timeZone) ?? Number.NEGATIVE_INFINITY,
			typeof id === 'number' ? id : Number.NEGATIVE_INFINITY,
		];
		if (best === undefined || rank[0] > bestRank[0] || (rank[0] === bestRank[0] && rank[1] >= bestRank[1])) {
			best = record;
			bestRank = rank;
		}
	}
	return best;
}

export async function testEventItems(this: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[]> {
	const { resource } = settings;
	const records = (await readWholeList.call(this, resource)).filter((record) => matchesFilters(record, settings));
	const latest = mostRecent(records, settings);
	if (!latest) {
		const filtered = settings.fieldValues.length > 0 || settings.createdFromMs !== undefined;
		throw new NodeOperationError(this.getNode(), `Moment has no ${resource.plural}${filtered ? ' matching the filters' : ''} to show as a test event`, {
			description: `Create ${/^[aeiou]/i.test(resource.displayName) ? 'an' : 'a'} ${resource.displayName.toLowerCase()} in Moment${filtered ? ' or change the filters' : ''}, then fetch again.`,
		});
	}
	const key = recordKeyOf(latest);
	let record = latest;
	if (settings.fetchFullRecord && isIdKey(key)) {
		record = (await readRecord.call(this, resource, key, settings.include)) ?? latest;
	}
	const notFetched = settings.fetchFullRecord && !isIdKey(key) ? NOT_FETCHED_WITHOUT_ID : undefined;
	return this.helpers.returnJsonArray([buildPollItem(resource, 'new', key, record, new Date(), notFetched)]);
}
