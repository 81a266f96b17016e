/**
 * Fake n8n contexts for triggers, modelled on n8n's own TriggerHelpers (packages/nodes-base/test/
 * nodes/TriggerHelpers.ts): a webhook context whose request is what n8n 2.41.3 / 1.123.81 hand a
 * node for the bytes and headers sent and the node's typeVersion (n8nHandling: parsed body,
 * `rawBody` bytes or the unread stream, readRawBody, headers, query), a response that records status and JSON body,
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

/**
 * What an HTTP client sent to the webhook: the bytes and headers. createWebhookContext hands the
 * node what n8n makes of them (n8nHandling below), for the node's typeVersion.
 */
export interface WebhookRequest {
	/** The body as sent (after any Content-Encoding was undone); undefined: no body at all. */
	sent?: Buffer;
	headers?: IDataObject;
	query?: IDataObject;
	/**
	 * Exactly what n8n hands the node, instead of n8nHandling's result: for the request shapes no
	 * n8n 2.41.3 or 1.123.81 produces (a future n8n without readRawBody, a body it kept only parsed).
	 */
	handedOver?: Partial<N8nRequestState>;
}

/** The parts of the express request that n8n's webhook code sets, as the node sees them. */
export interface N8nRequestState {
	/** The content type as parseIncomingMessage sets it: lower case, no parameters. */
	contentType?: string;
	/** The charset as parseIncomingMessage sets it: lower case, default utf-8 (when a content type was sent). */
	encoding?: string;
	/** The bytes n8n read (`req.rawBody`). */
	rawBody?: Buffer;
	/** What n8n parsed (`req.body`, getBodyData()). */
	body?: unknown;
	/** Bytes still in the request stream, unread by n8n. */
	unread?: Buffer;
	/** Whether the request has n8n's readRawBody (every request in 2.41.3 and 1.123.81 has). */
	readRawBody: boolean;
}

/** n8n answers itself, and the node is never called (e.g. 422 "Failed to parse request body"). */
export interface N8nAnswer {
	n8nAnswers: number;
	reason: string;
}

/** N8N_PAYLOAD_SIZE_MAX's default, 16 MB: n8n's raw-body limit. */
export const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

/** The n8n version whose body parsing is mirrored: 2.41.3 strips a byte order mark before JSON.parse, 1.123.81 does not. */
export type N8nVersion = '2.41.3' | '1.123.81';

function isParsableContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** parseIncomingMessage: the type in lower case (not trimmed), the charset parameter (trimmed, quotes removed, lower case), default utf-8. */
function parseContentType(header: unknown): { contentType?: string; encoding?: string } {
	if (typeof header !== 'string' || header === '') return {};
	const [type, ...parameters] = header.split(';');
	let charset = 'utf-8';
	for (const parameter of parameters) {
		const at = parameter.indexOf('=');
		if (at !== -1 && parameter.slice(0, at).toLowerCase().trim() === 'charset') charset = parameter.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
	}
	return { contentType: type.toLowerCase(), encoding: charset.toLowerCase() };
}

/**
 * What n8n does with a webhook request's body before the start node runs, mirrored from n8n
 * 2.41.3 and 1.123.81 (packages/cli/src/webhooks/webhook-helpers.ts: parseRequestBody and
 * isParsableContentType; packages/cli/src/middlewares/body-parser.ts: rawBodyReader, parseBody;
 * parseIncomingMessage in @n8n/backend-network (2.41.3) / n8n-core (1.123.81)):
 * - multipart/form-data: parsed into form fields by formidable (here: no fields), bytes gone;
 * - typeVersion 1, or a parsable content type: parseBody. multipart/* is left unread; otherwise
 *   the bytes are read into rawBody (more than N8N_PAYLOAD_SIZE_MAX: 413) and, when not empty,
 *   decoded with Buffer#toString(charset) (a charset Node does not know: 422) and parsed for
 *   exactly application/json (jsonParse; broken JSON: 422; a byte order mark is removed first in
 *   2.41.3 only), XML (xml2js: text not starting with "<" or whitespace is refused, 422, as n8n's
 *   parser did in a run; the result here is a stand-in object, the node reads the bytes), form
 *   (querystring.parse, mirrored with URLSearchParams) and text/plain (the text);
 * - typeVersion above 1 with any other content type or none: nothing is read.
 */
export function n8nHandling(request: WebhookRequest, typeVersion: number, n8n: N8nVersion = '2.41.3'): N8nRequestState | N8nAnswer {
	const { contentType, encoding } = parseContentType(request.headers?.['content-type']);
	const state: N8nRequestState = { contentType, encoding, readRawBody: true, ...request.handedOver };
	if (request.handedOver !== undefined) return state;
	const sent = request.sent ?? Buffer.alloc(0);
	if (contentType === 'multipart/form-data') return { ...state, body: { data: {}, files: {} } };
	if (typeVersion > 1 && !isParsableContentType(contentType)) return { ...state, unread: sent };
	if (contentType?.startsWith('multipart/')) return { ...state, unread: sent };
	if (sent.length > N8N_PAYLOAD_SIZE_MAX) return { n8nAnswers: 413, reason: 'request entity too large' };
	const read = { ...state, rawBody: sent };
	if (sent.length === 0) return read;
	const parsed = contentType === 'application/json' || contentType === 'application/x-www-form-urlencoded' || contentType === 'text/plain' || contentType?.endsWith('/xml') || contentType?.endsWith('+xml');
	if (!parsed) return read;
	let text: string;
	try {
		text = sent.toString((encoding ?? 'utf-8') as BufferEncoding);
	} catch (error) {
		return { n8nAnswers: 422, reason: `Failed to parse request body: ${(error as Error).message}` };
	}
	const withoutBom = n8n === '2.41.3' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (contentType === 'application/json') {
		try {
			return { ...read, body: JSON.parse(withoutBom) };
		} catch (error) {
			return { n8nAnswers: 422, reason: `Failed to parse request body: ${(error as Error).message}` };
		}
	}
	if (contentType === 'text/plain') return { ...read, body: text };
	if (contentType === 'application/x-www-form-urlencoded') return { ...read, body: Object.fromEntries(new URLSearchParams(withoutBom)) };
	if (!/^(\s|<|$)/.test(text)) return { n8nAnswers: 422, reason: 'Failed to parse request body: Non-whitespace before first tag.' };
	return { ...read, body: text.trim() === '' ? null : { xml: 'parsed by xml2js' } };
}

