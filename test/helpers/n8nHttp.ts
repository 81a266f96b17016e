/**
 * What n8n does when a node calls `this.helpers.httpRequestWithAuthentication('momentApi', options)`:
 * apply the credential's `authenticate` block, send the request with n8n's own HTTP client
 * (@n8n/backend-network, the version n8n-core 2.41.2, in n8n 2.41.3, uses), and wrap failures in a NodeApiError.
 * Tests therefore exercise real HTTP (intercepted by nock), real Basic auth and real error shapes.
 */
// n8n-core does `Container.get(OutboundHttp).requests().request(options)`; SSRF protection is off
// by default in n8n, as here.
let outbound: ReturnType<OutboundHttp['requests']> | undefined;
function n8nHttpClient() {
	outbound ??= new OutboundHttp(undefined as never, { enabled: false } as never, undefined as never).requests();
	return outbound;
}
import { OutboundHttp } from '@n8n/backend-network';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MomentApi } from '../../credentials/MomentApi.credentials';

/** Resolves `={{$credentials.x}}` or a literal, the only forms the credential uses. */
function resolve(value: string, credentials: ICredentialDataDecryptedObject): string {
	const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	return match ? String(credentials[match[1]]) : value;
}

export function applyMomentAuthentication(
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestOptions {
	const { auth } = new MomentApi().authenticate.properties as { auth: { username: string; password: string } };
	return {
		...options,
		auth: { username: resolve(auth.username, credentials), password: resolve(auth.password, credentials) },
	};
}

/** Records every request the node sent (after authentication), for assertions. */
export interface SentRequest {
	options: IHttpRequestOptions;
}

export function makeHttpRequestWithAuthentication(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	sent: SentRequest[] = [],
) {
	return async function httpRequestWithAuthentication(credentialType: string, options: IHttpRequestOptions) {
		if (credentialType !== 'momentApi') throw new Error(`unexpected credential type ${credentialType}`);
		const authenticated = applyMomentAuthentication(options, credentials);
		sent.push({ options: authenticated });
		try {
			return await n8nHttpClient().request(authenticated);
		} catch (error) {
			throw new NodeApiError(node, error);
		}
	};
}

/**
 * The error n8n 1.123.81 throws where 2.41 throws `error`: n8n-workflow 1.120.31's
 * ExecutionBaseError declares a `cause` class field, which resets the cause that Error's
 * constructor set (dist/cjs/errors/abstract/execution-base.error.js), so its NodeApiError carries
 * neither the axios error nor its code; the message is n8n's generic text and the original message
 * is only in `messages`. Seen in a real run (e2e, n8n 1.123.81): a timeout reached the node as
 * "The connection was aborted, perhaps the server is offline", without a code.
 */
export function asN8n1Error(error: unknown): unknown {
	if (error instanceof NodeApiError) (error as { cause?: unknown }).cause = undefined;
	return error;
}

/** Makes a context's HTTP helper throw its errors the way n8n 1.123.81 does (`asN8n1Error`). */
export function throwLikeN8n1(helpers: { httpRequestWithAuthentication: unknown }): void {
	const mocked = helpers.httpRequestWithAuthentication as jest.Mock;
	const real = mocked.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
	mocked.mockImplementation(async (...args: unknown[]) => {
		try {
			return await real(...args);
		} catch (error) {
			throw asN8n1Error(error);
		}
	});
}
