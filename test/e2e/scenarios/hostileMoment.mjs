// A Moment that misbehaves (issue 20, items 1 and 7), in a real n8n:
// - a redirecting Moment: the simulator answers a Get invoice (and a Create customer, and the
//   credential's Test button) with a redirect to another origin, a bare server on 127.0.0.2 that
//   records every connection: the node fails naming that host, and the host receives nothing;
//   a redirect within the simulator's origin is followed and returns the invoice;
// - a hung Moment: the simulator accepts the trigger's Fetch Full Record and never answers; the
//   webhook's sender still gets its answer (500) within 30 s, and n8n keeps a failed execution
//   that holds the delivery.
import { createRequire } from 'node:module';
import { onStop } from '../lib/processes.mjs';
import { createCustomerWorkflow, getInvoiceWorkflow, momentTriggerV2, nodeError, outputItems, singleTriggerWorkflow } from '../lib/workflows.mjs';
import { deliver } from './trigger.mjs';

const { startTestServer } = createRequire(import.meta.url)('../../helpers/testServer.js');

const ID = { get: 'e2eRedirectGet01', create: 'e2eRedirectPost1', hung: 'e2eHungMoment001' };
const HUNG_WEBHOOK_ID = 'e2e-moment-hung';
/** What the sender may wait for in all (issue 20: 30 s); Fetch Full Record's own limit is 20 s. */
const ANSWER_BOUND_MS = 30_000;

export const HUNG_TRIGGER_WORKFLOW_ID = ID.hung;

export function hostileMomentSetup({ credential, stamp }) {
	const trigger = momentTriggerV2('Moment Trigger', { eventSource: 'invoice', webhookId: HUNG_WEBHOOK_ID, fetchFullRecord: true, momentCredential: credential });
	return [
		getInvoiceWorkflow({ id: ID.get, credential }),
		createCustomerWorkflow({ id: ID.create, credential, name: `E2E redirected ${stamp}` }),
		singleTriggerWorkflow({ id: ID.hung, name: 'E2E: Fetch Full Record from a hung Moment', trigger }),
	];
}

async function otherOrigin() {
	const server = await startTestServer({ host: '127.0.0.2' });
	onStop(() => server.close());
	return server;
}

const errorText = (error) => `${error?.message ?? ''} ${error?.description ?? ''}`;

/** With n8n stopped: `n8n execute` of a Get invoice and a Create customer through redirects. */
export async function redirectingMoment({ n8n, sim, checks }) {
	const other = await otherOrigin();
	const invoice = sim.data('invoices', { include: 'base' })[21];
	const invoicePath = `/invoices/${invoice.id}`;
	try {
		// another origin: 307 to 127.0.0.2, path and query included in the Location
		sim.clearLog();
		sim.setFaults([{ type: 'redirect', status: 307, location: `${other.url}/steal{path}?from=moment`, method: 'GET', path: invoicePath, count: 5 }]);
		const away = await n8n.execute(ID.get, { env: { E2E_INVOICE_ID: String(invoice.id) } });
		sim.clearFaults();
		const error = nodeError(away, 'Get Invoice') ?? away.data?.resultData?.error;
		checks.ok(away.status === 'error' || away.exitCode !== 0, `Get invoice redirected to another host fails the execution (status ${away.status}, exit ${away.exitCode})`);
		checks.ok(errorText(error).includes(`to another host, ${other.url}: nothing was sent there`), `the error names the other host: "${error?.message}"`, error);
		checks.ok(errorText(error).includes(`set the Base URL in the Moment API credential to ${other.url}`), 'the error says to set the Base URL to that host if it is trusted', error?.description);
		checks.ok(!/steal|from=moment/.test(JSON.stringify(error ?? {})), "the error shows the host, not the Location's path or query", error);
		checks.equal({ connections: other.connections(), requests: other.requests.length }, { connections: 0, requests: 0 }, '127.0.0.2 received nothing: no connection, no header, no body');
		checks.equal(sim.log().map((e) => `${e.method} ${e.id} ${e.status}`), [`GET ${invoice.id} 307`], 'one GET, answered 307, not repeated');
		checks.equal(outputItems(away, 'Get Invoice'), [], 'no item came out of the redirect');

		// the same origin: followed
		sim.clearLog();
		sim.setFaults([{ type: 'redirect', status: 302, location: '{path}?via=redirect', method: 'GET', path: invoicePath, count: 1 }]);
		const home = await n8n.execute(ID.get, { env: { E2E_INVOICE_ID: String(invoice.id) } });
		sim.clearFaults();
		checks.ok(home.status === 'success', `Get invoice redirected within the Base URL's origin succeeds (status ${home.status})`, home.data?.resultData?.error?.message);
		checks.equal(outputItems(home, 'Get Invoice'), [invoice], "it returns the invoice, equal to the simulator's");
		checks.equal(sim.log().map((e) => `${e.method} ${e.status} ${JSON.stringify(e.query)}`), ['GET 302 {}', 'GET 200 {"via":"redirect"}'], 'the redirect was followed once, to the same origin');

		// a POST with its body, redirected away: nothing sent there, nothing created
		const before = sim.data('customers').length;
		sim.clearLog();
		sim.setFaults([{ type: 'redirect', status: 307, location: `${other.url}{path}`, method: 'POST', path: '/customers', count: 5 }]);
		const post = await n8n.execute(ID.create);
		sim.clearFaults();
		const postError = nodeError(post, 'Create Customer') ?? post.data?.resultData?.error;
		checks.ok(errorText(postError).includes(`to another host, ${other.url}: nothing was sent there`), `Create customer redirected to another host fails naming it: "${postError?.message}"`, postError);
		checks.equal({ connections: other.connections(), created: sim.data('customers').length - before }, { connections: 0, created: 0 }, 'the POST body went nowhere: 127.0.0.2 saw no connection, Moment has no new customer');
	} finally {
		sim.clearFaults();
		await other.close();
	}
}

