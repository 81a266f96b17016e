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

/**
 * getNodeParameter as n8n answers it: the saved value, or what its expression gave (`resolved`,
 * standing in for n8n's expression engine; the node's `parameters` keep the saved `={{ ... }}`).
 */
function readParameter(parameters: IDataObject, name: string, fallback: unknown, resolved: IDataObject = {}): unknown {
	if (Object.prototype.hasOwnProperty.call(resolved, name)) return resolved[name];
	const value = parameters[name];
	if (value === undefined) {
		if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
		return fallback;
	}
	return value;
}

/** The name the credential picker shows for the Moment Webhook API credential in these tests. */
export const WEBHOOK_CREDENTIAL_NAME = 'Moment webhook secret';

export interface TriggerNodeOptions {
	/** 1 (the default here: workflows saved with the Secret parameter), 1.1 or 2. */
	typeVersion?: number;
	/** Whether a Moment Webhook API credential is selected on the node. */
	withWebhookCredential?: boolean;
}

export function makeTriggerNode(parameters: IDataObject = {}, options: TriggerNodeOptions = {}): INode {
	const node: INode = {
		id: 'trigger-1',
		name: 'Moment Trigger',
		type: 'n8n-nodes-moment.momentTrigger',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		webhookId: 'moment-hook',
		parameters: parameters as INode['parameters'],
	};
	if (options.withWebhookCredential) node.credentials = { momentWebhookApi: { id: 'cred-webhook-1', name: WEBHOOK_CREDENTIAL_NAME } };
	return node;
}

/**
 * `getCredentials` as n8n answers it: the Moment API credential, and the Moment Webhook API credential
 * when one is selected (`webhookSecret`), else n8n's own "no credentials set" error.
 */
function credentialsGetter(node: INode, credentials: ICredentialDataDecryptedObject, webhookSecret: string | undefined) {
	return jest.fn(async (type: string) => {
		if (type === 'momentWebhookApi') {
			if (webhookSecret === undefined || !node.credentials?.momentWebhookApi) {
				throw new Error(`Node does not have any credentials set for "${type}"`);
			}
			return { secret: webhookSecret };
		}
		return { ...credentials };
	});
}

export interface WebhookContextOptions extends TriggerNodeOptions {
	parameters?: IDataObject;
	/** What expressions among `parameters` gave: `{ secret: '' }` for a Secret `={{ $env.MISSING }}`. */
	resolvedParameters?: IDataObject;
	request: WebhookRequest;
	credentials?: ICredentialDataDecryptedObject;
	/** The secret of the selected Moment Webhook API credential (selects one). */
	webhookSecret?: string;
	workflowId?: string;
}

export interface WebhookTestContext {
	ctx: IWebhookFunctions;
	response: RecordedResponse;
	sent: SentRequest[];
	logs: LogEntry[];
	node: INode;
}

let workflowCounter = 0;

/**
 * A webhook call as n8n makes it. Each context belongs to a workflow of its own unless
 * `workflowId` is given, so the trigger's per-node log throttle starts fresh in every test.
 */
export function createWebhookContext(options: WebhookContextOptions): WebhookTestContext {
	const workflowId = options.workflowId ?? `workflow-${++workflowCounter}`;
	const parameters = options.parameters ?? {};
	const node = makeTriggerNode(parameters, { typeVersion: options.typeVersion, withWebhookCredential: options.webhookSecret !== undefined || options.withWebhookCredential });
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
		getWorkflow: () => ({ id: workflowId, name: 'Test workflow', active: true }),
		getMode: () => 'webhook',
		getWebhookName: () => 'default',
		getBodyData: () => request.body as IDataObject,
		getHeaderData: () => (request.headers ?? {}) as ReturnType<IWebhookFunctions['getHeaderData']>,
		getQueryData: () => request.query ?? {},
		getRequestObject: () => req as unknown as ReturnType<IWebhookFunctions['getRequestObject']>,
		getResponseObject: () => res as unknown as ReturnType<IWebhookFunctions['getResponseObject']>,
		getCredentials: credentialsGetter(node, credentials, options.webhookSecret) as unknown as IWebhookFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback, options.resolvedParameters)) as IWebhookFunctions['getNodeParameter'],
	});
	return { ctx, response, sent, logs, node };
}

export interface HookContextOptions extends TriggerNodeOptions {
	webhookUrl?: string;
	/** How n8n activates the workflow: 'activate' (publish), 'manual' (test), 'init' (start-up), ... */
	activation?: ReturnType<IHookFunctions['getActivationMode']>;
	webhookSecret?: string;
}

export function createHookContext(
	parameters: IDataObject = {},
	options: HookContextOptions = {},
): { ctx: IHookFunctions; logs: LogEntry[]; node: INode } {
	const node = makeTriggerNode(parameters, { typeVersion: options.typeVersion, withWebhookCredential: options.webhookSecret !== undefined || options.withWebhookCredential });
	const logs: LogEntry[] = [];
	const ctx = mock<IHookFunctions>({
		logger: recordingLogger(logs),
		getNode: () => node,
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/moment-hook/webhook',
		getActivationMode: () => options.activation ?? 'activate',
		getCredentials: credentialsGetter(node, CREDENTIALS, options.webhookSecret) as unknown as IHookFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback)) as IHookFunctions['getNodeParameter'],
	});
	return { ctx, logs, node };
}
