/** The Moment node: the Resource list, every resource's screen, the router (map: docs/development.md). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { activityDescription } from './resources/activity/activity.description';
import { claimDescription } from './resources/claim/claim.description';
import { customerDescription } from './resources/customer/customer.description';
import { eventDescription } from './resources/event/event.description';
import { invoiceDescription } from './resources/invoice/invoice.description';
import { momentApiDescription } from './resources/momentApi/momentApi.description';
import { offerDescription } from './resources/offer/offer.description';
import { projectDescription } from './resources/project/project.description';
import { projectMembershipDescription } from './resources/projectMembership/projectMembership.description';
import { taskDescription } from './resources/task/task.description';
import { timeRecordDescription } from './resources/timeRecord/timeRecord.description';
import { userDescription } from './resources/user/user.description';
import { router } from './actions/router';
import { FROM_VERSION_1_1, ONLY_VERSION_1 } from './resources/shared/nodeVersions.description';
import { passEachOnce } from './resources/event/passEachOnce';
import { listSearch } from './methods/listSearch';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { ...FROM_VERSION_1_1 } },
	options: [
		{ name: 'Activity', value: 'activity', description: "An activity of a project (Moment's project extension) that hours are registered on" },
		{ name: 'Claim', value: 'claim', description: 'A travel or expense claim registered by an employee' },
		{ name: 'Customer', value: 'customer', description: 'A customer that projects, offers and invoices belong to' },
		// not offered to AI agents either: it filters a workflow's trigger items, nothing an agent asks for
		{ name: 'Event', value: 'event', description: 'A Moment trigger event, to let through once (not for AI agents)', displayOptions: { hide: { '@tool': [true] } } },
		{ name: 'Invoice', value: 'invoice', description: 'A finalized customer invoice in Moment (read only)' },
		// not offered to AI agents (n8n evaluates @tool for the node's tool variant)
		{ name: 'Moment API', value: 'momentApi', description: "Which of this package's assumptions about Moment's API hold for your Moment (read only)", displayOptions: { hide: { '@tool': [true] } } },
		{ name: 'Offer', value: 'offer', description: 'A sales offer (quote) to a customer, which the customer accepts or declines' },
		{ name: 'Project', value: 'project', description: 'A project that hours, expenses and invoices are registered on' },
		{ name: 'Project Membership', value: 'projectMembership', description: 'Who is on a project, in what role' },
		{ name: 'Task', value: 'task', description: 'A task of an activity that hours can be registered on' },
		{ name: 'Time Record', value: 'timeRecord', description: 'Hours a user worked on an activity of a project on one day' },
		{ name: 'User', value: 'user', description: 'A person with a Moment user account, who registers hours' },
	],
	default: 'invoice',
};

/**
 * The outputs, from the parameters (n8n evaluates this expression in 1.123.81 and 2.41.3 alike):
 * one, and for Event > Pass Each Once with Repeats "Send to Second Output" two, New and Repeats.
 */
const OUTPUTS =
	'={{ $parameter.resource === "event" && $parameter.repeats !== "drop" ? [{ type: "main", displayName: "New" }, { type: "main", displayName: "Repeats" }] : ["main"] }}';

/**
 * Moment action node. Each resource has a folder, resources/<resource>/, with its screen
 * (<resource>.description.ts) and its facts (<resource>.facts.ts, listed in catalog/index.ts); the
 * router (actions/router.ts) runs the operations item by item. Version 1 stays for workflows saved
 * with it (resources/shared/nodeVersions.description.ts). Map: docs/development.md.
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
		description:
			'Read and write claims, customers, invoices, offers, projects and time records (hours) in Moment (Milient Software), and read activities, tasks, users and project memberships',
		defaults: { name: 'Moment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		// Event > Pass Each Once calls no API: no credential to pick for it
		credentials: [{ name: 'momentApi', required: true, displayOptions: { hide: { resource: ['event'] } } }],
		properties: [
			resource,
			// version 1 opened on Claim: nodes saved with it kept that default, so it stays theirs (and has no Event)
			{ ...resource, default: 'claim', displayOptions: { show: { ...ONLY_VERSION_1 } }, options: resource.options?.filter((o) => (o as INodePropertyOptions).value !== 'event') },
			...activityDescription,
			...claimDescription,
			...customerDescription,
			...eventDescription,
			...invoiceDescription,
			...momentApiDescription,
			...offerDescription,
			...projectDescription,
			...projectMembershipDescription,
			...taskDescription,
			...timeRecordDescription,
			...userDescription,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Pass Each Once filters the whole input in one turn of n8n's store and may have two outputs;
		// every other operation is a Moment API call per item (the router)
		if (this.getNodeParameter('resource', 0) === 'event') return await passEachOnce.call(this);
		return [await router.call(this)];
	}
}
