/**
 * What happens when Moment POSTs to the trigger:
 * 1. secret check (`?token=`) → 401, nothing runs; also every call while the secret the user chose
 *    is unusable (empty, only spaces, unreadable, unfit: secret.ts);
 * 2. the body, read whatever its content type (requestBody.ts) → 413 / 415 / 400 when it cannot be
 *    read; payload check (payload.ts) → 400 for a body that is not a JSON object (or a broken documented
 *    payload), 200 `{ignored}` for another webhook type beyond doubt or a filtered-out event;
 *    nothing runs. Any other JSON object runs, flagged `recognized: false` when its id was not found;
 * 3. optional full-record fetch → on failure an error naming the event (fetchRecord.ts);
 * 4. one item per delivery (item.ts).
 * The 400 / 401 answers and the payloads ignored as another webhook type's are also logged as
 * warnings (a Moment integration pointed at the wrong trigger would otherwise vanish without a
 * trace), events left out by the user's event filter at debug level, since no execution shows them
 * in n8n; logThrottle.ts keeps a flood of them from flooding the log.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchFullRecord } from './fetchRecord';
import { buildItemJson } from './item';
import { LogThrottle, withSuppressedCount } from './logThrottle';
import type { TriggerSource } from './payload';
import { parseDelivery } from './payload';
import { readRequestBody } from './requestBody';
import { TOKEN_QUERY_PARAMETER, checkToken, nodeWithoutSecret, readSecret, tokenFailureMessage } from './secret';
import type { TriggerSettings } from './settings';
import { readTriggerSettings } from './settings';

const logThrottle = new LogThrottle();

function answer(this: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	this.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

type CallKind = '401' | '400' | 'ignored' | 'filtered';

/** Writes a log line about a call that started nothing, at most a few per minute per trigger node and kind. */
function logCall(this: IWebhookFunctions, kind: CallKind, message: string): void {
	const key = `${this.getWorkflow().id ?? ''}/${this.getNode().id}/${kind}`;
	const admission = logThrottle.admit(key, Date.now());
	if (admission.write) this.logger[kind === 'filtered' ? 'debug' : 'warn'](withSuppressedCount(message, admission));
}

/** The 401 answer when the call may not start the workflow; undefined when it may. */
async function refuseCaller(this: IWebhookFunctions, settings: TriggerSettings): Promise<IWebhookResponseData | undefined> {
	const nodeName = this.getNode().name;
	const reading = await readSecret.call(this, settings.token);
	if (reading.kind === 'none') return undefined;
	if (reading.kind === 'unusable') {
		logCall.call(this, '401', `Moment Trigger "${nodeName}" refused a call (401) because its secret token is unusable: ${reading.problem}`);
		return answer.call(this, 401, { error: 'unauthorized', message: tokenFailureMessage('unusable', reading.where) });
	}
	const token = checkToken(reading.secret, (this.getQueryData() as IDataObject)[TOKEN_QUERY_PARAMETER]);
	if (token.ok) return undefined;
	logCall.call(this, '401', `Moment Trigger "${nodeName}" refused a call (401): ${token.reason} token`);
	return answer.call(this, 401, { error: 'unauthorized', message: tokenFailureMessage(token.reason) });
}

function triggerSource(this: IWebhookFunctions, settings: TriggerSettings): TriggerSource {
	if (!settings.source) {
		throw new NodeOperationError(nodeWithoutSecret(this.getNode()), `Unknown Event Source "${settings.sourceValue.slice(0, 40)}"`, {
			description: 'Open the Moment Trigger and pick an Event Source from the list.',
		});
	}
	return settings.source;
}

export async function handleMomentWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readTriggerSettings(this);
	const refusal = await refuseCaller.call(this, settings);
	if (refusal !== undefined) return refusal;
	const source = triggerSource.call(this, settings);
	const nodeName = this.getNode().name;

	const body = await readRequestBody.call(this);
	if (body.kind === 'unreadable') {
		logCall.call(this, '400', `Moment Trigger "${nodeName}" could not read a delivery (${body.status}): ${body.message}`);
		return answer.call(this, body.status, { error: body.status === 413 ? 'payload too large' : body.status === 415 ? 'unsupported media type' : 'bad request', message: body.message });
	}
	const result = parseDelivery(body.raw, { source, events: settings.events, parsed: body.parsed, charset: body.charset });
	if (result.kind === 'rejected') {
		logCall.call(this, '400', `Moment Trigger "${nodeName}" rejected a delivery (400): ${result.reason}`);
		return answer.call(this, 400, { error: 'bad request', message: result.reason });
	}
	if (result.kind === 'ignored') {
		logCall.call(this, result.cause === 'otherSource' ? 'ignored' : 'filtered', `Moment Trigger "${nodeName}" ignored a delivery: ${result.reason}`);
		return answer.call(this, 200, { ignored: true, reason: result.reason });
	}

	const receivedAt = new Date();
	let json = buildItemJson(result, receivedAt);
	if (settings.fetchFullRecord) {
		const record = await fetchFullRecord.call(this, result, source, settings.include, json);
		json = buildItemJson(result, receivedAt, { resource: source.resource, record });
	}

	return {
		workflowData: [this.helpers.returnJsonArray([json])],
		webhookResponse: { received: true, source: result.source, event: result.event, id: result.id, recognized: result.recognized },
	};
}
