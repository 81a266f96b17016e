/** resources/claim/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/claim/: this file is the facts (read through catalog/index.ts), claim.description.ts the screen.
 * Claims (Travel & Expense).
 * - The API path is NOT documented: "claims" is assumed from the webhook type's name (README,
 *   "Assumptions about Moment"). If Moment answers 404 for every claim request, this is why.
 * - Statuses in the UI: Draft, Waiting for Review, Approved, Paid Out, Rejected.
 * - claimNumber is assumed by analogy with the other resources.
 * - No claim field is documented, so the screen offers none typed: Create and Update take
 *   "Other Fields (JSON)".
 */
export const claim: MomentResource = {
	value: 'claim',
	displayName: 'Claim',
	plural: 'claims',
	apiPath: 'claims',
	apiPathVerified: false,
	numberField: 'claimNumber',
	labelFields: ['description', 'name', 'userAccountName'],
	simplifyFields: [
		'id',
		'claimNumber',
		'description',
		'claimState',
		'userAccountId',
		'userAccountName',
		'projectId',
		'fromDate',
		'toDate',
		'totalAmount',
	],
	operations: ['get', 'getAll', 'create', 'update', 'delete'],
	takesInclude: true,
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [],
	webhookSources: [
		{
			value: 'claim',
			displayName: 'Claim',
			momentWebhookType: 'Claims',
			payloadKey: 'claim',
			knownEvents: [],
			payloadDocumented: false,
		},
	],
};
