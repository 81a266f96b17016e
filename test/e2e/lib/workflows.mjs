// The scenario workflows, built as plain n8n workflow JSON (what `n8n import:workflow` reads).
// Node types are the ones n8n gives a community package installed in nodes/node_modules.
export const MOMENT = 'n8n-nodes-moment.moment';
export const MOMENT_TRIGGER = 'n8n-nodes-moment.momentTrigger';
export const MOMENT_POLL_TRIGGER = 'n8n-nodes-moment.momentPollTrigger';

/**
 * n8n's Poll Times for a poll every `seconds` s: one custom cron per second of the minute, each
 * with a fixed second. n8n refuses a cron that fires more than once a minute ("* * * * * *",
 * "*\/5 ...", "0,30 ..."), but not several Poll Times, so this is the shortest schedule it accepts.
 */
export function pollEvery(seconds) {
	const item = [];
	for (let second = 0; second < 60; second += seconds) item.push({ mode: 'custom', cronExpression: `${second} * * * * *` });
	return { item };
}

/** Resource values of the action node, and the simulator entity behind each. */
export const RESOURCES = [
	{ value: 'claim', entity: 'claims', label: 'Claim' },
	{ value: 'customer', entity: 'customers', label: 'Customer' },
	{ value: 'invoice', entity: 'invoices', label: 'Invoice' },
	{ value: 'offer', entity: 'offers', label: 'Offer' },
	{ value: 'project', entity: 'projects', label: 'Project' },
];

