/** resources/invoice/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/invoice/: this file is the facts (read through catalog/index.ts), invoice.description.ts the screen.
 * Invoices.
 * - GET /invoices/{id} is documented (webhooks page); the list follows the CRUD convention.
 * - Writes are not documented, and finalized invoices are legal documents: Get and Get Many only.
 * - The only documented webhook payload is for invoices, on finalization:
 *   {"event":"CREATE_NEW","invoice":{"id":..,"invoiceNumber":1,"customer":{"id","customerNumber"},"project":{"id","projectNumber"}}}
 * - Field names besides id, invoiceNumber, customer and project are not documented; the simplify
 *   list keeps the documented ones first and the rest only when Moment returns them.
 */
export const invoice: MomentResource = {
	value: 'invoice',
	displayName: 'Invoice',
	plural: 'invoices',
	apiPath: 'invoices',
	apiPathVerified: true,
	numberField: 'invoiceNumber',
	labelFields: ['customerName', 'description', 'projectName'],
	simplifyFields: [
		'id',
		'invoiceNumber',
		'customer',
		'project',
		'customerId',
		'customerName',
		'projectId',
		'invoiceDate',
		'dueDate',
		'description',
	],
	operations: ['get', 'getAll'],
	takesInclude: true,
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [],
	webhookSources: [
		{
			value: 'invoice',
			displayName: 'Invoice',
			momentWebhookType: 'Invoices',
			payloadKey: 'invoice',
			knownEvents: ['CREATE_NEW'],
			payloadDocumented: true,
			// documented: CREATE_NEW is sent when the invoice is finalized, which happens once
			eventsOncePerRecord: ['CREATE_NEW'],
		},
	],
};
