// Undocumented payload shapes reach the workflow intact (version 2 triggers, one per Event
// Source, checking a secret token from a Moment Webhook API credential): the record under the assumed
// key, under a key naming the type in other words, as "<type>Id", as a flat record, inside a
// wrapper, and no id at all (runs flagged). A payload beyond doubt of another type is ignored, a
// body that is not an object refused. Then: the secret is nowhere in the workflow as n8n exports
// it, in the saved executions, in n8n's log or in plain text in its database.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TRIGGER_SOURCES, shapesWorkflow } from '../lib/workflows.mjs';
import { deliver } from './trigger.mjs';

export const SHAPES_WORKFLOW_ID = 'e2eTriggerShape1';
const WEBHOOK_PREFIX = 'e2e-shapes';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function shapesSetup({ credentials, recorder }) {
	return shapesWorkflow({ id: SHAPES_WORKFLOW_ID, webhookCredential: credentials.webhook, recorderUrl: recorder.url, webhookIdPrefix: WEBHOOK_PREFIX });
}

const cap = (word) => `${word[0].toUpperCase()}${word.slice(1)}`;

/** [label, body, expected { id, idFrom, recognized }] for one source; ids are distinct per source and shape. */
function variants(source, base) {
	const { key, numberField } = source;
	if (source.documented) {
		return [
			['documented payload', { event: 'CREATE_NEW', [key]: { id: base + 1, [numberField]: 7, customer: { id: 62788973, customerNumber: '10001' } } }, { id: base + 1, idFrom: `${key}.id`, recognized: true }],
			['no invoice object (an undocumented event)', { event: 'CREDIT_NOTE', creditNote: { id: base + 2 } }, { id: null, idFrom: null, recognized: false }],
		];
	}
	return [
		['assumed payload', { event: 'UPDATE', [key]: { id: base + 1, [numberField]: '42' } }, { id: base + 1, idFrom: `${key}.id`, recognized: true }],
		['record under a key naming the type in other words', { event: 'UPDATE', [`updated${cap(key)}`]: { id: base + 2 } }, { id: base + 2, idFrom: `updated${cap(key)}.id`, recognized: true }],
		['id as "<type>Id"', { event: 'UPDATE', [`${key}Id`]: String(base + 3) }, { id: base + 3, idFrom: `${key}Id`, recognized: true }],
		['flat record with a reference beside it', { event: 'UPDATE', id: base + 4, name: 'Flat', invoice: { id: 1 } }, { id: base + 4, idFrom: 'id', recognized: true }],
		['record inside a wrapper object', { event: 'UPDATE', data: { id: base + 5, note: 'wrapped' } }, { id: base + 5, idFrom: 'data.id', recognized: true }],
		['no id anywhere', { event: 'UPDATE', note: 'nothing to identify' }, { id: null, idFrom: null, recognized: false }],
	];
}

