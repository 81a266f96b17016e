// Scenarios 2-4: the action node run by `n8n execute` (no server needed), asserted on the run data
// n8n printed and on the simulator's data and request log.
import {
	createUpdateWorkflow,
	deleteWorkflow,
	errorOutputWorkflow,
	failedWriteWorkflow,
	httpRequestWorkflow,
	nodeError,
	outputItems,
	readResourcesWorkflow,
	RESOURCES,
	version1Workflow,
} from '../lib/workflows.mjs';
import { timeRecordWorkflows } from './timeRecords.mjs';

const PAGE_SIZE = 500; // what the node asks Moment for (transport/pagination.ts)
const ID = {
	read: 'e2eReadResource1',
	create: 'e2eCrudCreate001',
	delete: 'e2eCrudDelete001',
	error: 'e2eErrorOutput01',
	version1: 'e2eNodeVersion01',
	failedWrite: 'e2eFailedWrite01',
	http: 'e2eHttpRequest01',
};

/** Workflows of these scenarios, built from the simulator's data (imported before they run). */
export function actionWorkflows({ sim, credential, stamp }) {
	const ids = {};
	for (const r of RESOURCES) {
		const all = sim.data(r.entity);
		ids[r.value] = all[Math.floor(all.length / 2)].id; // one from the middle, not page 0's first
	}
	const invoices = sim.data('invoices');
	const unknownInvoiceId = Math.max(...invoices.map((i) => i.id)) + 7777777;
	const names = { name: `E2E Customer ${stamp}`, newName: `E2E Customer ${stamp} (renamed)`, city: 'Bergen' };
	const writeNames = ['first', 'refused', 'never'].map((label) => `E2E ${label} ${stamp}`);
	const httpInvoice = invoices[5];
	const timeRecords = timeRecordWorkflows({ sim, credential });
	return {
		timeRecords,
		ids,
		names,
		writeNames,
		v1ProjectName: `E2E v1 project ${stamp}`,
		httpInvoiceId: httpInvoice.id,
		goodInvoiceIds: [invoices[3].id, invoices[invoices.length - 2].id],
		unknownInvoiceId,
		failingInvoiceId: invoices[10].id, // answered 500 by an injected fault
		workflows: [
			readResourcesWorkflow({ id: ID.read, credential, ids }),
			createUpdateWorkflow({ id: ID.create, credential, ...names }),
			deleteWorkflow({ id: ID.delete, credential }),
			errorOutputWorkflow({ id: ID.error, credential, invoiceIds: [invoices[3].id, unknownInvoiceId, invoices[10].id, invoices[invoices.length - 2].id] }),
			version1Workflow({ id: ID.version1, credential, claimId: ids.claim, name: `E2E v1 project ${stamp}` }),
			failedWriteWorkflow({ id: ID.failedWrite, credential, names: writeNames }),
			httpRequestWorkflow({ id: ID.http, credential, url: `${sim.url}/api/1.0/companies/${sim.companyCode}/invoices/${httpInvoice.id}/include/base` }),
			timeRecords.workflow,
		],
	};
}

const listRequests = (log, entity, size) =>
	log.filter((e) => e.method === 'GET' && e.entity === entity && e.id === undefined && (size === undefined || Number(e.query.size) === size));
const sortedIds = (records) => records.map((r) => r.id).sort((a, b) => a - b);

