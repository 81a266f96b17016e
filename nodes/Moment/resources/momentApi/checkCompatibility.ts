/**
 * resources/momentApi/: the operation (map: docs/development.md); its screen is momentApi.description.ts.
 * Moment API > Check Compatibility: tests every assumption the package makes about Moment's API
 * against the user's own Moment, by reading only, and outputs one item per assumption plus a
 * summary (report.ts). It runs once per execution, whatever the number of input items (its items
 * are paired with the first), and is bounded: at most MAX_REQUESTS requests, all through the
 * transport (paced under Moment's 30 requests per second like every other request), none started
 * after TIME_LIMIT_MS. It is not offered to AI agents: the Resource option is hidden in the tool
 * (Moment.node.ts) and a tool that names it anyway is refused here.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LISTABLE_RESOURCES } from '../../catalog';
import { openConnection } from '../../transport/request';
import { runInOrder } from '../../actions/orderedPool';
import type { ProbeSession, ResourceReads } from './probes';
import { probeResource } from './probes';
import { resourceItems, summaryItem, untestableItems } from './report';

export const COMPATIBILITY_RESOURCE = 'momentApi';
export const CHECK_OPERATION = 'checkCompatibility';
/** The check never sends more requests than this (retries of 429 / 5xx aside). */
export const MAX_REQUESTS = 99;
/** No request is started after this; what is left is reported as not tried. */
const TIME_LIMIT_MS = 120_000;
/** Resources read at the same time (each one's reads one after the other; pacing still applies). */
const RESOURCE_CONCURRENCY = 3;

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
