/**
 * The JSON body of Create and Update: "Additional Fields (JSON)" first, then the typed fields
 * from the catalog on top (typed fields win). Empty typed values are not sent; a body with
 * nothing in it is refused before any request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { article, lowerName } from './description/text';
import { CREATE_FIELDS, JSON_FIELDS, UPDATE_FIELDS } from './description/writeFields';
import { failItem, readJsonObject } from './parameters';

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function buildWriteBody(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	operation: 'create' | 'update',
): IDataObject {
	const one = lowerName(resource);
	const body: IDataObject = { ...readJsonObject.call(this, itemIndex, JSON_FIELDS, 'Additional Fields (JSON)') };
	if (operation === 'create') {
		for (const field of resource.writableFields.filter((f) => f.requiredOnCreate)) {
			const value = this.getNodeParameter(field.name, itemIndex, '') as unknown;
			if (isEmpty(value)) {
				failItem.call(
					this,
					itemIndex,
					`${field.displayName} is required to create ${article(one)} ${one}, but it is empty`,
					`Fill in "${field.displayName}", or check the expression that supplies it.`,
				);
			}
			body[field.name] = value as IDataObject[string];
		}
	}
	const collection = operation === 'create' ? CREATE_FIELDS : UPDATE_FIELDS;
	const typed = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(typed)) {
		if (!isEmpty(value)) body[name] = value;
	}
	if (Object.keys(body).length === 0) {
		const where = resource.writableFields.length > 0 ? `${operation === 'create' ? 'Fields' : 'Update Fields'} or ` : '';
		failItem.call(
			this,
			itemIndex,
			operation === 'create'
				? `Nothing to create: no field of the new ${one} is set`
				: `Nothing to update: no field of the ${one} is set to change`,
			`Add at least one field under ${where}Additional Fields (JSON).`,
		);
	}
	return body;
}
