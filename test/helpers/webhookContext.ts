/**
 * Fake n8n contexts for triggers, modelled on n8n's own TriggerHelpers (packages/nodes-base/test/
 * nodes/TriggerHelpers.ts): a webhook context whose request looks like what n8n 2.41 hands a node
 * (parsed body, `rawBody` bytes, headers, query), a response that records status and JSON body,
 * real HTTP through n8n's client (n8nHttp.ts, intercepted by nock), and a hook context for the
 * webhook lifecycle methods.
 */
import { mock } from 'jest-mock-extended';
// n8n-core's own helper, from its module (the package index loads all of n8n-core).
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
	Logger,
} from 'n8n-workflow';

import { CREDENTIALS } from './context';
import type { SentRequest } from './n8nHttp';
import { makeHttpRequestWithAuthentication } from './n8nHttp';

/** What an HTTP client sent to the webhook, as n8n has read it. */
export interface WebhookRequest {
	/** What `getBodyData()` returns: parsed JSON for application/json, text for text/plain, else undefined. */
	body?: unknown;
	/** The bytes received (`req.rawBody`); n8n keeps them for every content type. */
	rawBody?: Buffer;
	headers?: IDataObject;
	query?: IDataObject;
}

/** A POST with a JSON body, as n8n presents it after its body parser ran. */
export function jsonRequest(payload: unknown, query: IDataObject = {}): WebhookRequest {
	const text = JSON.stringify(payload);
	return {
		body: payload,
		rawBody: Buffer.from(text, 'utf8'),
		headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), 'user-agent': 'Java-http-client/17' },
		query,
	};
}

/** A POST whose body n8n did not parse as JSON: text/plain arrives as a string, no content type as undefined. */
export function textRequest(text: string, contentType?: string, query: IDataObject = {}): WebhookRequest {
	const headers: IDataObject = { 'content-length': String(Buffer.byteLength(text)) };
	if (contentType) headers['content-type'] = contentType;
	return {
		body: contentType?.startsWith('text/plain') ? text : undefined,
		rawBody: Buffer.from(text, 'utf8'),
		headers,
		query,
	};
}

export interface RecordedResponse {
	statusCode?: number;
	body?: unknown;
}

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

function recordingLogger(logs: LogEntry[]): Logger {
	const at = (level: LogEntry['level']) => jest.fn((message: string) => logs.push({ level, message }));
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
}

function readParameter(parameters: IDataObject, name: string, fallback: unknown): unknown {
	const value = parameters[name];
	if (value === undefined) {
		if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
		return fallback;
	}
	return value;
}

export function makeTriggerNode(parameters: IDataObject = {}): INode {
	return {
		id: 'trigger-1',
		name: 'Moment Trigger',
		type: 'n8n-nodes-moment.momentTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'moment-hook',
		parameters: parameters as INode['parameters'],
	};
}

export interface WebhookContextOptions {
	parameters?: IDataObject;
	request: WebhookRequest;
	credentials?: ICredentialDataDecryptedObject;
}

export interface WebhookTestContext {
	ctx: IWebhookFunctions;
	response: RecordedResponse;
	sent: SentRequest[];
	logs: LogEntry[];
	node: INode;
}

export function createWebhookContext(options: WebhookContextOptions): WebhookTestContext {
	const parameters = options.parameters ?? {};
	const node = makeTriggerNode(parameters);
	const credentials = options.credentials ?? CREDENTIALS;
	const { request } = options;
	const sent: SentRequest[] = [];
	const logs: LogEntry[] = [];
	const response: RecordedResponse = {};
	const res: Record<'status' | 'json' | 'send' | 'end', jest.Mock> = {
		status: jest.fn((code: number) => {
			response.statusCode = code;
			return res;
		}),
		json: jest.fn((body: unknown) => {
			response.body = body;
			return res;
		}),
		send: jest.fn((body: unknown) => {
			response.body = body;
			return res;
		}),
		end: jest.fn(() => res),
	};
	const req = { method: 'POST', headers: request.headers ?? {}, query: request.query ?? {}, body: request.body, rawBody: request.rawBody };
	const helpers = {
		returnJsonArray: jest.fn(returnJsonArray),
		httpRequestWithAuthentication: jest.fn(makeHttpRequestWithAuthentication(node, credentials, sent)),
	} as unknown as IWebhookFunctions['helpers'];
	const ctx = mock<IWebhookFunctions>({
		helpers,
		logger: recordingLogger(logs),
		getNode: () => node,
		getMode: () => 'webhook',
		getWebhookName: () => 'default',
		getBodyData: () => request.body as IDataObject,
		getHeaderData: () => (request.headers ?? {}) as ReturnType<IWebhookFunctions['getHeaderData']>,
		getQueryData: () => request.query ?? {},
		getRequestObject: () => req as unknown as ReturnType<IWebhookFunctions['getRequestObject']>,
		getResponseObject: () => res as unknown as ReturnType<IWebhookFunctions['getResponseObject']>,
		getCredentials: jest.fn(async () => ({ ...credentials })) as unknown as IWebhookFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback)) as IWebhookFunctions['getNodeParameter'],
	});
	return { ctx, response, sent, logs, node };
}

export function createHookContext(
	parameters: IDataObject = {},
	webhookUrl = 'https://n8n.example.com/webhook/moment-hook/webhook',
): { ctx: IHookFunctions; logs: LogEntry[]; node: INode } {
	const node = makeTriggerNode(parameters);
	const logs: LogEntry[] = [];
	const ctx = mock<IHookFunctions>({
		logger: recordingLogger(logs),
		getNode: () => node,
		getNodeWebhookUrl: () => webhookUrl,
		getActivationMode: () => 'activate',
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback)) as IHookFunctions['getNodeParameter'],
	});
	return { ctx, logs, node };
}
