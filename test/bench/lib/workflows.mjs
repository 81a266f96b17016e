// The benchmark workflows, as n8n workflow JSON. Each pair does the same job once with this
// package's nodes and once with n8n's built-in nodes, so they can be timed side by side.
import { MOMENT, MOMENT_TRIGGER } from '../../e2e/lib/workflows.mjs';

export const WORKFLOW_IDS = {
	momentReturnAll: 'benchMomentAll01',
	httpReturnAll: 'benchHttpAll0001',
	momentGet: 'benchMomentGet01',
	momentTrigger: 'benchMomentTrig1',
	webhookTrigger: 'benchWebhookTrg1',
	webhookV1Trigger: 'benchWebhookV1T1',
	scaleGet: 'benchScaleGet001',
};
export const WEBHOOK = { momentId: 'bench-moment-trigger', webhookPath: 'bench-webhook', webhookV1Path: 'bench-webhook-v1', scalePath: 'bench-scale' };
export const PAGE_SIZE = 500;

/** The Moment API credential of every benchmark workflow: the simulator's first key. */
export function benchMomentCredential(sim) {
	return { id: 'benchMomentCred1', name: 'Moment (simulator)', type: 'momentApi', data: { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url } };
}

let counter = 0;
function node(name, type, typeVersion, parameters, extra = {}) {
	counter++;
	return {
		id: `bench000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [counter * 220, 0],
		parameters,
		...extra,
	};
}

/** `edges`: [from, to, output]; default: the nodes in a straight line. */
function workflow(id, name, nodes, edges = nodes.slice(1).map((n, i) => [nodes[i].name, n.name, 0])) {
	const connections = {};
	for (const [from, to, output = 0] of edges) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const manual = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
const noOp = (name) => node(name, 'n8n-nodes-base.noOp', 1, {});
const momentCredential = (c) => ({ momentApi: { id: c.id, name: c.name } });

/** 1a. Moment node: Get Many invoices, Return All (the node pages by itself, 500 per page). */
export function momentReturnAll(credential) {
	return workflow(WORKFLOW_IDS.momentReturnAll, 'Bench: Moment Return All invoices', [
		manual(),
		node('Moment Return All', MOMENT, 1.1, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: {}, simple: false, options: {} }, { credentials: momentCredential(credential) }),
	]);
}

/**
 * 1b. The same with n8n's HTTP Request node (v4.2) and its own pagination option: `page` from
 * $pageCount (0-based), `size=500`, complete when the page just read is the last one
 * ($response.body.page.totalPages), Basic auth credential; then Split Out of `content`.
 */
export function httpReturnAll({ basicCredential, apiBaseUrl }) {
	return workflow(WORKFLOW_IDS.httpReturnAll, 'Bench: HTTP Request paginated invoices', [
		manual(),
		node(
			'HTTP Request Pages',
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				method: 'GET',
				url: `${apiBaseUrl}/invoices`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpBasicAuth',
				sendQuery: true,
				specifyQuery: 'keypair',
				queryParameters: { parameters: [{ name: 'size', value: String(PAGE_SIZE) }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.page.number + 1 >= $response.body.page.totalPages }}',
							limitPagesFetched: false,
							requestInterval: 0,
						},
					},
				},
			},
			{ credentials: { httpBasicAuth: { id: basicCredential.id, name: basicCredential.name } } },
		),
		node('Split Out Content', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'content', include: 'noOtherFields', options: {} }),
	]);
}

/**
 * 2. 300 ids (Set, raw JSON) → Split Out → Moment Get per item with "Continue (using error output)";
 * Parallel Requests is the node's default unless `parallelRequests` is given.
 */
export function momentGet({ credential, ids, parallelRequests }) {
	const options = parallelRequests === undefined ? {} : { parallelRequests };
	return workflow(
		WORKFLOW_IDS.momentGet,
		'Bench: Moment Get by id',
		[
			manual(),
			node('Invoice IDs', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ ids }), options: {} }),
			node('One Item Per ID', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} }),
			node('Moment Get', MOMENT, 1.1, { resource: 'invoice', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.ids }}' }, simple: false, options }, {
				credentials: momentCredential(credential),
				onError: 'continueErrorOutput',
			}),
			noOp('Found'),
			noOp('Failed'),
		],
		[
			['Start', 'Invoice IDs'],
			['Invoice IDs', 'One Item Per ID'],
			['One Item Per ID', 'Moment Get'],
			['Moment Get', 'Found', 0],
			['Moment Get', 'Failed', 1],
		],
	);
}

/** 3a. Moment Trigger (invoice events, no Secret, Fetch Full Record off unless asked) → NoOp. */
export function momentTriggerWorkflow({ credential, fetchFullRecord = false }) {
	return workflow(WORKFLOW_IDS.momentTrigger, 'Bench: Moment Trigger → NoOp', [
		node('Moment Trigger', MOMENT_TRIGGER, 1.1, { eventSource: 'invoice', secret: '', events: '', fetchFullRecord, include: '' }, {
			webhookId: WEBHOOK.momentId,
			credentials: momentCredential(credential),
		}),
		noOp('Downstream'),
	]);
}

/**
 * 3b. n8n's Webhook node (POST, respond immediately) → NoOp. Version 2 is the current one;
 * version 1 is a control: n8n 2.x takes an expression isolate for every webhook request whose
 * start node is not a Webhook node of version 2 or later (live-webhooks.js,
 * webhookPhaseNeedsIsolate), which is what every community trigger pays too.
 */
export function webhookTriggerWorkflow(typeVersion = 2) {
	const v1 = typeVersion === 1;
	return workflow(v1 ? WORKFLOW_IDS.webhookV1Trigger : WORKFLOW_IDS.webhookTrigger, `Bench: Webhook v${typeVersion} → NoOp`, [
		node('Webhook', 'n8n-nodes-base.webhook', typeVersion, { httpMethod: 'POST', path: v1 ? WEBHOOK.webhookV1Path : WEBHOOK.webhookPath, responseMode: 'onReceived', options: {} }, { webhookId: v1 ? 'bench-webhook-v1-node' : 'bench-webhook-node' }),
		noOp('Downstream'),
	]);
}

/** The three triggers of benchmark 3: URL and workflow of each. */
export function triggerTargets(baseUrl) {
	return {
		moment: { url: `${baseUrl}/webhook/${WEBHOOK.momentId}/webhook`, workflowId: WORKFLOW_IDS.momentTrigger },
		webhook: { url: `${baseUrl}/webhook/${WEBHOOK.webhookPath}`, workflowId: WORKFLOW_IDS.webhookTrigger },
		webhookV1: { url: `${baseUrl}/webhook/${WEBHOOK.webhookV1Path}`, workflowId: WORKFLOW_IDS.webhookV1Trigger },
	};
}

/**
 * 4. The scale benchmark's workflow, run by queue-mode workers: Webhook (POST {run, ids}, respond
 * immediately) → Split Out the ids → Moment Get per id (Parallel Requests: the node default;
 * "Continue (using error output)") → Aggregate each output → HTTP Request POSTs
 * {run, records} to `${recorderUrl}/scale/found` and {run, errors} to `.../scale/failed`.
 */
export function scaleGetWorkflow({ credential, recorderUrl }) {
	const report = (name, branch, field) =>
		node(name, 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'POST',
			url: `${recorderUrl}/scale/${branch}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ run: $('Webhook').first().json.body.run, ${field}: $json.${field} }) }}`,
			options: {},
		});
	const aggregate = (name, field) => node(name, 'n8n-nodes-base.aggregate', 1, { aggregate: 'aggregateAllItemData', destinationFieldName: field, options: {} });
	return workflow(
		WORKFLOW_IDS.scaleGet,
		'Bench: queue-mode workers, Moment Get by id',
		[
			node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK.scalePath, responseMode: 'onReceived', options: {} }, { webhookId: 'bench-scale-webhook' }),
			node('One Item Per ID', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.ids', include: 'noOtherFields', options: { destinationFieldName: 'id' } }),
			node('Moment Get', MOMENT, 1, { resource: 'invoice', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: {} }, {
				credentials: momentCredential(credential),
				onError: 'continueErrorOutput',
			}),
			aggregate('Found', 'records'),
			aggregate('Failed', 'errors'),
			report('Report Found', 'found', 'records'),
			report('Report Failed', 'failed', 'errors'),
		],
		[
			['Webhook', 'One Item Per ID'],
			['One Item Per ID', 'Moment Get'],
			['Moment Get', 'Found', 0],
			['Moment Get', 'Failed', 1],
			['Found', 'Report Found'],
			['Failed', 'Report Failed'],
		],
	);
}
