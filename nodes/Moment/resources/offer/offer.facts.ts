/** resources/offer/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/offer/: this file is the facts (read through catalog/index.ts), offer.description.ts the screen.
 * Offers (Moment Essential and above).
 * - The entity path "offers" is named in Moment's API how-to; currencyCode is the one field it names.
 * - Two webhook types concern offers: changes, and decisions (accepted / declined). How a decision
 *   encodes accept vs decline is not documented: the trigger passes the payload through untouched.
 * - offerNumber is assumed by analogy with the other resources.
 */
export const offer: MomentResource = {
	value: 'offer',
	displayName: 'Offer',
	plural: 'offers',
	apiPath: 'offers',
	apiPathVerified: true,
	numberField: 'offerNumber',
	labelFields: ['name', 'title', 'description'],
	simplifyFields: [
		'id',
		'offerNumber',
		'name',
		'title',
		'offerState',
		'customer',
		'customerId',
		'customerName',
		'currencyCode',
		'projectId',
	],
	operations: ['get', 'getAll', 'create', 'update', 'delete'],
	takesInclude: true,
	requiredOnCreate: [],
	writableFields: ['currencyCode'],
	listFilters: [],
	webhookSources: [
		{
			value: 'offer',
			displayName: 'Offer Change',
			momentWebhookType: 'Offers: Changes',
			payloadKey: 'offer',
			knownEvents: [],
			payloadDocumented: false,
		},
		{
			value: 'offerDecision',
			displayName: 'Offer Decision (Accepted/Declined)',
			momentWebhookType: 'Offers: Decisions (Accepted/Declined)',
			payloadKey: 'offer',
			knownEvents: [],
			payloadDocumented: false,
		},
	],
};
