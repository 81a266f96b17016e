/**
 * resources/claim/: the screen (what the user sees) (map: docs/development.md).
 * resources/claim/: this file is the screen (no runtime code imports it), claim.facts.ts the facts.
 * What the user sees for Resource = Claim: every operation's parameters. Moment documents no claim
 * field, so Create and Update take the fields as JSON only. Facts about claims (the assumed API
 * path) are in claim.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { numberedPickerDescription, operationSelector, recordPickerOf, sharedParameters } from '../shared/recordScreen.description';

const claim = { resource: 'claim', noun: 'claim', plural: 'claims' };

export const claimDescription: INodeProperties[] = [
	operationSelector(claim, ['create', 'delete', 'get', 'getAll', 'update']),
	recordPickerOf(claim, 'Claim', numberedPickerDescription('claim', '106939080'), ['get', 'update', 'delete']),
	...sharedParameters(claim, { writes: true }),
];
