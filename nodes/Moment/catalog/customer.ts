import type { MomentResource } from './types';

/**
 * Customers.
 * - customerNumber is a string ("10001") in the documented invoice webhook payload.
 * - Besides id and customerNumber, field names are not documented: name is the obvious one, the
 *   rest only reach the node through "Additional Fields (JSON)".
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
	writableFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Name of the customer',
			placeholder: 'e.g. Acme AS',
			requiredOnCreate: true,
		},
		{
			displayName: 'Customer Number',
			name: 'customerNumber',
			type: 'string',
			default: '',
			description: 'Customer number; Moment assigns one when left empty',
			placeholder: 'e.g. 10001',
		},
	],
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
	description: 'A customer that projects, offers and invoices belong to',
};
