/**
 * resources/offer/: the screen (what the user sees) (map: docs/development.md).
 * resources/offer/: this file is the screen (no runtime code imports it), offer.facts.ts the facts.
 * What the user sees for Resource = Offer: every operation's parameters. Facts about offers (API
 * path, numbers, webhook types) are in offer.facts.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	createFields,
	numberedPickerDescription,
	operationSelector,
	recordPickerOf,
	sharedParameters,
	updateFields,
} from '../shared/recordScreen.description';

const offer = { resource: 'offer', noun: 'offer', plural: 'offers' };

const currencyCode: INodeProperties = {
	displayName: 'Currency Code',
	name: 'currencyCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. NOK',
	description: 'ISO 4217 currency code of the offer',
};

export const offerDescription: INodeProperties[] = [
	operationSelector(offer, ['create', 'delete', 'get', 'getAll', 'update']),
	recordPickerOf(offer, 'Offer', numberedPickerDescription('offer', '106939080'), ['get', 'update', 'delete']),
	...createFields(offer, [currencyCode]),
	updateFields(offer, [currencyCode]),
	...sharedParameters(offer, { writes: true }),
];
