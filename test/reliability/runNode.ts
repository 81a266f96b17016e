/**
 * Runs the Moment action node the way n8n does (router + operation + transport, real HTTP through
 * n8n's client) against the Moment simulator, and reports what the user would see: the output
 * items, or the error the node threw.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import type { Parameters, TestContext } from '../helpers/context';
import { createExecuteContext } from '../helpers/context';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';

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

export async function runMomentNode(sim: Simulator, options: RunOptions): Promise<NodeRun> {
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

export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** Whole records (Simplify off), to compare with the simulator's. */
export const returnAllInvoices: IDataObject = { resource: 'invoice', operation: 'getAll', returnAll: true, filters: {}, simple: false, options: {} };

/** Parameters of Get for one id per input item (`items[i].json.id`). */
export function getByItemId(ids: Array<string | number>, options: IDataObject = {}): Parameters {
	return (itemIndex: number) => ({ resource: 'invoice', operation: 'get', id: byId(ids[itemIndex]), simple: false, options });
}

export function itemsWithIds(ids: Array<string | number>): INodeExecutionData[] {
	return ids.map((id) => ({ json: { id } }));
}
