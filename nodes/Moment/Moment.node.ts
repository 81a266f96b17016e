import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { claimDescription } from './actions/resources/claim.description';
import { customerDescription } from './actions/resources/customer.description';
import { invoiceDescription } from './actions/resources/invoice.description';
import { offerDescription } from './actions/resources/offer.description';
import { projectDescription } from './actions/resources/project.description';
import { router } from './actions/router';
import { FROM_VERSION_1_1, ONLY_VERSION_1 } from './actions/shared/nodeVersions';
import { listSearch } from './methods';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { ...FROM_VERSION_1_1 } },
	options: [
		{ name: 'Claim', value: 'claim', description: 'A travel or expense claim registered by an employee' },
		{ name: 'Customer', value: 'customer', description: 'A customer that projects, offers and invoices belong to' },
		{ name: 'Invoice', value: 'invoice', description: 'A finalized customer invoice in Moment (read only)' },
		{ name: 'Offer', value: 'offer', description: 'A sales offer (quote) to a customer, which the customer accepts or declines' },
		{ name: 'Project', value: 'project', description: 'A project that hours, expenses and invoices are registered on' },
	],
	default: 'invoice',
};

/**
 * Moment action node. Each resource's screen is one file in actions/resources/; the facts about
 * the resources are the catalog (nodes/Moment/catalog); the router (actions/router.ts) runs the
 * operations item by item. Version 1 stays for workflows saved with it (actions/shared/nodeVersions.ts).
 */
export class Moment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moment',
		name: 'moment',
		icon: { light: 'file:../../icons/moment.svg', dark: 'file:../../icons/moment.dark.svg' },
		group: ['transform'],
		// New nodes get the last version (1.1). No `defaultVersion`: n8n adds its "Custom API Call"
		// option to Resource and Operation only when a node has none (or a single version)
		version: [1, 1.1],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read and write claims, customers, invoices, offers and projects in Moment (Milient Software)',
		defaults: { name: 'Moment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'momentApi', required: true }],
		properties: [
			resource,
			// version 1 opened on Claim: nodes saved with it kept that default, so it stays theirs
			{ ...resource, default: 'claim', displayOptions: { show: { ...ONLY_VERSION_1 } } },
			...claimDescription,
			...customerDescription,
			...invoiceDescription,
			...offerDescription,
			...projectDescription,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
