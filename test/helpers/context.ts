/**
 * Fake n8n node contexts for unit tests: real item / parameter semantics, real HTTP (see
 * n8nHttp.ts), real `returnJsonArray` / `constructExecutionMetaData` from n8n-core.
 */
import { mock } from 'jest-mock-extended';
// n8n-core's own helpers, imported from their modules: the package index loads all of n8n-core
// (about 1.5 s per test file).
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { SentRequest } from './n8nHttp';
import { makeHttpRequestWithAuthentication } from './n8nHttp';

export const BASE_URL = 'https://moment.test';
export const API_KEY = 'dummy-moment-key-4f7c1d2e';
export const COMPANY = 'acme';
/** The path every request of the test company starts with. */
export const PREFIX = `/api/1.0/companies/${COMPANY}`;

export const CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: API_KEY,
	companyCode: COMPANY,
	baseUrl: BASE_URL,
};

export function makeNode(overrides: Partial<INode> = {}): INode {
	return {
		id: 'node-1',
		name: 'Moment',
		type: 'n8n-nodes-moment.moment',
		// what new Moment nodes get (the last of Moment.node.ts `version`); version 1: test/actions/version1.test.ts
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {},
		...overrides,
	};
}

/** Parameters: one object for all items, or a function of the item index. */
export type Parameters = IDataObject | ((itemIndex: number) => IDataObject);

interface ResourceLocatorValue {
	__rl: true;
	mode: string;
	value: unknown;
}

function isResourceLocator(value: unknown): value is ResourceLocatorValue {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

/** A parameter as n8n's getNodeParameter reads it: dot paths, the fallback, a resource locator's value. */
export function readParameter(params: IDataObject, name: string, fallback: unknown, extractValue: boolean) {
	let value: unknown = params;
	for (const part of name.split('.')) {
		value = value && typeof value === 'object' ? (value as IDataObject)[part] : undefined;
	}
	if (value === undefined) {
		// what n8n-core 2.41 throws for a parameter that is not set
		if (fallback === undefined) throw new UserError(`Could not get parameter "${name}"`);
		return fallback;
	}
	if (extractValue && isResourceLocator(value)) return value.value;
	return value;
}

export interface ExecuteContextOptions {
	parameters: Parameters;
	/** The node's typeVersion (default 1.1). */
	typeVersion?: number;
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	node?: INode;
	/** The workflow's time zone (`getTimezone()`); n8n's default America/New_York when not given. */
	timezone?: string;
}

export interface TestContext<T> {
	ctx: T;
	sent: SentRequest[];
	node: INode;
}

export function createExecuteContext(options: ExecuteContextOptions): TestContext<IExecuteFunctions> {
	const node = options.node ?? makeNode(options.typeVersion === undefined ? {} : { typeVersion: options.typeVersion });
	const credentials = options.credentials ?? CREDENTIALS;
	const sent: SentRequest[] = [];
	const items = options.items ?? [{ json: {} }];
	const paramsFor = (i: number) =>
		typeof options.parameters === 'function' ? options.parameters(i) : options.parameters;
	const helpers = {
		httpRequestWithAuthentication: jest.fn(makeHttpRequestWithAuthentication(node, credentials, sent)),
		returnJsonArray: jest.fn(returnJsonArray),
		constructExecutionMetaData: jest.fn(constructExecutionMetaData),
	} as unknown as IExecuteFunctions['helpers'];
	const ctx = mock<IExecuteFunctions>({
		helpers,
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'America/New_York',
		getCredentials: (async () => ({ ...credentials })) as IExecuteFunctions['getCredentials'],
		getNodeParameter: ((name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) =>
			readParameter(paramsFor(itemIndex), name, fallback, opts?.extractValue ?? false)) as IExecuteFunctions['getNodeParameter'],
	});
	return { ctx, sent, node };
}

export function createLoadOptionsContext(
	parameters: IDataObject = {},
	credentials: ICredentialDataDecryptedObject = CREDENTIALS,
): TestContext<ILoadOptionsFunctions> {
	const node = makeNode();
	const sent: SentRequest[] = [];
	const helpers = {
		httpRequestWithAuthentication: jest.fn(makeHttpRequestWithAuthentication(node, credentials, sent)),
	} as unknown as ILoadOptionsFunctions['helpers'];
	const ctx = mock<ILoadOptionsFunctions>({
		helpers,
		getNode: () => node,
		getCredentials: (async () => ({ ...credentials })) as ILoadOptionsFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) =>
			readParameter(parameters, name, fallback, false)) as ILoadOptionsFunctions['getNodeParameter'],
		getCurrentNodeParameter: ((name: string, opts?: { extractValue?: boolean }) =>
			readParameter(parameters, name, null, opts?.extractValue ?? false) ?? undefined) as ILoadOptionsFunctions['getCurrentNodeParameter'],
	});
	return { ctx, sent, node };
}
