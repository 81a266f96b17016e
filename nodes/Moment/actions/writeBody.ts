/**
 * The JSON body of Create and Update: the JSON field first, then the typed fields on top (typed
 * fields win). Empty typed values are not sent; a Create without a field Moment requires (catalog
 * `requiredOnCreate`), or a body with nothing in it, is refused before any request. Fields the
 * catalog types (`writeFieldTypes`: record pickers, calendar dates, durations) are converted by
 * writeValues.ts. In the JSON field, ID fields of record pickers pass the one ID rule too and are
 * sent as numbers (null is sent as given); other fields are sent as given.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { parseRecordId } from '../catalog';
import { describeValue } from './calendarDate';
import { failItem, readJsonObject, writeParameters } from './parameters';
import { isEmptyValue as isEmpty, writeValue } from './writeValues';

/** "a customer", "an offer", "a user" (no resource name starts with a vowel sound spelt u). */
function aOne(resource: MomentResource): string {
	const one = resource.displayName.toLowerCase();
	return `${/^[aeio]/.test(one) ? 'an' : 'a'} ${one}`;
}

export function buildWriteBody(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	operation: 'create' | 'update',
): IDataObject {
	const names = writeParameters.call(this);
	const one = resource.displayName.toLowerCase();
	const body: IDataObject = { ...readJsonObject.call(this, itemIndex, names.json, names.jsonLabel) };
	const types = resource.writeFieldTypes ?? {};
	// IDs in the JSON field pass the one ID rule like the pickers' (they may reach a URL: beforeWrite)
	for (const [name, value] of Object.entries(body)) {
		if (types[name]?.type !== 'recordId' || value === null || value === undefined) continue;
		const id = parseRecordId(value);
		if (id === undefined) {
			failItem.call(
				this,
				itemIndex,
				`"${name}" in ${names.jsonLabel} is ${describeValue(value)}, which is not a valid Moment ID`,
				`A Moment ID is a positive whole number such as 62788980 (given as text above 2^53). Fix the value, or remove "${name}" from ${names.jsonLabel}. Nothing was sent to Moment.`,
			);
		}
		body[name] = Number.isSafeInteger(Number(id)) ? Number(id) : id;
	}
	if (operation === 'create') {
		for (const { field, displayName } of resource.requiredOnCreate) {
			// a record picker is a required parameter n8n always stores: no fallback
			const value = (
				types[field]?.type === 'recordId'
					? this.getNodeParameter(field, itemIndex, undefined, { extractValue: true })
					: this.getNodeParameter(field, itemIndex, '')
			) as unknown;
			if (isEmpty(value)) {
				failItem.call(
					this,
					itemIndex,
					`${displayName} is required to create ${aOne(resource)}, but it is empty`,
					`Fill in "${displayName}", or check the expression that supplies it.`,
				);
			}
			body[field] = writeValue.call(this, itemIndex, types[field]?.type, displayName, value);
		}
	}
	const required = resource.requiredOnCreate.map(({ field }) => field);
	const typedOnScreen = resource.writableFields.filter((field) => operation === 'update' || !required.includes(field));
	if (typedOnScreen.length > 0) {
		const typed = this.getNodeParameter(operation === 'create' ? names.createFields : 'updateFields', itemIndex, {}) as IDataObject;
		for (const [name, value] of Object.entries(typed)) {
			if (!isEmpty(value)) body[name] = writeValue.call(this, itemIndex, types[name]?.type, types[name]?.displayName ?? name, value);
		}
	}
	if (Object.keys(body).length === 0) {
		failItem.call(
			this,
			itemIndex,
			operation === 'create'
				? `Nothing to create: no field of the new ${one} is set`
				: `Nothing to update: no field of the ${one} is set to change`,
			`Add at least one field: fill in one of the fields above, or give it in ${names.jsonLabel}.`,
		);
	}
	return body;
}