export async function undocumentedShapes({ n8n, sim, simLib, recorder, checks, credentials }) {
	const secret = credentials.webhook.data.secret;
	const urlOf = (source) => `${n8n.baseUrl}/webhook/${WEBHOOK_PREFIX}-${source.value}/webhook`;
	const sent = [];
	// the recorder serves every n8n version of the run: markers and counts are this run's own
	const since = recorder.received.length;
	const fresh = () => recorder.received.slice(since).filter((r) => r.url.startsWith('/shapes/'));
	for (const [index, source] of TRIGGER_SOURCES.entries()) {
		for (const [label, payload, expected] of variants(source, 900000 + index * 100)) {
			const marker = `n8n ${n8n.version}, ${source.value}: ${label}`;
			const body = { ...payload, e2eMarker: marker };
			const res = await deliver(simLib, sim, urlOf(source), { source: source.value, body, token: secret });
			sent.push({ source, label, body, expected, res, marker });
		}
	}
	const answered = sent.filter((s) => s.res.status === 200 && s.res.body?.received === true && s.res.body?.recognized === s.expected.recognized);
	checks.equal(answered.length, sent.length, `${sent.length} deliveries (${TRIGGER_SOURCES.length} Event Sources, 2 to 6 shapes each) answered 200 {received, recognized}`, sent.filter((s) => !answered.includes(s)).map((s) => [s.marker, s.res.status, s.res.body]));

	const wrong = [];
	for (const item of sent) {
		const hit = await recorder.waitFor((r) => r.url === `/shapes/${item.source.value}` && r.json?.payload?.e2eMarker === item.marker, 15_000);
		const got = hit?.json ?? {};
		const ok =
			hit &&
			JSON.stringify(got.payload) === JSON.stringify(item.body) &&
			got.id === item.expected.id &&
			got.idFrom === item.expected.idFrom &&
			got.recognized === item.expected.recognized &&
			(item.expected.recognized || typeof got.reason === 'string') &&
			new RegExp(`^${item.source.value}:[^:]*:${item.expected.id ?? ''}:[0-9a-f]{16}$`).test(got.deliveryKey ?? '');
		if (!ok) wrong.push({ marker: item.marker, got: hit ? { id: got.id, idFrom: got.idFrom, recognized: got.recognized, deliveryKey: got.deliveryKey } : 'not recorded' });
	}
	checks.equal(wrong, [], `every delivery reached the workflow with its body untouched, its id and where it was found (recognized: false with a reason when no id), and a delivery key`);
	checks.ok(!JSON.stringify(fresh().map((r) => r.body)).includes(secret), 'the secret token appears in no item');
	checks.equal(fresh().length, sent.length, `exactly ${sent.length} items reached the HTTP Request node, one per delivery`);

	// beyond doubt another type's payload: 200 ignored; not an object: 400; wrong token: 401; nothing runs
	const before = fresh().length;
	const project = TRIGGER_SOURCES.find((s) => s.value === 'project');
	const other = await deliver(simLib, sim, urlOf(project), { source: 'project', body: { event: 'UPDATE', customer: { id: 62788973 } }, token: secret });
	const list = await deliver(simLib, sim, urlOf(project), { source: 'project', body: [{ project: { id: 1 } }], token: secret });
	const wrongToken = await deliver(simLib, sim, urlOf(project), { source: 'project', body: { event: 'UPDATE', project: { id: 1 } }, token: `${secret}x` });
	checks.equal([other.status, other.body?.ignored, list.status, wrongToken.status], [200, true, 400, 401], 'another type\'s payload is ignored (200), a list refused (400), a wrong token refused (401)');
	await sleep(1500);
	checks.equal(fresh().length, before, 'the ignored and refused calls reached nothing downstream');
}

/** The secret of the Moment Webhook API credential is nowhere but encrypted in the credential. */
export async function secretStaysInCredential({ n8n, checks, credentials }, workflowIds) {
	const secret = credentials.webhook.data.secret;
	for (const id of workflowIds) {
		const { status, body } = await n8n.rest('GET', `/workflows/${id}`);
		checks.ok(status === 200 && !JSON.stringify(body).includes(secret), `workflow ${id} as n8n exports it holds no secret (status ${status})`);
		const executions = await n8n.executions(id);
		const leaks = [];
		for (const execution of executions.slice(0, 20)) {
			const full = await n8n.rest('GET', `/executions/${execution.id}`);
			if (full.status !== 200 || JSON.stringify(full.body).includes(secret)) leaks.push([execution.id, full.status]);
		}
		checks.ok(executions.length > 0 && leaks.length === 0, `${Math.min(executions.length, 20)} saved execution(s) of ${id} (run data and workflow snapshot) hold no secret`, leaks);
	}
	checks.ok(!readFileSync(n8n.serverLog, 'utf8').includes(secret), "n8n's log holds no secret");
	const n8nDir = join(n8n.userFolder, '.n8n');
	const dbFiles = readdirSync(n8nDir).filter((f) => f.startsWith('database.sqlite'));
	checks.ok(dbFiles.length > 0 && dbFiles.every((f) => !readFileSync(join(n8nDir, f)).includes(secret)), `n8n's database (${dbFiles.join(', ')}) holds the secret only encrypted`);
}
