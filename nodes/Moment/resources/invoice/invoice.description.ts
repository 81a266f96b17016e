/**
 * resources/invoice/: this file is the screen (no runtime code imports it), invoice.facts.ts the facts.
 * What the user sees for Resource = Invoice: Get and Get Many only (Moment documents no invoice
 * writes, and finalized invoices are legal documents). Facts about invoices (the one documented
 * webhook payload) are in invoice.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyProperties } from '../shared/getMany.description';
import { recordOptions } from '../shared/options.description';
import { recordPicker } from '../shared/recordPicker.description';

const resource = ['invoice'];

export const invoiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an invoice', description: 'Retrieve one invoice by its Moment ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many invoices',
				description: 'Retrieve many invoices, optionally filtered; one output item per invoice',
			},
		],
		default: 'get',
	},
	{
		...recordPicker,
		displayName: 'Invoice',
		description:
			'The invoice to use. Give its Moment ID, a whole number such as 106939080 (not the invoice number users see), or pick it from the list.',
		displayOptions: { show: { resource, operation: ['get'] } },
	},
	...updateDisplayOptions({ show: { resource } }, getManyProperties),
	...updateDisplayOptions({ show: { resource } }, recordOptions),
];