/** Scenario 2: Get and Get Many (Return All over several pages) for every resource. */
export async function readEveryResource({ n8n, sim, checks, setup }) {
	sim.clearLog();
	const run = await n8n.execute(ID.read);
	checks.ok(run.status === 'success' && run.exitCode === 0, `read workflow ran successfully (status ${run.status}, exit ${run.exitCode})`, run.data?.resultData?.error?.message);
	const log = sim.log();
	for (const r of RESOURCES) {
		const truth = sim.data(r.entity, { include: 'base' });
		const items = outputItems(run, `Get Many ${r.label}s`);
		const ids = items.map((i) => i.id);
		const pages = Math.ceil(truth.length / PAGE_SIZE);
		checks.ok(
			items.length === truth.length && new Set(ids).size === ids.length,
			`Get Many ${r.value} (Return All) returned all ${truth.length} records once (${pages} pages)`,
			`got ${items.length} items, ${new Set(ids).size} distinct`,
		);
		checks.equal(sortedIds(items), sortedIds(truth), `Get Many ${r.value}: ids equal the simulator's, no gaps or duplicates`);
		const byId = new Map(truth.map((t) => [t.id, t]));
		const mismatched = items.filter((i) => JSON.stringify(i) !== JSON.stringify(byId.get(i.id)));
		checks.ok(mismatched.length === 0, `Get Many ${r.value}: every record equals the simulator's record`, mismatched[0] && { got: mismatched[0], expected: byId.get(mismatched[0].id) });
		const requests = listRequests(log, r.entity, PAGE_SIZE);
		const pagesAsked = requests.map((e) => Number(e.query.page)).sort((a, b) => a - b);
		checks.equal(
			{ count: requests.length, pages: pagesAsked, sizes: [...new Set(requests.map((e) => Number(e.query.size)))] },
			{ count: pages, pages: [...Array(pages).keys()], sizes: [PAGE_SIZE] },
			`Get Many ${r.value}: ${pages} list requests, pages 0..${pages - 1} of ${PAGE_SIZE}, each once`,
		);
		const one = outputItems(run, `Get ${r.label}`);
		checks.equal(one, [byId.get(setup.ids[r.value])], `Get ${r.value} ${setup.ids[r.value]} returned exactly the simulator's record`);
		const gets = log.filter((e) => e.method === 'GET' && e.entity === r.entity && e.id === String(setup.ids[r.value]));
		const getNodes = r.value === 'customer' ? 2 : 1; // "Get Customer" and "Get Customer With Email"
		checks.equal(gets.length, getNodes, `Get ${r.value}: one request per Get node`);
	}
	const seven = outputItems(run, 'Get 7 Invoices Simplified');
	const firstSeven = sim.data('invoices').slice(0, 7).map((i) => i.id);
	checks.equal(seven.map((i) => i.id), firstSeven, 'Get Many invoice with Limit 7 returned the first 7 invoices');
	checks.ok(
		seven.length === 7 && seven.every((i) => Object.keys(i).length <= 10 && !('lines' in i) && 'invoiceNumber' in i),
		'Simplify kept at most 10 fields per invoice (with invoiceNumber)',
		seven[0],
	);
	const limitRequests = listRequests(log, 'invoices', 7);
	checks.equal(limitRequests.length, 1, 'Limit 7 took a single request of size 7');
	const withEmail = outputItems(run, 'Get Customer With Email');
	const customerTruth = sim.data('customers', { include: 'base+email' }).find((c) => c.id === setup.ids.customer);
	checks.equal(withEmail, [customerTruth], 'Get customer with Include base+email returned the email too');
	checks.ok(typeof withEmail[0]?.email === 'string' && !('email' in (outputItems(run, 'Get Customer')[0] ?? {})), 'email only comes with the include');
}

