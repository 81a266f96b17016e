/** resources/projectMembership/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/projectMembership/: this file is the facts (read through catalog/index.ts), projectMembership.description.ts the screen.
 * Project memberships: who is on a project, in what role. Time records name the membership they
 * were registered under (projectMembershipId).
 * - Observed live: ?userAccountId=&projectMembershipState=active; records carry projectId and
 *   projectMembershipRoleName.
 * - Only Get Many is offered (the only use observed); filters are re-checked on the records.
 */
export const projectMembership: MomentResource = {
	value: 'projectMembership',
	displayName: 'Project Membership',
	plural: 'project memberships',
	apiPath: 'projectMemberships',
	apiPathVerified: true,
	labelFields: ['projectMembershipRoleName'],
	simplifyFields: ['id', 'projectId', 'projectName', 'userAccountId', 'projectMembershipState', 'projectMembershipRoleName'],
	operations: ['getAll'],
	takesInclude: true,
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [
		{ name: 'userAccountId', recheck: { field: 'userAccountId', match: 'equals' } },
		{ name: 'projectId', recheck: { field: 'projectId', match: 'equals' } },
		{ name: 'projectMembershipState', recheck: { field: 'projectMembershipState', match: 'equals' } },
	],
	webhookSources: [],
};
