/**
 * Builds the action node's properties from the catalog: Resource, Operation per resource, the
 * record picker, Get Many fields, Create/Update fields and Options. Adding a catalog entry adds
 * its options here without further code.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../../catalog';
import { getManyProperties } from './getManyFields';
import { optionsProperties } from './options';
import { recordLocatorProperty } from './recordLocator';
import { operationProperty, resourceProperty } from './resourceAndOperation';
import { writeProperties } from './writeFields';

const RECORD_RETURNING: readonly OperationName[] = ['get', 'getAll', 'create', 'update'];

function valuesWith(resources: readonly MomentResource[], operation: OperationName): string[] {
	return resources.filter((resource) => resource.operations.includes(operation)).map((resource) => resource.value);
}

export function buildNodeProperties(resources: readonly MomentResource[]): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty(resources)];
	properties.push(...resources.map(operationProperty));
	for (const resource of resources) {
		const locator = recordLocatorProperty(resource);
		if (locator) properties.push(locator);
		properties.push(...writeProperties(resource));
	}
	const withGetMany = valuesWith(resources, 'getAll');
	if (withGetMany.length > 0) properties.push(...getManyProperties(withGetMany));
	const returningRecords = resources
		.filter((resource) => RECORD_RETURNING.some((operation) => resource.operations.includes(operation)))
		.map((resource) => resource.value);
	properties.push(
		...optionsProperties(
			{ resource: returningRecords, operation: [...RECORD_RETURNING] },
			valuesWith(resources, 'delete'),
		),
	);
	return properties;
}

/** The node's one-line description, listing the catalog's resources. */
export function buildNodeSummary(resources: readonly MomentResource[]): string {
	const names = resources.map((resource) => resource.plural);
	const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
	return `Read and write ${list} in Moment (Milient Software)`;
}
