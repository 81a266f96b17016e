/**
 * actions/: the item loop (map: docs/development.md).
 * The action node's item loop: resolves the resource and operation, runs the operation for every
 * input item (several at a time, see "Parallel Requests"), and shapes the output:
 * - every output item carries `pairedItem` pointing at its input item;
 * - output order equals input order;
 * - with "Continue On Fail", a failed item becomes `{ json: { error, message? } }` (routed by n8n to
 *   the error output) and every other item still runs and has its own result;
 * - without it, no item is started after a failure, and the failure of the lowest failing item is
 *   thrown with its item index. For a write (Create, Update, Delete) the error also says which
 *   items were already applied in Moment (writeReport.ts), so none is written out of sight.
 * Nothing else in the node knows about items or continueOnFail.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { ApplicationError, BaseError, ExecutionBaseError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationName } from '../catalog';
import { findResource } from '../catalog';
import { CHECK_OPERATION, checkCompatibility, COMPATIBILITY_RESOURCE } from '../resources/momentApi/checkCompatibility';
import { OPERATIONS } from './operations';
import { runInOrder } from './orderedPool';
import { readPositiveInteger } from './parameters';
import { writeReport } from './writeReport';

/** "Parallel Requests" when not set: reads 5 at a time, writes one after the other. */
export const PARALLEL_REQUESTS_DEFAULT = { read: 5, write: 1 };
export const MAX_PARALLEL_REQUESTS = 20;

/**
 * The error to throw for item `itemIndex`. n8n's node errors keep their item index; other errors
 * of n8n (an expression or parameter it could not resolve) become a NodeOperationError, as a
 * setting to fix; anything else is a defect of this node and is reported as one.
 */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof ExecutionBaseError || error instanceof BaseError || error instanceof ApplicationError) {
		return new NodeOperationError(node, error, { itemIndex });
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
		level: 'error',
		description:
			'This is a defect of the Moment node, not a problem with your settings or data. Please report it at https://github.com/n8n-nodes-moment/n8n-nodes-moment/issues with this message.',
	});
}

/**
 * The item for a failed input item under "Continue On Fail": `error` (what happened) and, when
 * there is more to say, `message` (how to fix it, and what Moment said). n8n routes an item to the
 * error output only if its json holds nothing but `error` (+ `message`), in 1.x and 2.x alike.
 */
export function errorJson(error: unknown): IDataObject {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	const description = (error as { description?: unknown } | undefined)?.description;
	if (typeof description === 'string' && description.trim() !== '' && description !== json.error) {
		json.message = description;
	}
	return json;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const items = this.getInputData();
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as OperationName;
	if (resourceValue === COMPATIBILITY_RESOURCE && (operationName as string) === CHECK_OPERATION) {
		// runs once for the execution, not per item
		try {
			return await checkCompatibility.call(this);
		} catch (error) {
			if (this.continueOnFail()) return [{ json: errorJson(error), pairedItem: { item: 0 } }];
			throw asNodeError(node, error, 0);
		}
	}
	const resource = findResource(resourceValue);
	if (!resource || !resource.operations.includes(operationName)) {
		throw new NodeOperationError(
			node,
			`The operation "${operationName}" is not available for the resource "${resourceValue}"`,
			{ description: 'Pick the resource and operation again in the node.', itemIndex: 0 },
		);
	}
	const { run, writes } = OPERATIONS[operationName];
	const parallel = Math.min(
		MAX_PARALLEL_REQUESTS,
		readPositiveInteger.call(
			this,
			0,
			'options.parallelRequests',
			'Parallel Requests',
			writes ? PARALLEL_REQUESTS_DEFAULT.write : PARALLEL_REQUESTS_DEFAULT.read,
		),
	);
	const continueOnFail = this.continueOnFail();

	const outcomes = await runInOrder(items.length, parallel, async (itemIndex) => {
		try {
			const data = await run.call(this, itemIndex, resource);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			if (continueOnFail) return [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
			throw asNodeError(node, error, itemIndex);
		}
	});

	const failedIndex = outcomes.findIndex((outcome) => outcome.status === 'failed');
	if (failedIndex >= 0) {
		const { error } = outcomes[failedIndex] as { error: NodeApiError | NodeOperationError };
		const report = writes ? writeReport(outcomes, failedIndex, writes, resource.displayName) : undefined;
		if (report) {
			error.message = `${error.message.replace(/[.\s]+$/, '')} (${report.summary})`;
			error.description = [report.details, error.description].filter((text) => text).join(' ');
			error.context.applied = report.applied;
		}
		throw error;
	}
	return outcomes.flatMap((outcome) => (outcome.status === 'done' ? outcome.value : []));
}
