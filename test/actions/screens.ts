/**
 * The Moment node's screens as n8n itself evaluates them (NodeHelpers, with the node's version):
 * which parameters a resource and operation show, and the parameters n8n stores with their
 * defaults. `tool` evaluates them as the AI-tool variant of the node (n8n names it `momentTool`).
 */
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';

export const DESCRIPTION = new Moment().description;

export interface ScreenOptions {
	version?: number;
	tool?: boolean;
	/** Other parameter values (e.g. returnAll). */
	values?: INodeParameters;
}

function typeDescription(tool: boolean): INodeTypeDescription {
	return tool ? { ...DESCRIPTION, name: `${DESCRIPTION.name}Tool` } : DESCRIPTION;
}

/** The parameters n8n stores for a node with these values (with their defaults). */
export function storedParameters(resource: string | undefined, operation: string | undefined, options: ScreenOptions = {}): INodeParameters {
	const values: INodeParameters = { ...options.values };
	if (resource !== undefined) values.resource = resource;
	if (operation !== undefined) values.operation = operation;
	const node = { typeVersion: options.version ?? 1.1 };
	return NodeHelpers.getNodeParameters(DESCRIPTION.properties, values, true, false, node, typeDescription(options.tool ?? false)) ?? {};
}

/** The top-level parameters shown for a resource and operation. */
export function shown(resource: string, operation: string, options: ScreenOptions = {}): INodeProperties[] {
	const values = storedParameters(resource, operation, options);
	const node = { typeVersion: options.version ?? 1.1 };
	return DESCRIPTION.properties.filter((property) =>
		NodeHelpers.displayParameter(values, property, node, typeDescription(options.tool ?? false)),
	);
}

/** The shown parameter `name` (fails the test when there is none). */
export function shownProperty(resource: string, operation: string, name: string, options: ScreenOptions = {}): INodeProperties {
	const found = shown(resource, operation, options).filter((property) => property.name === name);
	if (found.length !== 1) throw new Error(`${resource} > ${operation} shows ${found.length} parameters named "${name}"`);
	return found[0];
}

/** Names of the options of a shown collection (or option values of a shown options parameter). */
export function optionNames(property: INodeProperties): string[] {
	return (property.options ?? []).map((option) => ('value' in option ? String(option.value) : option.name));
}
