/**
 * Check Compatibility when things go wrong: a wrong key or company (the check stops with the
 * credential's error instead of a page of "differs"), a path Moment does not have, a resource the
 * API user may not read, Moment failing; its bounds (request budget, time limit); and that AI
 * agents are not offered it.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { findResource } from '../../nodes/Moment/catalog';
import { probeResource } from '../../nodes/Moment/resources/momentApi/probes';
import { MAX_REQUESTS, resourceItems } from '../../nodes/Moment/resources/momentApi/checkCompatibility';
import { openConnection } from '../../nodes/Moment/transport/request';
import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import { createExecuteContext, makeNode } from '../helpers/context';
import { DESCRIPTION } from '../actions/screens';
import { runMomentOnSimulator } from '../helpers/momentNode';
import { credentialsFor } from '../simulator/httpClient';
import type { Simulator } from '../simulator/index';
import { startSimulator } from '../simulator/index';

jest.setTimeout(60000);

const CHECK = { resource: 'momentApi', operation: 'checkCompatibility' };

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset();
	resetRateLimits();
});

const byKey = (items: IDataObject[] | undefined, key: string) => items?.find((item) => item.key === key);

describe('a wrong credential stops the check with its error', () => {
	it('a wrong API key: "Moment rejected the API key (401)", after at most three requests', async () => {
		const run = await runMomentOnSimulator(sim, { parameters: CHECK, credentials: credentialsFor(sim, 'not-the-key') });
		expect(run.error?.message).toBe('Moment rejected the API key (401): it is wrong, revoked or expired');
		expect(sim.log().length).toBeLessThanOrEqual(3);
	});

	it('a wrong company code: every list answers 404, and the check says to look at the credential', async () => {
		const run = await runMomentOnSimulator(sim, { parameters: CHECK, credentials: { ...credentialsFor(sim), companyCode: 'nosuchco' } });
		expect(run.error?.message).toBe('Moment found none of the 10 lists (404 for every one)');
		expect(run.error?.description).toContain('Check the Company Code');
	});

	it('an unreachable Moment: the transport\'s "Could not reach Moment" error', async () => {
		const run = await runMomentOnSimulator(sim, { parameters: CHECK, credentials: { ...credentialsFor(sim), baseUrl: 'http://127.0.0.1:9' } });
		expect(run.error?.message).toMatch(/^Could not reach Moment for .*: the connection was refused$/);
	});

	it('with Continue On Fail, the error becomes one item paired with the first input item', async () => {
		const run = await runMomentOnSimulator(sim, { parameters: CHECK, credentials: credentialsFor(sim, 'not-the-key'), continueOnFail: true, items: [{ json: {} }, { json: {} }] });
		expect(run.items).toEqual([{ json: { error: 'Moment rejected the API key (401): it is wrong, revoked or expired', message: expect.stringContaining('paste the key again') }, pairedItem: { item: 0 } }]);
	});
});

describe('one resource Moment does not serve', () => {
	it('a path that answers 404 (claims: assumed, not documented): that item differs, the others of the resource are not tried', async () => {
		sim.setFaults([{ status: 404, path: '/claims', every: 1 }]);
		const { items } = await runMomentOnSimulator(sim, { parameters: CHECK });
		const json = items?.map((item) => item.json);
		expect(byKey(json, 'claim.path')).toMatchObject({ verdict: 'differs', observed: '404', assumption: '/claims exists (a guess)', advice: expect.stringMatching(/^Don't use claims\..*Say which path Moment uses/) });
		const otherClaimItems = json?.filter((item) => item.resource === 'Claim' && item.key !== 'claim.path');
		expect(otherClaimItems?.every((item) => item.verdict === 'cannot tell' && /^(not tried: )?the list could not be read \(404\)$/.test(String(item.observed)))).toBe(true);
		expect(json?.filter((item) => item.resource !== 'Claim' && item.verdict === 'differs')).toEqual([]);
		// nothing more than the one list read was asked about claims
		expect(sim.log().filter((entry) => entry.entity === 'claims')).toHaveLength(1);
	});

	it('a resource the API user may not read (403): cannot tell, and the advice says to give the user access', async () => {
		sim.setFaults([{ status: 403, path: '/tasks', every: 1 }]);
		const { items } = await runMomentOnSimulator(sim, { parameters: CHECK });
		expect(byKey(items?.map((item) => item.json), 'task.path')).toMatchObject({ verdict: 'cannot tell', observed: '403', advice: expect.stringContaining("Give the API key's user access to it") });
	});

	it('Moment failing on one read (503 on every attempt): that item cannot tell, the rest holds', async () => {
		sim.setFaults([{ status: 503, path: 'sort=id', every: 1 }]);
		const { items } = await runMomentOnSimulator(sim, { parameters: CHECK });
		const json = items?.map((item) => item.json) ?? [];
		const unsure = json.filter((item) => item.verdict === 'cannot tell' && item.observed !== 'not tested');
		expect(unsure.map((item) => [item.key, item.observed])).toEqual(
			json.filter((item) => String(item.key).endsWith('.sort')).map((item) => [item.key, '503']),
		);
	});
});

describe('bounds', () => {
	async function readsWith(session: { maxRequests: number; deadline: number }) {
		const { ctx } = createExecuteContext({ parameters: CHECK, credentials: credentialsFor(sim) });
		const full = { connection: await openConnection.call(ctx, 0), requests: 0, ...session };
		const reads = await probeResource.call(ctx, full, findResource('invoice')!);
		return { items: resourceItems(reads), requests: full.requests };
	}

	it(`never sends more than its request budget (${MAX_REQUESTS} for the whole check): what is left is "not sent"`, async () => {
		const { items, requests } = await readsWith({ maxRequests: 3, deadline: Date.now() + 60000 });
		expect(requests).toBe(3);
		expect(sim.log()).toHaveLength(3);
		expect(byKey(items, 'invoice.createdDateFrom')).toMatchObject({ verdict: 'cannot tell', observed: 'not sent: request budget' });
		expect(byKey(items, 'invoice.get')).toMatchObject({ verdict: 'holds' });
	});

	it('starts no request after its time limit', async () => {
		const { items, requests } = await readsWith({ maxRequests: 99, deadline: Date.now() - 1 });
		expect(requests).toBe(0);
		expect(sim.log()).toHaveLength(0);
		expect(byKey(items, 'invoice.path')).toMatchObject({ verdict: 'cannot tell', observed: 'not sent: time' });
	});
});

describe('not for AI agents', () => {
	it("the Resource list of the node's tool variant (momentTool) offers neither Moment API nor Event, and every other resource; the node's own offers all", () => {
		const resource = DESCRIPTION.properties.find((property) => property.name === 'resource')!;
		const options = resource.options as INodePropertyOptions[];
		// the editor's own filter of options (getParameterDisplayableOptions) is this call
		const offered = (tool: boolean) =>
			options
				.filter((option) => NodeHelpers.displayParameter({ resource: 'invoice' }, option, { typeVersion: 1.1 }, { ...DESCRIPTION, name: tool ? 'momentTool' : 'moment' }, undefined, 'displayOptions'))
				.map((option) => option.value);
		const all = options.map((option) => option.value);
		expect(offered(false)).toEqual(all);
		expect(offered(true)).toEqual(all.filter((value) => value !== 'momentApi' && value !== 'event'));
	});

	it('a tool that names it anyway is refused before any request', async () => {
		const { ctx } = createExecuteContext({ parameters: CHECK, credentials: credentialsFor(sim), node: makeNode({ type: 'n8n-nodes-moment.momentTool' }) });
		const { Moment } = await import('../../nodes/Moment/Moment.node');
		await expect(new Moment().execute.call(ctx)).rejects.toThrow('Check Compatibility is not available to AI agents');
		expect(sim.log()).toHaveLength(0);
	});
});
