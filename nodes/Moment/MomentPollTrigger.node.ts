/** The Moment Poll Trigger node: its screen is poll/description.ts, one poll poll/pollRun.ts (map: docs/development.md). */
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollTriggerProperties, pollTriggerSubtitle } from './poll/description';
import { runMomentPoll } from './poll/pollRun';

/**
 * Moment Poll Trigger: reads a Moment list on n8n's schedule and emits every new, changed and
 * (optionally) deleted record once; its parts are in ./poll/ (docs/development.md).
 */
export class MomentPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moment Poll Trigger',
		name: 'momentPollTrigger',
		icon: { light: 'file:../../icons/moment.svg', dark: 'file:../../icons/moment.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: pollTriggerSubtitle,
		description:
			'Checks Moment on a schedule and starts the workflow for every new or changed (optionally deleted) invoice, project, customer, offer or claim. Needs no public URL.',
		defaults: { name: 'Moment Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'momentApi', required: true }],
		properties: pollTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runMomentPoll.call(this);
	}
}
