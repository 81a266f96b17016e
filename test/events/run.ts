/**
 * Runs Event > Pass Each Once as n8n does: `Moment.execute` on a fake execute context whose
 * deduplication helpers are n8n's store, ported (../helpers/deduplicationStore.ts), bound to one
 * workflow and node, with n8n's execution mode and the node's hints and log collected.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeExecutionHint, WorkflowExecuteMode } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { createExecuteContext, makeNode } from '../helpers/context';
import type { DeduplicationStore } from '../helpers/deduplicationStore';

export const WORKFLOW_ID = 'wfRepeat0000001';
export const NODE_ID = 'pass-each-once-node-1';

export interface PassEachOnceRun {
	store: DeduplicationStore;
	items: INodeExecutionData[] | IDataObject[];
	parameters?: IDataObject;
	mode?: WorkflowExecuteMode;
	continueOnFail?: boolean;
	workflowId?: string;
	nodeId?: string;
	/** the node's type (default the Moment node's; n8n names the AI tool variant `n8n-nodes-moment.momentTool`) */
	nodeType?: string;
}

export interface PassEachOnceResult {
	outputs: INodeExecutionData[][];
	hints: NodeExecutionHint[];
	warnings: string[];
}

/** The parameters n8n stores for a new Pass Each Once node, with `parameters` over them. */
export function passEachOnceParameters(parameters: IDataObject = {}): IDataObject {
	return { resource: 'event', operation: 'passEachOnce', key: 'automatic', rememberLast: 10000, repeats: 'output', ...parameters };
}

export function passEachOnceContext(run: PassEachOnceRun) {
	const items = run.items.map((item) => ('json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject }));
	const node = makeNode({ id: run.nodeId ?? NODE_ID, name: 'Once per Event', ...(run.nodeType ? { type: run.nodeType } : {}) });
	const parameters = passEachOnceParameters(run.parameters);
	const context = createExecuteContext({ parameters: (i) => resolvePerItem(parameters, items, i), items, continueOnFail: run.continueOnFail, node });
	const ctx = context.ctx as IExecuteFunctions & { logger: IExecuteFunctions['logger'] };
	const hints: NodeExecutionHint[] = [];
	const warnings: string[] = [];
	Object.assign(ctx.helpers, run.store.helpersFor({ workflowId: run.workflowId ?? WORKFLOW_ID, nodeId: node.id }));
	ctx.getMode = () => run.mode ?? 'webhook';
	ctx.getWorkflow = () => ({ id: run.workflowId ?? WORKFLOW_ID, name: 'Repeat filter test', active: true });
	ctx.addExecutionHints = (...added: NodeExecutionHint[]) => {
		hints.push(...added);
	};
	ctx.logger = { warn: (message: string) => warnings.push(message), info: () => {}, debug: () => {}, error: () => {}, verbose: () => {} } as unknown as IExecuteFunctions['logger'];
	return { ctx, hints, warnings };
}

/** A parameter given as a function of the item's json (an expression such as {{ $json.id }}). */
function resolvePerItem(parameters: IDataObject, items: INodeExecutionData[], itemIndex: number): IDataObject {
	const resolved: IDataObject = {};
	for (const [name, value] of Object.entries(parameters)) {
		resolved[name] = typeof value === 'function' ? (value as (json: IDataObject) => unknown)(items[itemIndex].json) as IDataObject[string] : value;
	}
	return resolved;
}

export async function runPassEachOnce(run: PassEachOnceRun): Promise<PassEachOnceResult> {
	const { ctx, hints, warnings } = passEachOnceContext(run);
	const outputs = await new Moment().execute.call(ctx);
	return { outputs, hints, warnings };
}

/** The json of each item of each output. */
export function jsonOf(outputs: INodeExecutionData[][]): IDataObject[][] {
	return outputs.map((items) => items.map((item) => item.json));
}
