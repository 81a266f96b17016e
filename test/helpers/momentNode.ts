/**
 * Runs the Moment action node the way n8n does (`execute` on a fake execute context whose HTTP goes
 * through n8n's client): `runMoment` / `runMomentFailure` against nock (with the nock lifecycle
 * every action and method test uses), `runMomentOnSimulator` against the Moment simulator, and the
 * parameters and rows the tests share (`byId`, `PREFIX`, the catalog's resources per operation).
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { RESOURCES } from '../../nodes/Moment/catalog';
import type { MomentResource, OperationName } from '../../nodes/Moment/catalog';
import { hasWriteChecks } from '../../nodes/Moment/actions/operations';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';
import type { ExecuteContextOptions, Parameters, TestContext } from './context';
import { BASE_URL, createExecuteContext } from './context';

export { PREFIX } from './context';
export { useMomentNock } from './expectations';

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

/** A record picker's value in "By ID" mode, as n8n stores it. */
export function byId(value: string | number): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'id', value: String(value) };
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

export interface NodeRun {
	items?: INodeExecutionData[];
	/** Everything the node logged through `this.logger`. */
	logs: string[];
	error?: NodeApiError | NodeOperationError;
	context: TestContext<IExecuteFunctions>;
	/** Milliseconds the node took. */
	ms: number;
}

export interface RunOptions {
	parameters: Parameters;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
}

/** The node against the simulator: its items, or the n8n error it threw, and what it logged. */
export async function runMomentOnSimulator(sim: Simulator, options: RunOptions): Promise<NodeRun> {
	resetRateLimits();
	const context = createExecuteContext({
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		credentials: options.credentials ?? credentialsFor(sim),
	});
	const logs: string[] = [];
	const record = (level: string) => (message: string, meta?: unknown) => logs.push(`${level} ${message} ${JSON.stringify(meta ?? null)}`);
	context.ctx.logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } as IExecuteFunctions['logger'];
	const started = Date.now();
	try {
		const [items] = await new Moment().execute.call(context.ctx);
		return { items, logs, context, ms: Date.now() - started };
	} catch (error) {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) return { error, logs, context, ms: Date.now() - started };
		throw new NodeOperationError(context.node, `The node threw something that is not an n8n error: ${String(error)}`);
	}
}

/** Whole records (Simplify off), to compare with the simulator's. */
export const returnAllInvoices: IDataObject = { resource: 'invoice', operation: 'getAll', returnAll: true, filters: {}, simple: false, options: {} };

/** Parameters of Get for one id per input item (`items[i].json.id`). */
export function getByItemId(ids: Array<string | number>, options: IDataObject = {}): Parameters {
	return (itemIndex: number) => ({ resource: 'invoice', operation: 'get', id: byId(ids[itemIndex]), simple: false, options });
}

export function itemsWithIds(ids: Array<string | number>): INodeExecutionData[] {
	return ids.map((id) => ({ json: { id } }));
}
