/**
 * What the workflow gets from a delivery (docs/development.md): the item, built in this one
 * place, and with "Fetch Full Record" the record read from Moment.
 *
 * The item: what happened first (event, source, id, whether and where the id was found), then the
 * numbers users know the record by, when it arrived, the delivery key, the untouched payload, and
 * the full record with its change key when fetched. Nothing from the request besides the body goes
 * in: no headers, no query, never the secret.
 *
 * The delivery key: one text per delivery, the same every time Moment sends the same delivery
 * again, different as soon as anything in the body differs. For the Moment node's Event > Pass Each Once
 * (its Automatic key, docs/pass-each-once.md).
 *
 *   <source>:<event>:<id>:<hash>      e.g. invoice:CREATE_NEW:106939080:5d41402abc4b2a76
 *
 * `event` and `id` are empty when the delivery has none; `hash` is the body's (bodyText.ts,
 * bodyHashOf). The time of arrival is not part of it: a repeated delivery keeps its key.
 *
 * Fetch Full Record: a GET of the record a delivery points at, through the shared transport (auth,
 * pacing, retries, readable errors). A failed fetch must not become a half item. It throws an
 * error that names the delivery (source, id, event, numbers) in its message and description and
 * carries the whole delivery in `context.delivery`. A delivery whose record id was not found
 * (`recognized: false`) fails the same way, without a request. n8n (2.41, webhook-helpers.js) then
 * answers Moment with 500, still starts an execution, and fails it at the trigger node with this
 * error: the execution shows up as failed in the Executions list and runs the workflow's Error
 * Workflow, if one is set.
 */
import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { changeKeyOf } from '../changeKey';
import type { RetryPolicy } from '../transport';
import { deadlineIn, momentApiRequest, parseInclude } from '../transport';
import { isRecord } from '../values';
import type { Delivery, TriggerSource } from './payload';
import { nodeWithoutSecret } from './secret';

/** The record Fetch Full Record read, and the catalog resource it belongs to. */
export interface FetchedRecord {
	resource: MomentResource;
	record: IDataObject;
}

/**
 * With a fetched record the item also carries `changeKey` (changeKey.ts): the key the Moment Poll
 * Trigger with Fetch Full Record gives the same state of the same record, so a workflow fed by
 * both passes each change once through Event > Pass Each Once.
 */
export function buildItemJson(delivery: Delivery, receivedAt: Date, fetched?: FetchedRecord): IDataObject {
	const json: IDataObject = {
		event: delivery.event,
		source: delivery.source,
		id: delivery.id,
		recognized: delivery.recognized,
		idFrom: delivery.idFrom,
	};
	if (!delivery.recognized) json.reason = delivery.reason ?? null;
	Object.assign(json, delivery.identifiers, {
		receivedAt: receivedAt.toISOString(),
		deliveryKey: deliveryKeyOf(delivery),
	});
	if (fetched !== undefined && delivery.id !== null) json.changeKey = changeKeyOf(fetched.resource, delivery.id, fetched.record);
	json.payload = delivery.payload;
	if (fetched !== undefined) json.record = fetched.record;
	return json;
}

/** One line naming the delivery, for error messages: `invoice 106939080 (event "CREATE_NEW", invoiceNumber 1)`. */
function describeDelivery(delivery: Delivery): string {
	const details = [delivery.event === null ? 'no event' : `event "${delivery.event.slice(0, 60)}"`];
	for (const [key, value] of Object.entries(delivery.identifiers)) {
		if (typeof value === 'string' || typeof value === 'number') details.push(`${key} ${String(value).slice(0, 40)}`);
	}
	return `${delivery.source} ${delivery.id ?? 'without an id'} (${details.join(', ')})`;
}

/** `<source>:<event>:<id>:<hash>` (the header above). */
export function deliveryKeyOf(delivery: Pick<Delivery, 'source' | 'event' | 'id' | 'bodyHash'>): string {
	return [delivery.source, delivery.event ?? '', delivery.id ?? '', delivery.bodyHash].join(':');
}

// ---- Fetch Full Record

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
		`The event arrived intact: it is in this error's context.delivery (execution.error.context.delivery in an Error Workflow). To handle it, ${delivery.id === null ? `find the ${what} in context.delivery.payload` : `read ${what} ${delivery.id}`} with the Moment node, or turn off Fetch Full Record.`,
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

export async function fetchDeliveredRecord(
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
