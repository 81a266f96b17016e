/** resources/user/: the facts (API path, names, operations, quirks) (map: docs/development.md). */
import type { MomentResource } from '../../catalog/types';

/**
 * resources/user/: this file is the facts (read through catalog/index.ts), user.description.ts the screen.
 * Users: Moment's `userAccounts`, the people who register hours.
 * - Observed live: GET /userAccounts/include/base+email (the email field only comes with +email,
 *   so it is the default Include), and userAccounts/{id} gives timeLockDate: hours on or before
 *   it are locked.
 * - Name fields are not observed: firstName, lastName and name are tried for labels (assumed).
 * - Writes are not observed, and user accounts are administration: Get and Get Many only.
 */
export const user: MomentResource = {
	value: 'user',
	displayName: 'User',
	plural: 'users',
	apiPath: 'userAccounts',
	apiPathVerified: true,
	labelFields: ['name', 'fullName', 'email'],
	simplifyFields: ['id', 'name', 'firstName', 'lastName', 'email', 'timeLockDate', 'userAccountState'],
	operations: ['get', 'getAll'],
	takesInclude: true,
	defaultInclude: ['base', 'email'],
	requiredOnCreate: [],
	writableFields: [],
	listFilters: [],
	webhookSources: [],
};
