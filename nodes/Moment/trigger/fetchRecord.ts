/**
 * "Fetch Full Record": GET the record a delivery points at, through the shared transport (auth,
 * pacing, retries, readable errors).
 *
 * A failed fetch must not become a half item. It throws an error that names the delivery (source,
 * id, event, numbers) in its message and description and carries the whole delivery in
 * `context.delivery`. A delivery whose record id was not found (`recognized: false`) fails the same
 * way, without a request. n8n (2.41, webhook-helpers.js) then answers Moment with 500, still starts an
 * execution, and fails it at the trigger node with this error: the execution shows up as failed
 * in the Executions list and runs the workflow's Error Workflow, if one is set.
 */
import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RetryPolicy } from '../transport';
import { deadlineIn, momentApiRequest, parseInclude } from '../transport';
import { describeDelivery } from './item';
import type { Delivery, TriggerSource } from './payload';
import { nodeWithoutSecret } from './secret';

/**
 * Moment waits for the webhook's answer while the record is fetched, so the fetch has a bound of
 * its own, whatever Moment's API does: every attempt, wait and read together end within
 * `FETCH_LIMIT_MS` (20 s) of the fetch's start, one attempt waits `attemptTimeoutMs` (10 s) at
 * most for Moment's answer to start, and retries are fewer and shorter than in the action node.
 * n8n answers the webhook as soon as the fetch has failed, so Moment gets its answer within about
 * 20 s (the issue's bound is 30 s in all; the rest is n8n's own work).
 */
export const FETCH_LIMIT_MS = 20000;

export const TRIGGER_RETRY_POLICY: Partial<RetryPolicy> = {
	maxRateLimitRetries: 3,
	maxTransientRetries: 2,
	maxDelayMs: 4000,
	maxRetryAfterMs: 5000,
	attemptTimeoutMs: 10000,
	totalTimeoutMs: FETCH_LIMIT_MS,
};

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fetchFailed(
	this: IWebhookFunctions,
	cause: unknown,
	delivery: Delivery,
	source: TriggerSource,
	deliveryJson: IDataObject,
): NodeApiError | NodeOperationError {
	const what = source.resource.displayName.toLowerCase();
	const message = `Could not fetch the full ${what} for Moment's webhook: ${describeDelivery(delivery)}`;
	const causeMessage = cause instanceof Error ? cause.message : String(cause);
	const causeDescription =
		typeof (cause as { description?: unknown })?.description === 'string' ? (cause as { description: string }).description : '';
	const description = [
		causeMessage,
		causeDescription,
		`The event itself arrived intact and is kept in this error as context.delivery (an Error Workflow gets it as execution.error.context.delivery). To handle it anyway, ${delivery.id === null ? `find the ${what} in context.delivery.payload` : `read ${what} ${delivery.id}`} with the Moment node, or turn off Fetch Full Record.`,
	]
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
		.join(' ');
	const node = nodeWithoutSecret(this.getNode());
	const error =
		cause instanceof NodeApiError
			? new NodeApiError(node, { source: delivery.source, id: String(delivery.id ?? '') } as JsonObject, {
					message,
					description,
					// Only an HTTP status: n8n replaces the message of an error whose code is ECONNRESET etc.
					httpCode: /^\d{3}$/.test(String(cause.httpCode)) ? String(cause.httpCode) : undefined,
				})
			: new NodeOperationError(node, message, { description, level: 'error' });
	error.context.delivery = deliveryJson;
	return error;
}

export async function fetchFullRecord(
	this: IWebhookFunctions,
	delivery: Delivery,
	source: TriggerSource,
	includeParameter: unknown,
	deliveryJson: IDataObject,
): Promise<IDataObject> {
	const deadline = deadlineIn(FETCH_LIMIT_MS, "Fetch Full Record's limit (Moment waits for the webhook's answer meanwhile)");
	try {
		if (delivery.id === null) {
			throw new NodeOperationError(nodeWithoutSecret(this.getNode()), `No ${source.resource.displayName.toLowerCase()} id was found in the delivery, so there is nothing to fetch`, {
				description: delivery.reason,
			});
		}
		const include = parseInclude(includeParameter);
		const record = await momentApiRequest.call(this, {
			method: 'GET',
			resource: source.resource,
			id: delivery.id,
			include,
			retryPolicy: TRIGGER_RETRY_POLICY,
			deadline,
		});
		if (!isRecord(record)) {
			throw new NodeOperationError(
				nodeWithoutSecret(this.getNode()),
				`Moment answered with ${Array.isArray(record) ? 'a list' : 'something other than a record object'}`,
			);
		}
		return record;
	} catch (error) {
		throw fetchFailed.call(this, error, delivery, source, deliveryJson);
	}
}