/** Scenario 3: Create → Update → Get a customer, then Delete it; checked in the simulator's data. */
export async function customerRoundTrip({ n8n, sim, checks, setup }) {
	const before = sim.data('customers').length;
	sim.clearLog();
	const run = await n8n.execute(ID.create);
	checks.ok(run.status === 'success', `create + update workflow ran successfully (status ${run.status})`, run.data?.resultData?.error?.message);
	const created = outputItems(run, 'Create Customer')[0] ?? {};
	const stored = created.id === undefined ? undefined : sim.record('customers', created.id);
	checks.ok(stored !== undefined && sim.data('customers').length === before + 1, `Create added customer ${created.id} to the simulator`);
	checks.equal(
		stored && { name: stored.name, city: stored.city },
		{ name: setup.names.newName, city: setup.names.city },
		'the stored customer has the updated name and the city from Additional Fields (JSON)',
	);
	checks.equal(created.name, setup.names.name, 'Create output carries the name it was created with');
	checks.equal(outputItems(run, 'Update Customer')[0]?.name, setup.names.newName, 'Update output carries the new name');
	checks.equal(outputItems(run, 'Get Customer'), [sim.data('customers', { include: 'base' }).find((c) => c.id === created.id)], 'Get after Update equals the stored record');
	const methods = sim.log().map((e) => `${e.method} ${e.entity}${e.id ? '/id' : ''}`);
	checks.equal(methods, ['POST customers', 'PATCH customers/id', 'GET customers/id'], 'requests sent: POST, PATCH, GET');

	if (created.id === undefined) return;
	sim.clearLog();
	const del = await n8n.execute(ID.delete, { env: { E2E_DELETE_ID: String(created.id) } });
	checks.ok(del.status === 'success', `delete workflow ran successfully (status ${del.status})`, del.data?.resultData?.error?.message);
	checks.equal(outputItems(del, 'Delete Customer'), [{ deleted: true, id: created.id }], 'Delete output is { deleted: true, id }');
	checks.ok(sim.record('customers', created.id) === undefined && sim.data('customers').length === before, `customer ${created.id} is gone from the simulator`);
	checks.equal(sim.log().map((e) => `${e.method} ${e.id}`), [`DELETE ${created.id}`], 'one DELETE request with the id');
}

/**
 * Scenario 4: an unknown id (404) and an id whose request fails with an injected 500 go to the error
 * output; the good items to the success output.
 */
export async function errorOutput({ n8n, sim, checks, setup }) {
	sim.clearLog();
	// 500 is not retried by the node (it may be a real server error); count 5 in case it were
	sim.setFaults([{ type: 'status', status: 500, count: 5, method: 'GET', pathPattern: `/invoices/${setup.failingInvoiceId}(?:[/?]|$)`, message: 'Injected server failure' }]);
	let run;
	try {
		run = await n8n.execute(ID.error);
	} finally {
		sim.clearFaults();
	}
	checks.ok(run.status === 'success' && run.exitCode === 0, `a 404 and a 500 with "continue (using error output)" do not fail the execution (status ${run.status})`);
	const found = outputItems(run, 'Get Invoice', 0);
	const failed = outputItems(run, 'Get Invoice', 1);
	checks.equal(found.map((i) => i.id), setup.goodInvoiceIds, 'success output holds the two existing invoices, in input order');
	checks.equal(found, setup.goodInvoiceIds.map((id) => sim.data('invoices', { include: 'base' }).find((i) => i.id === id)), "their records equal the simulator's");
	checks.equal(failed.length, 2, 'error output holds two items');
	const [notFound = '', serverError = ''] = failed.map((f) => String(f?.error ?? ''));
	checks.ok(/not found|does not exist|404/i.test(notFound), `first error item says the invoice was not found: "${notFound.slice(0, 200)}"`, failed[0]);
	checks.ok(/500|server/i.test(serverError) && serverError !== notFound, `second error item reports the server failure: "${serverError.slice(0, 200)}"`, failed[1]);
	checks.ok(
		String(failed[1]?.message ?? '').includes('Injected server failure'),
		"the error item's message carries Moment's own explanation",
		failed[1],
	);
	// n8n merges the failed item's input (found through pairedItem) into the error item
	checks.equal(
		failed.map((f) => f.ids),
		[String(setup.unknownInvoiceId), String(setup.failingInvoiceId)],
		'each error item carries its own input item (pairedItem points at the right input)',
	);
	const asked = sim.log().filter((e) => e.entity === 'invoices').map((e) => [e.id, e.status]);
	checks.equal(
		asked,
		[[String(setup.goodInvoiceIds[0]), 200], [String(setup.unknownInvoiceId), 404], [String(setup.failingInvoiceId), 500], [String(setup.goodInvoiceIds[1]), 200]],
		'one request per item, none repeated: 200, 404, 500, 200',
	);
	checks.equal(outputItems(run, 'Found').length, 2, 'the node on the success branch ran with 2 items');
	checks.equal(outputItems(run, 'Failed').length, 2, 'the node on the error branch ran with 2 items');
	checks.ok(nodeError(run, 'Get Invoice') === undefined, 'Get Invoice itself did not fail');
}

