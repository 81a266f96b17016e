/**
 * The action node's item loop: resolves the resource and operation, runs the operation for every
 * input item (several at a time, see "Parallel Requests"), and shapes the output:
 * - every output item carries `pairedItem` pointing at its input item;
 * - output order equals input order;
 * - with "Continue On Fail", a failed item becomes `{ json: { error, message? } }` (routed by n8n to
 *   the error output); otherwise the failure of the lowest failing item is thrown, with its item index.
 * Nothing else in the node knows about items or continueOnFail.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationName } from '../catalog';
import { findResource } from '../catalog';
import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS } from './description/options';
import { OPERATIONS } from './operations';
import { runInOrder } from './orderedPool';
import { readPositiveInteger } from './parameters';

/** The error to throw for item `itemIndex`: n8n's own errors keep their item index, others get one. */
function withItemIndex(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The item for a failed input item under "Continue On Fail": `error` (what happened) and, when
 * there is more to say, `message` (how to fix it, and what Moment said). n8n routes an item to the
 * error output only if its json holds nothing but `error` (+ `message`), in 1.x and 2.x alike.
 */
function errorJson(error: unknown): IDataObject {
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
	const resource = findResource(resourceValue);
	if (!resource || !resource.operations.includes(operationName)) {
		throw new NodeOperationError(
			node,
			`The operation "${operationName}" is not available for the resource "${resourceValue}"`,
			{ description: 'Pick the resource and operation again in the node.', itemIndex: 0 },
		);
	}
	const operation = OPERATIONS[operationName];
	const parallel = Math.min(
		MAX_PARALLEL_REQUESTS,
		readPositiveInteger.call(this, 0, 'options.parallelRequests', 'Parallel Requests', DEFAULT_PARALLEL_REQUESTS),
	);

	const perItem = await runInOrder(items.length, parallel, async (itemIndex) => {
		try {
			const data = await operation.call(this, itemIndex, resource);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			if (this.continueOnFail()) {
				return [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
			}
			throw withItemIndex(node, error, itemIndex);
		}
	});
	return perItem.flat();
}
