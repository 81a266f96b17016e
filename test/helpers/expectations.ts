/** Shared test expectations: failures of a promise, and the nock lifecycle of HTTP-level tests. */
import nock from 'nock';
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';

/** The error a promise rejects with; fails the test when it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<NodeApiError & NodeOperationError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError & NodeOperationError;
	}
	throw new Error('expected a failure, but the promise resolved');
}

/** nock on, real network off, rate limits reset; every test must use all the replies it set up. */
export function useMomentNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterAll(() => nock.enableNetConnect());
	beforeEach(() => resetRateLimits());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
}
