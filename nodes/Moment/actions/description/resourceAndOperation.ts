/**
 * The Resource selector and one Operation selector per resource, generated from the catalog.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../../catalog';
import { operationText } from './text';

/** Display order of operations (alphabetical by name, as n8n shows them). */
export const OPERATION_ORDER: readonly OperationName[] = ['create', 'delete', 'get', 'getAll', 'update'];

function byDisplayName(a: MomentResource, b: MomentResource): number {
	return a.displayName.localeCompare(b.displayName);
}

export function resourceProperty(resources: readonly MomentResource[]): INodeProperties {
	const sorted = [...resources].sort(byDisplayName);
	const first = sorted[0]?.value ?? '';
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: sorted.map((resource) => ({
			name: resource.displayName,
			value: resource.value,
			description: resource.description,
		})),
		default: first,
	};
}

export function operationProperty(resource: MomentResource): INodeProperties {
	const operations = OPERATION_ORDER.filter((operation) => resource.operations.includes(operation));
	const preferred: OperationName = operations.includes('get') ? 'get' : operations[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: operations.map((operation) => ({ value: operation, ...operationText(resource, operation) })),
		default: preferred,
	};
}