let nodeCounter = 0;
function node(name, type, typeVersion, parameters, extra = {}) {
	nodeCounter++;
	return {
		id: `e2e00000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [(nodeCounter % 6) * 240, Math.floor(nodeCounter / 6) * 160],
		parameters,
		...extra,
	};
}

/** edges: [from, to, outputIndex = 0] */
function workflow(id, name, nodes, edges) {
	const connections = {};
	for (const [from, to, output = 0] of edges) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all', saveManualExecutions: true },
		pinData: {},
	};
}

const credentialRef = (credential) => ({ momentApi: { id: credential.id, name: credential.name } });
const manual = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

function moment(name, credential, parameters, extra = {}) {
	return node(name, MOMENT, 1.1, parameters, { credentials: credentialRef(credential), ...extra });
}

/** A Moment node as workflows saved with version 1 of the node have it. */
function momentVersion1(name, credential, parameters) {
	return node(name, MOMENT, 1, parameters, { credentials: credentialRef(credential) });
}

/** HTTP Request node that POSTs the item as JSON to `url`. */
export function postJson(name, url) {
	return node(name, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	});
}

/** Scenario 1: Moment Trigger (invoice, secret, full record) → Set → HTTP Request to the recorder. */
export function triggerWorkflow({ id, credential, secret, webhookId, recorderUrl }) {
	const trigger = node('Moment Trigger', MOMENT_TRIGGER, 1.1, { eventSource: 'invoice', secret, events: '', fetchFullRecord: true, include: '' }, {
		webhookId,
		credentials: credentialRef(credential),
	});
	const set = node('Mark', 'n8n-nodes-base.set', 3.4, {
		mode: 'manual',
		includeOtherFields: true,
		assignments: { assignments: [{ id: 'e2e-mark', name: 'seenBySet', value: '={{ "yes:" + $json.record.invoiceNumber }}', type: 'string' }] },
		options: {},
	});
	const post = postJson('Post to recorder', `${recorderUrl}/trigger`);
	return workflow(id, 'E2E: invoice trigger → Set → HTTP', [trigger, set, post], [
		['Moment Trigger', 'Mark'],
		['Mark', 'Post to recorder'],
	]);
}

/** Every Event Source of the Moment Trigger, with the payload key and number field it is assumed to use. */
export const TRIGGER_SOURCES = [
	{ value: 'claim', key: 'claim', numberField: 'claimNumber', documented: false },
	{ value: 'customer', key: 'customer', numberField: 'customerNumber', documented: false },
	{ value: 'invoice', key: 'invoice', numberField: 'invoiceNumber', documented: true },
	{ value: 'offer', key: 'offer', numberField: 'offerNumber', documented: false },
	{ value: 'offerDecision', key: 'offer', numberField: 'offerNumber', documented: false },
	{ value: 'project', key: 'project', numberField: 'projectNumber', documented: false },
];

/** A version 2 Moment Trigger; `webhookCredential` (optional) makes it check a secret token. */
export function momentTriggerV2(name, { eventSource, webhookId, webhookCredential, fetchFullRecord = false, options = {}, momentCredential }) {
	const credentials = {};
	if (webhookCredential) credentials.momentWebhookApi = { id: webhookCredential.id, name: webhookCredential.name };
	if (momentCredential) Object.assign(credentials, credentialRef(momentCredential));
	const parameters = { eventSource, authentication: webhookCredential ? 'secretToken' : 'none', fetchFullRecord, options };
	return node(name, MOMENT_TRIGGER, 2, parameters, { webhookId, ...(Object.keys(credentials).length > 0 ? { credentials } : {}) });
}

/**
 * One version 2 trigger per Event Source, all checking the secret of `webhookCredential`, each
 * straight into an HTTP Request node that posts the item to `${recorderUrl}/shapes/<source>`.
 */
export function shapesWorkflow({ id, webhookCredential, recorderUrl, webhookIdPrefix }) {
	const nodes = TRIGGER_SOURCES.map((source) => momentTriggerV2(`Trigger ${source.value}`, { eventSource: source.value, webhookId: `${webhookIdPrefix}-${source.value}`, webhookCredential }));
	const post = postJson('Post to recorder', `=${recorderUrl}/shapes/{{ $json.source }}`);
	return workflow(id, 'E2E: every Event Source, any payload shape', [...nodes, post], nodes.map((trigger) => [trigger.name, post.name]));
}

/** A workflow with one Moment Trigger (any version and parameters) and a No Operation node. */
export function singleTriggerWorkflow({ id, name, trigger }) {
	const noop = node('Done', 'n8n-nodes-base.noOp', 1, {});
	return workflow(id, name, [trigger, noop], [[trigger.name, noop.name]]);
}

/** A Moment Trigger node of `typeVersion` with the given parameters and credentials, as a user saved it. */
export function momentTriggerNode(name, typeVersion, parameters, { webhookId, credentials } = {}) {
	return node(name, MOMENT_TRIGGER, typeVersion, parameters, { webhookId, ...(credentials ? { credentials } : {}) });
}

/**
 * Scenario 6: Moment Poll Trigger (`parameters`, a poll every `seconds` s) → HTTP Request posting
 * each item, with the execution's id, to the recorder at `/poll/<id>`.
 */
export function pollWorkflow({ id, credential, recorderUrl, parameters, seconds }) {
	const poll = node('Moment Poll Trigger', MOMENT_POLL_TRIGGER, 1, { pollTimes: pollEvery(seconds), ...parameters }, { credentials: credentialRef(credential) });
	const post = node('Post to recorder', 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: `${recorderUrl}/poll/${id}`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ ...$json, executionId: $execution.id }) }}',
		options: {},
	});
	return workflow(id, `E2E: poll trigger (${id})`, [poll, post], [['Moment Poll Trigger', 'Post to recorder']]);
}

/**
 * Scenario 2: for every resource, Get Many (Return All) and Get by ID, each straight from the
 * manual trigger (one run each); plus Get Many with a Limit + Simplify and a Get with Include.
 */
export function readResourcesWorkflow({ id, credential, ids }) {
	const nodes = [manual()];
	const edges = [];
	for (const r of RESOURCES) {
		nodes.push(moment(`Get Many ${r.label}s`, credential, { resource: r.value, operation: 'getAll', returnAll: true, filters: {}, simple: false, options: {} }));
		nodes.push(moment(`Get ${r.label}`, credential, { resource: r.value, operation: 'get', id: byId(ids[r.value]), simple: false, options: {} }));
		edges.push(['Start', `Get Many ${r.label}s`], ['Start', `Get ${r.label}`]);
	}
	// Simplify left at its default (on): n8n stores no `simple` parameter
	nodes.push(moment('Get 7 Invoices Simplified', credential, { resource: 'invoice', operation: 'getAll', returnAll: false, limit: 7, filters: {}, options: {} }));
	nodes.push(moment('Get Customer With Email', credential, { resource: 'customer', operation: 'get', id: byId(ids.customer), simple: false, options: { include: 'base+email' } }));
	edges.push(['Start', 'Get 7 Invoices Simplified'], ['Start', 'Get Customer With Email']);
	return workflow(id, 'E2E: read every resource', nodes, edges);
}

/** Scenario 3a: Create a customer → Update it (name) → Get it. */
export function createUpdateWorkflow({ id, credential, name, newName, city }) {
	return workflow(id, 'E2E: create + update a customer', [
		manual(),
		moment('Create Customer', credential, { resource: 'customer', operation: 'create', name, additionalFields: {}, otherFieldsJson: JSON.stringify({ city }), options: {} }),
		moment('Update Customer', credential, { resource: 'customer', operation: 'update', id: byId('={{ $json.id }}'), updateFields: { name: newName }, otherFieldsJson: '{}', options: {} }),
		moment('Get Customer', credential, { resource: 'customer', operation: 'get', id: byId('={{ $json.id }}'), simple: false, options: {} }),
	], [
		['Start', 'Create Customer'],
		['Create Customer', 'Update Customer'],
		['Update Customer', 'Get Customer'],
	]);
}

/** Scenario 3b: Delete the customer whose id the runner passes as $env.E2E_DELETE_ID. */
export function deleteWorkflow({ id, credential }) {
	return workflow(id, 'E2E: delete a customer', [
		manual(),
		moment('Delete Customer', credential, { resource: 'customer', operation: 'delete', id: byId('={{ $env.E2E_DELETE_ID }}'), options: {} }),
	], [['Start', 'Delete Customer']]);
}

/**
 * Scenario 4: three ids (good, unknown, good) → Get Invoice with "On Error: Continue (using error
 * output)" → good ones on output 0, the failure on output 1.
 */
export function errorOutputWorkflow({ id, credential, invoiceIds }) {
	return workflow(id, 'E2E: failed Get goes to the error output', [
		manual(),
		node('Invoice IDs', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ ids: invoiceIds.map(String) }), options: {} }),
		node('One Item Per ID', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} }),
		moment('Get Invoice', credential, { resource: 'invoice', operation: 'get', id: byId('={{ $json.ids }}'), simple: false, options: { parallelRequests: 1 } }, { onError: 'continueErrorOutput' }),
		node('Found', 'n8n-nodes-base.noOp', 1, {}),
		node('Failed', 'n8n-nodes-base.noOp', 1, {}),
	], [
		['Start', 'Invoice IDs'],
		['Invoice IDs', 'One Item Per ID'],
		['One Item Per ID', 'Get Invoice'],
		['Get Invoice', 'Found', 0],
		['Get Invoice', 'Failed', 1],
	]);
}

/**
 * Scenario 6: a workflow saved with version 1 of the node: Create with "Fields" and "Additional
 * Fields (JSON)", Get with the Simplify option and without it, and a Get whose node has no
 * `resource` parameter (version 1 opened on Claim, so n8n left it out).
 */
export function version1Workflow({ id, credential, claimId, name }) {
	return workflow(id, 'E2E: a version-1 Moment node', [
		manual(),
		momentVersion1('Create Project V1', credential, { resource: 'project', operation: 'create', name, fields: { projectState: 'notStarted' }, additionalFieldsJson: '{"description": "from v1"}', options: {} }),
		momentVersion1('Get Project V1', credential, { resource: 'project', operation: 'get', id: byId('={{ $json.id }}'), options: {} }),
		momentVersion1('Get Project V1 Simplified', credential, { resource: 'project', operation: 'get', id: byId('={{ $json.id }}'), options: { simplify: true } }),
		momentVersion1('Get Claim V1 Default Resource', credential, { operation: 'get', id: byId(claimId), options: {} }),
	], [
		['Start', 'Create Project V1'],
		['Create Project V1', 'Get Project V1'],
		['Get Project V1', 'Get Project V1 Simplified'],
		['Start', 'Get Claim V1 Default Resource'],
	]);
}

/**
 * Scenario 7: three customers to create, the second refused by Moment (an unknown state): the
 * node fails on item 1, and its error names the customer created for item 0.
 */
export function failedWriteWorkflow({ id, credential, names }) {
	const rows = names.map((name, index) => ({ name, state: index === 1 ? 'no such state' : 'active' }));
	return workflow(id, 'E2E: a failed Create names what was created', [
		manual(),
		node('Customers', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} }),
		node('One Item Per Customer', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'rows', include: 'noOtherFields', options: {} }),
		moment('Create Customers', credential, {
			resource: 'customer',
			operation: 'create',
			name: '={{ $json.name }}',
			additionalFields: {},
			otherFieldsJson: '={{ JSON.stringify({ customerState: $json.state }) }}',
			options: {},
		}),
	], [
		['Start', 'Customers'],
		['Customers', 'One Item Per Customer'],
		['One Item Per Customer', 'Create Customers'],
	]);
}

/**
 * Scenario 8: n8n's HTTP Request node with the Moment API credential as a predefined credential
 * type, for what the Moment node does not cover: reads one invoice by its URL.
 */
export function httpRequestWorkflow({ id, credential, url }) {
	return workflow(id, 'E2E: HTTP Request with the Moment API credential', [
		manual(),
		node('HTTP Request Moment', 'n8n-nodes-base.httpRequest', 4.2, {
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'momentApi',
			options: {},
		}, { credentials: credentialRef(credential) }),
	], [['Start', 'HTTP Request Moment']]);
}

/**
 * Time records: Create (the membership looked up by the node, the date from an ISO string with an
 * offset, the duration typed as 1h 45m) → Get it → Get Many of that user on that day (Moment
 * ignores the range; the node must return only that day's records).
 */
export function timeRecordWorkflow({ id, credential, projectId, activityId, userId, day }) {
	return workflow(id, 'E2E: create then get a time record', [
		manual(),
		moment('Create Time Record', credential, {
			resource: 'timeRecord',
			operation: 'create',
			projectId: byId(projectId),
			projectExtensionId: byId(activityId),
			userAccountId: byId(userId),
			timeRecordDate: `${day}T00:00:00.000+13:00`,
			minutes: '1h 45m',
			additionalFields: { description: 'E2E round trip', internalNote: 'from n8n' },
			otherFieldsJson: '{}',
			options: {},
		}),
		moment('Get Time Record', credential, { resource: 'timeRecord', operation: 'get', id: byId('={{ $json.id }}'), simple: false, options: {} }),
		moment('Get Day of User', credential, {
			resource: 'timeRecord',
			operation: 'getAll',
			returnAll: true,
			filters: { userAccountId: String(userId), fromDate: day, toDate: day },
			simple: false,
			options: {},
		}),
	], [
		['Start', 'Create Time Record'],
		['Create Time Record', 'Get Time Record'],
		['Get Time Record', 'Get Day of User'],
	]);
}

/** Moment API > Check Compatibility, straight from the manual trigger. */
export function compatibilityWorkflow({ id, credential }) {
	return workflow(id, 'E2E: check compatibility', [manual(), moment('Check Compatibility', credential, { resource: 'momentApi', operation: 'checkCompatibility' })], [
		['Start', 'Check Compatibility'],
	]);
}

/** A redirecting Moment: Get the invoice whose id the runner passes as $env.E2E_INVOICE_ID. */
export function getInvoiceWorkflow({ id, credential }) {
	return workflow(id, 'E2E: get one invoice', [
		manual(),
		moment('Get Invoice', credential, { resource: 'invoice', operation: 'get', id: byId('={{ $env.E2E_INVOICE_ID }}'), simple: false, options: {} }),
	], [['Start', 'Get Invoice']]);
}

/** A redirecting Moment: Create a customer named `name`. */
export function createCustomerWorkflow({ id, credential, name }) {
	return workflow(id, 'E2E: create one customer', [
		manual(),
		moment('Create Customer', credential, { resource: 'customer', operation: 'create', name, additionalFields: {}, otherFieldsJson: '{}', options: {} }),
	], [['Start', 'Create Customer']]);
}

/** Items of output `output` of `nodeName` in an `n8n execute` result (first run). */
export function outputItems(run, nodeName, output = 0) {
	return (run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** The error of `nodeName` in an `n8n execute` result, if it failed. */
export function nodeError(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}

/**
 * The repeat filter as the examples use it (scenarios/repeats.mjs): Moment Trigger (invoices, secret
 * token, Fetch Full Record, only CREATE_NEW) → Moment: Event > Pass Each Once (Key Automatic, so
 * changeKey; Remember the Last `rememberLast`; Repeats to a second output) → one HTTP Request per
 * output, posting `{ id, changeKey, executionId }` to `${recorderUrl}/repeats/new` or `/repeats/repeat`.
 */
export function repeatFilterWorkflow({ id, credential, webhookCredential, webhookId, recorderUrl, rememberLast }) {
	const trigger = momentTriggerV2('Invoice Finalized', { eventSource: 'invoice', webhookId, webhookCredential, fetchFullRecord: true, options: { events: 'CREATE_NEW' }, momentCredential: credential });
	const filter = node('Once per Invoice', MOMENT, 1.1, { resource: 'event', operation: 'passEachOnce', key: 'automatic', rememberLast, repeats: 'output' });
	const post = (name, path) =>
		node(name, 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'POST',
			url: `${recorderUrl}/repeats/${path}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ id: $json.id, changeKey: $json.changeKey, executionId: $execution.id }) }}',
			options: {},
		});
	return workflow(id, 'E2E: each invoice once (Pass Each Once)', [trigger, filter, post('Post New', 'new'), post('Post Repeat', 'repeat')], [
		[trigger.name, filter.name],
		[filter.name, 'Post New', 0],
		[filter.name, 'Post Repeat', 1],
	]);
}