/** A POST with a JSON body, sent as application/json. */
export function jsonRequest(payload: unknown, query: IDataObject = {}): WebhookRequest {
	const sent = Buffer.from(JSON.stringify(payload), 'utf8');
	return {
		sent,
		headers: { 'content-type': 'application/json', 'content-length': String(sent.length), 'user-agent': 'Java-http-client/17' },
		query,
	};
}

/** A POST of this text with this Content-Type (none when undefined). */
export function textRequest(text: string | Buffer, contentType?: string, query: IDataObject = {}): WebhookRequest {
	const sent = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
	const headers: IDataObject = { 'content-length': String(sent.length) };
	if (contentType !== undefined) headers['content-type'] = contentType;
	return { sent, headers, query };
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

/**
 * The express request as the node gets it from n8n: headers, query, contentType / encoding, rawBody
 * and body as n8n left them, and readRawBody as rawBodyReader (body-parser.ts) defines it: it reads
 * the unread bytes into rawBody once (later calls return at once), refuses more than
 * N8N_PAYLOAD_SIZE_MAX with raw-body's 413 error before reading (the stream left unread, as
 * raw-body 3.0.0 leaves it when the Content-Length is over the limit), and, as in 2.41.3, refuses
 * a stream that was read already. `readRawBodyCalls` counts its calls; the stream yields the unread bytes once.
 */
export interface FakeRequest extends Omit<N8nRequestState, 'readRawBody' | 'unread'> {
	method: 'POST';
	headers: IDataObject;
	query: IDataObject;
	readable: boolean;
	readableEnded: boolean;
	_body?: boolean;
	readRawBody?: () => Promise<void>;
	readRawBodyCalls: number;
	[Symbol.asyncIterator]: () => AsyncGenerator<Buffer>;
}

function fakeRequest(request: WebhookRequest, state: N8nRequestState): FakeRequest {
	let unread = state.unread;
	const drain = (): Buffer | undefined => {
		const bytes = unread;
		unread = undefined;
		req.readable = false;
		req.readableEnded = true;
		return bytes;
	};
	const req: FakeRequest = {
		method: 'POST',
		headers: request.headers ?? {},
		query: request.query ?? {},
		contentType: state.contentType,
		encoding: state.encoding,
		rawBody: state.rawBody,
		body: state.body,
		readable: unread !== undefined,
		readableEnded: unread === undefined,
		readRawBodyCalls: 0,
		async *[Symbol.asyncIterator]() {
			const bytes = drain();
			if (bytes === undefined) return;
			// in chunks of 64 KiB, as a socket delivers them
			for (let at = 0; at < bytes.length; at += 65536) yield bytes.subarray(at, at + 65536);
		},
	};
	if (state.readRawBody) {
		req.readRawBody = async () => {
			req.readRawBodyCalls++;
			if (req.rawBody) return;
			if (!req.readable) throw Object.assign(new Error('Request body stream was aborted or is not readable'), { httpStatusCode: 400 });
			// raw-body refuses a Content-Length over the limit before reading, and leaves the stream paused, unread
			if ((unread?.length ?? 0) > N8N_PAYLOAD_SIZE_MAX) throw Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, type: 'entity.too.large' });
			const bytes = drain() ?? Buffer.alloc(0);
			req.rawBody = bytes;
			req._body = true;
		};
	}
	return req;
}

export interface WebhookContextOptions extends TriggerNodeOptions {
	/** Whose body parsing to mirror (n8nHandling); 2.41.3 unless given. */
	n8n?: N8nVersion;
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
	/** The request object the node gets (getRequestObject()). */
	req: FakeRequest;
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
	const handled = n8nHandling(request, node.typeVersion, options.n8n);
	if ('n8nAnswers' in handled) throw new Error(`n8n answers this request itself (${handled.n8nAnswers}: ${handled.reason}); the node never runs`);
	const req = fakeRequest(request, handled);
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
		getBodyData: () => req.body as IDataObject,
		getHeaderData: () => (request.headers ?? {}) as ReturnType<IWebhookFunctions['getHeaderData']>,
		getQueryData: () => request.query ?? {},
		getRequestObject: () => req as unknown as ReturnType<IWebhookFunctions['getRequestObject']>,
		getResponseObject: () => res as unknown as ReturnType<IWebhookFunctions['getResponseObject']>,
		getCredentials: credentialsGetter(node, credentials, options.webhookSecret) as unknown as IWebhookFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback, options.resolvedParameters)) as IWebhookFunctions['getNodeParameter'],
	});
	return { ctx, req, response, sent, logs, node };
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
