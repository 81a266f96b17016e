/**
 * What happens when Moment POSTs to the trigger:
 * 1. secret check (`?token=`) → 401, nothing runs;
 * 2. payload check (payload.ts) → 400 for unusable input, 200 `{ignored}` for another webhook type
 *    or a filtered-out event; nothing runs;
 * 3. optional full-record fetch → on failure an error naming the event (fetchRecord.ts);
 * 4. one item per delivery.
 * The 400 / 401 answers are also logged as warnings, since no execution shows them in n8n.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findWebhookSource } from '../catalog';
import { DEFAULT_SOURCE } from './description';
import { fetchFullRecord } from './fetchRecord';
import { buildItemJson } from './item';
import type { TriggerSource } from './payload';
import { normalizeEventFilter, parseDelivery } from './payload';
import { TOKEN_QUERY_PARAMETER, checkToken, nodeWithoutSecret, tokenFailureMessage } from './secret';

function answer(this: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	this.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function triggerSource(this: IWebhookFunctions): TriggerSource {
	const value = String(this.getNodeParameter('eventSource', DEFAULT_SOURCE));
	const source = findWebhookSource(value);
	if (!source) {
		throw new NodeOperationError(nodeWithoutSecret(this.getNode()), `Unknown Event Source "${value.slice(0, 40)}"`, {
			description: 'Open the Moment Trigger and pick an Event Source from the list.',
		});
	}
	return source;
}

/** The bytes Moment sent when n8n kept them (it does for every content type), else n8n's parsed body. */
function requestBody(this: IWebhookFunctions): unknown {
	const rawBody = (this.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (rawBody instanceof Uint8Array && rawBody.length > 0) return rawBody;
	if (typeof rawBody === 'string' && rawBody.trim() !== '') return rawBody;
	return this.getBodyData();
}

export async function handleMomentWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const source = triggerSource.call(this);
	const nodeName = this.getNode().name;

	const secret = String(this.getNodeParameter('secret', '') ?? '').trim();
	const token = checkToken(secret, (this.getQueryData() as IDataObject)[TOKEN_QUERY_PARAMETER]);
	if (!token.ok) {
		const message = tokenFailureMessage(token.reason);
		this.logger.warn(`Moment Trigger "${nodeName}" refused a call (401): ${token.reason} token`);
		return answer.call(this, 401, { error: 'unauthorized', message });
	}

	const events = normalizeEventFilter(this.getNodeParameter('events', ''));
	const result = parseDelivery(requestBody.call(this), { source, events });
	if (result.kind === 'rejected') {
		this.logger.warn(`Moment Trigger "${nodeName}" rejected a delivery (400): ${result.reason}`);
		return answer.call(this, 400, { error: 'bad request', message: result.reason });
	}
	if (result.kind === 'ignored') {
		this.logger.debug(`Moment Trigger "${nodeName}" ignored a delivery: ${result.reason}`);
		return answer.call(this, 200, { ignored: true, reason: result.reason });
	}

	const receivedAt = new Date();
	let json = buildItemJson(result, receivedAt);
	if (this.getNodeParameter('fetchFullRecord', false) === true) {
		const record = await fetchFullRecord.call(this, result, source, this.getNodeParameter('include', ''), json);
		json = buildItemJson(result, receivedAt, record);
	}

	return {
		workflowData: [this.helpers.returnJsonArray([json])],
		webhookResponse: { received: true, source: result.source, event: result.event, id: result.id },
	};
}
