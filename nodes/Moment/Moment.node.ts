import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildNodeProperties, buildNodeSummary } from './actions/description';
import { router } from './actions/router';
import { RESOURCES } from './catalog';
import { listSearch } from './methods';

/**
 * Moment action node. Its resources, operations and fields come from the catalog
 * (nodes/Moment/catalog); the router (actions/router.ts) runs the operations item by item.
 */
export class Moment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moment',
		name: 'moment',
		icon: { light: 'file:../../icons/moment.svg', dark: 'file:../../icons/moment.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: buildNodeSummary(RESOURCES),
		defaults: { name: 'Moment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'momentApi', required: true }],
		properties: buildNodeProperties(RESOURCES),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
