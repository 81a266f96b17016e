/**
 * resources/invoice/: the screen (what the user sees) (map: docs/development.md).
 * resources/invoice/: this file is the screen (no runtime code imports it), invoice.facts.ts the facts.
 * What the user sees for Resource = Invoice: Get and Get Many only (Moment documents no invoice
 * writes, and finalized invoices are legal documents). Facts about invoices (the one documented
 * webhook payload) are in invoice.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { numberedPickerDescription, operationSelector, recordPickerOf, sharedParameters } from '../shared/recordScreen.description';

const invoice = { resource: 'invoice', noun: 'invoice', plural: 'invoices' };

export const invoiceDescription: INodeProperties[] = [
	operationSelector(invoice, ['get', 'getAll']),
	recordPickerOf(invoice, 'Invoice', numberedPickerDescription('invoice', '106939080'), ['get']),
	...sharedParameters(invoice),
];
