/** resources/customer/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/customer/: this file is the facts (read through catalog/index.ts), customer.description.ts the screen.
 * Customers.
 * - customerNumber is a string ("10001") in the documented invoice webhook payload.
 * - Besides id and customerNumber, field names are not documented: name is the obvious one (and
 *   the one Moment is assumed to require on Create), the rest only reach the node through
 *   "Other Fields (JSON)".
 */
export const customer: MomentResource = {
	value: 'customer',
	displayName: 'Customer',
	plural: 'customers',
	apiPath: 'customers',
	apiPathVerified: true,
	numberField: 'customerNumber',
	labelFields: ['name'],
	simplifyFields: [
		'id',
		'customerNumber',
		'name',
		'organizationNumber',
		'email',
		'phone',
		'countryCode',
		'customerState',
	],
	operations: ['get', 'getAll', 'create', 'update', 'delete'],
	takesInclude: true,
	requiredOnCreate: [{ field: 'name', displayName: 'Name' }],
	writableFields: ['customerNumber', 'name'],
	listFilters: [],
	webhookSources: [
		{
			value: 'customer',
			displayName: 'Customer',
			momentWebhookType: 'Customers',
			payloadKey: 'customer',
			knownEvents: [],
			payloadDocumented: false,
		},
	],
};