/** Scenario 6: a workflow saved with version 1 of the node runs as it did. */
export async function nodeVersion1({ n8n, sim, checks, setup }) {
	sim.clearLog();
	const run = await n8n.execute(ID.version1);
	checks.ok(run.status === 'success', `version-1 workflow ran successfully (status ${run.status})`, run.data?.resultData?.error?.message);
	const created = outputItems(run, 'Create Project V1')[0] ?? {};
	const stored = created.id === undefined ? undefined : sim.record('projects', created.id);
	checks.equal(
		stored && { name: stored.name, projectState: stored.projectState, description: stored.description },
		{ name: setup.v1ProjectName, projectState: 'notStarted', description: 'from v1' },
		'version 1: Create sent "Fields" and "Additional Fields (JSON)"',
	);
	const whole = sim.data('projects', { include: 'base' }).find((p) => p.id === created.id);
	checks.equal(outputItems(run, 'Get Project V1'), [whole], 'version 1: Get without the Simplify option returns the whole record');
	const simplified = outputItems(run, 'Get Project V1 Simplified')[0] ?? {};
	checks.ok(
		Object.keys(simplified).length <= 10 && simplified.id === created.id && Object.keys(simplified).length < Object.keys(whole ?? {}).length,
		'version 1: the Simplify option keeps at most 10 fields',
		simplified,
	);
	checks.equal(
		outputItems(run, 'Get Claim V1 Default Resource'),
		[sim.data('claims', { include: 'base' }).find((c) => c.id === setup.ids.claim)],
		'version 1: a node saved without a resource reads a claim (version 1 opened on Claim)',
	);
}

/** Scenario 7: a Create that fails on item 1 names the customer created for item 0; item 2 never starts. */
export async function failedWrite({ n8n, sim, checks, setup }) {
	sim.clearLog();
	const run = await n8n.execute(ID.failedWrite);
	const byName = (name) => sim.data('customers').find((c) => c.name === name);
	const first = byName(setup.writeNames[0]);
	checks.ok(run.status !== 'success', `the workflow fails on the refused customer (status ${run.status})`);
	checks.ok(first !== undefined && !byName(setup.writeNames[1]) && !byName(setup.writeNames[2]), 'Moment has the first customer only: the third was never sent');
	const error = nodeError(run, 'Create Customers') ?? run.data?.resultData?.error ?? {};
	const message = String(error.message ?? '');
	const description = String(error.description ?? '');
	checks.ok(/\(item 0 was already created in Moment\)$/.test(message), `the error message says item 0 was created: "${message.slice(0, 200)}"`);
	checks.ok(
		description.startsWith(`Item 0 was already created in Moment (Customer ${first?.id}); running the node again would create it again. Item 2 was not started.`),
		`the error description names the created customer by its ID: "${description.slice(0, 200)}"`,
	);
	checks.equal(sim.log().filter((e) => e.method === 'POST').length, 2, 'two POSTs: the created customer and the refused one');
}

/** Scenario 8: the HTTP Request node reads a record with the Moment API credential. */
export async function httpRequestEscapeHatch({ n8n, sim, checks, setup }) {
	sim.clearLog();
	const run = await n8n.execute(ID.http);
	checks.ok(run.status === 'success', `HTTP Request with the Moment API credential ran (status ${run.status})`, run.data?.resultData?.error?.message);
	checks.equal(
		outputItems(run, 'HTTP Request Moment'),
		[sim.data('invoices', { include: 'base' }).find((i) => i.id === setup.httpInvoiceId)],
		'HTTP Request (predefined credential type Moment API) returned the invoice',
	);
	const [request] = sim.log();
	checks.ok(request?.status === 200 && request?.key !== undefined, 'the request was authenticated with the API key (Basic auth, user apikey)', request);
}
