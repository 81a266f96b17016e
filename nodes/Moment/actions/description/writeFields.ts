/**
 * Create / Update parameters of one resource, from its catalog `writableFields`:
 * - Create: fields marked `requiredOnCreate` as their own required parameters, the rest in "Fields";
 * - Update: every writable field in "Update Fields";
 * - both: "Additional Fields (JSON)" for any field the catalog does not name.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { MomentResource, WritableField } from '../../catalog';
import { lowerName } from './text';

export const CREATE_FIELDS = 'fields';
export const UPDATE_FIELDS = 'updateFields';
export const JSON_FIELDS = 'additionalFieldsJson';

/** Top-level parameter names a required catalog field must not reuse. */
const RESERVED_NAMES = ['resource', 'operation', 'id', 'returnAll', 'limit', 'filters', 'options', CREATE_FIELDS, UPDATE_FIELDS, JSON_FIELDS];

function fieldProperty(field: WritableField): INodeProperties {
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type: field.type,
		default: field.default,
		description: field.description,
	};
	if (field.placeholder) property.placeholder = field.placeholder;
	return property;
}

function byDisplayName(a: WritableField, b: WritableField): number {
	return a.displayName.localeCompare(b.displayName);
}

function jsonProperty(resource: MomentResource, operation: 'create' | 'update'): INodeProperties {
	const typed = resource.writableFields.length > 0;
	const precedence = typed ? ' The typed fields above win when a field is given in both.' : '';
	const only = typed ? '' : ` The node has no typed fields for ${resource.plural}: give the fields here.`;
	return {
		displayName: 'Additional Fields (JSON)',
		name: JSON_FIELDS,
		type: 'json',
		default: '{}',
		displayOptions: { show: { resource: [resource.value], operation: [operation] } },
		description: `Other fields of the ${lowerName(resource)} as a JSON object with Moment's field names (case-sensitive), e.g. {"description": "Q3"}.${only}${precedence}`,
	};
}

export function writeProperties(resource: MomentResource): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const one = lowerName(resource);
	if (resource.operations.includes('create')) {
		const show = { resource: [resource.value], operation: ['create'] };
		for (const field of resource.writableFields.filter((f) => f.requiredOnCreate)) {
			if (RESERVED_NAMES.includes(field.name)) {
				throw new Error(`Internal: catalog field "${field.name}" of ${resource.value} clashes with a node parameter`);
			}
			properties.push({ ...fieldProperty(field), required: true, displayOptions: { show } });
		}
		const optional = resource.writableFields.filter((f) => !f.requiredOnCreate).sort(byDisplayName);
		if (optional.length > 0) {
			properties.push({
				displayName: 'Fields',
				name: CREATE_FIELDS,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				description: `Optional fields of the new ${one}`,
				options: optional.map(fieldProperty),
			});
		}
		properties.push(jsonProperty(resource, 'create'));
	}
	if (resource.operations.includes('update')) {
		const show = { resource: [resource.value], operation: ['update'] };
		if (resource.writableFields.length > 0) {
			properties.push({
				displayName: 'Update Fields',
				name: UPDATE_FIELDS,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				description: `Fields of the ${one} to change; fields not added stay as they are`,
				options: [...resource.writableFields].sort(byDisplayName).map(fieldProperty),
			});
		}
		properties.push(jsonProperty(resource, 'update'));
	}
	return properties;
}
