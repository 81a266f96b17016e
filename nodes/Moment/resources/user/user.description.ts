/**
 * resources/user/: the screen (what the user sees) (map: docs/development.md).
 * resources/user/: this file is the screen (no runtime code imports it), user.facts.ts the facts.
 * What the user sees for Resource = User (Moment's userAccounts, the people who register hours):
 * Get and Get Many only. The e-mail only comes with Moment's base+email include, which the node
 * sends unless Include says otherwise. Facts: user.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, recordPickerOf, sharedParameters } from '../shared/recordScreen.description';

const user = { resource: 'user', noun: 'user', plural: 'users' };

export const userDescription: INodeProperties[] = [
	operationSelector(user, ['get', 'getAll'], {
		get: 'Retrieve one user by their Moment ID, with e-mail and time lock date',
		getAll: "Retrieve many users, e.g. to find a user's ID by name or e-mail; one output item per user",
	}),
	recordPickerOf(user, 'User', 'The user to use. Give their Moment ID, a whole number, or pick them from the list.', ['get']),
	...sharedParameters(user),
];
