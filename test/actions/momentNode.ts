/**
 * Runs the Moment action node the way n8n does (`execute` on a fake execute context whose HTTP goes
 * through n8n's client to nock), and the nock lifecycle every action / method test uses.
 */
import nock from 'nock';
import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { RESOURCES } from '../../nodes/Moment/catalog';
import type { MomentResource, OperationName } from '../../nodes/Moment/catalog';
import { hasWriteChecks } from '../../nodes/Moment/actions/operations';
import type { ExecuteContextOptions } from '../helpers/context';
import { BASE_URL, COMPANY, createExecuteContext } from '../helpers/context';

export { useMomentNock } from '../helpers/expectations';

export const PREFIX = `/api/1.0/companies/${COMPANY}`;

export function moment() {
	return nock(BASE_URL);
}

/** Resources (from the catalog) that allow `operation`, as [displayName, resource] rows for it.each. */
export function resourcesWith(operation: OperationName): Array<[string, MomentResource]> {
	return RESOURCES.filter((resource) => resource.operations.includes(operation)).map((resource) => [
		resource.displayName,
		resource,
	]);
}

/**
 * Resources whose writes are only the generic request (no checks of their own before it, see
 * actions/operations.ts, `beforeWrite`): time records read the user and the membership first, and are tested
 * in timeRecord*.test.ts.
 */
export function plainWritesWith(operation: OperationName): Array<[string, MomentResource]> {
	return resourcesWith(operation).filter(([, resource]) => !hasWriteChecks(resource));
}

/** The path suffix a read sends when the user gives no Include (catalog `defaultInclude`). */
export function defaultIncludePath(resource: MomentResource): string {
	return resource.takesInclude && resource.defaultInclude ? `/include/${resource.defaultInclude.join('+')}` : '';
}

/** A valid value of a typed write field (catalog `writeFieldTypes`), as n8n stores it; 'x' for text. */
export function sampleValue(resource: MomentResource, field: string): unknown {
	switch (resource.writeFieldTypes?.[field]?.type) {
		case 'recordId':
			return byId('7');
		case 'calendarDate':
			return '2026-12-01';
		case 'minutes':
			return '90';
		default:
			return 'x';
	}
}

export function byId(value: string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'id', value };
}

export async function runMoment(options: ExecuteContextOptions) {
	const context = createExecuteContext(options);
	const output = await new Moment().execute.call(context.ctx);
	return { items: output[0] as INodeExecutionData[], ...context };
}

/** The error the node threw (fails the test if it did not throw). */
export async function runMomentFailure(options: ExecuteContextOptions) {
	const context = createExecuteContext(options);
	try {
		await new Moment().execute.call(context.ctx);
	} catch (error) {
		return { error: error as NodeApiError | NodeOperationError, ...context };
	}
	throw new Error('expected the node to fail');
}

/** The JSON of every output item. */
export function jsonOf(items: INodeExecutionData[]) {
	return items.map((item) => item.json);
}