/**
 * With n8n running: the credential's Test button through a redirect, and a webhook delivery whose
 * Fetch Full Record meets a Moment that never answers.
 */
export async function hungMoment({ n8n, sim, simLib, checks, credentials }) {
	const other = await otherOrigin();
	try {
		sim.setFaults([{ type: 'redirect', status: 302, location: `${other.url}{path}{search}`, path: '/customers', method: 'GET', count: 5 }]);
		const { body } = await n8n.rest('POST', '/credentials/test', { credentials: credentials.good });
		sim.clearFaults();
		const result = body?.data ?? body;
		checks.ok(result?.status === 'Error', `the credential test fails when the Base URL redirects to another host: "${result?.message}"`, result);
		if (n8n.major >= 2) checks.ok(/redirect \(302\) to another address\. The test does not follow it/.test(result?.message ?? ''), "n8n 2.x shows the credential's own message for it", result);
		checks.equal(other.connections(), 0, 'the credential test sent nothing to 127.0.0.2');
	} finally {
		sim.clearFaults();
		await other.close();
	}

	const invoice = sim.data('invoices')[42];
	const marker = `hung-moment-${Date.now()}`;
	const before = await n8n.executions(ID.hung);
	sim.clearLog();
	sim.setFaults([{ type: 'hang', method: 'GET', path: `/invoices/${invoice.id}`, count: 10 }]);
	const url = `${n8n.baseUrl}/webhook/${HUNG_WEBHOOK_ID}/webhook`;
	const body = { event: 'CREATE_NEW', invoice: { id: invoice.id, invoiceNumber: invoice.invoiceNumber }, note: marker };
	const started = Date.now();
	let res;
	try {
		res = await deliver(simLib, sim, url, { source: 'invoice', body, timeoutMs: 200_000 }, 60_000);
	} finally {
		sim.clearFaults();
	}
	const took = Date.now() - started;
	checks.ok(took < ANSWER_BOUND_MS, `the sender got its answer after ${(took / 1000).toFixed(1)} s although Moment never answered (bound ${ANSWER_BOUND_MS / 1000} s)`);
	checks.equal(res?.status, 500, 'the answer is 500: the delivery was not processed');
	checks.ok(sim.log().length >= 1 && sim.log().every((e) => e.fault === 'hang' && e.id === String(invoice.id)), `Fetch Full Record asked Moment ${sim.log().length} time(s), each left hanging`);

	let failed;
	for (let i = 0; i < 50 && !failed; i++) {
		failed = (await n8n.executions(ID.hung)).find((e) => !before.some((b) => b.id === e.id) && !['new', 'running'].includes(e.status));
		if (!failed) await new Promise((r) => setTimeout(r, 200));
	}
	checks.equal(failed?.status, 'error', 'n8n saved the delivery as a failed execution');
	const { status, body: detail } = failed ? await n8n.rest('GET', `/executions/${failed.id}`) : {};
	const stored = JSON.stringify(detail ?? {});
	checks.ok(status === 200 && stored.includes(marker) && stored.includes(String(invoice.id)), 'the failed execution keeps the delivery (its payload, in the error\'s context.delivery)', stored.slice(0, 300));
	checks.ok(/No answer from Moment for Invoice \d+ within 20 s, Fetch Full Record/.test(stored), "the execution's error names Fetch Full Record's limit");
	checks.ok(!stored.includes(credentials.good.data.apiKey), 'the failed execution does not contain the API key');
}
