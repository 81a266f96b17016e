// A delivery is read whatever its content type, and an unusable secret refuses every call, in a
// real n8n:
// - contentTypes: Moment Triggers of versions 1, 1.1 and 2 (no secret) each get Moment's documented
//   invoice payload with a dozen Content-Types, none, and gzip / deflate Content-Encoding; every
//   body reaches the workflow intact (the item posted to the recorder carries it). Where n8n
//   answers itself before the trigger runs (JSON sent as XML, a charset Node cannot decode) it
//   says so; multipart/form-data is answered 415 by the trigger, a body over n8n's 16 MB limit 413.
// - secretFailsClosed: a version 2 trigger published with a good secret; the credential is edited
//   to an empty secret through n8n's REST API and n8n restarted (it re-activates the workflow
//   without the publish check): every call is refused 401, whatever the token; edited to a short
//   secret while running: still 401; back to a good secret: the next call runs. A version 1.1
//   trigger whose Secret is only spaces, re-activated at start-up: every call 401.
import { readFileSync } from 'node:fs';
import { momentTriggerNode, momentTriggerV2, postJson } from '../lib/workflows.mjs';
import { deliver } from './trigger.mjs';

export const CONTENT_TYPES_WORKFLOW_ID = 'e2eTriggerCType1';
export const SECRET_WORKFLOW_ID = 'e2eTriggerClosed';
export const SPACES_WORKFLOW_ID = 'e2eTriggerSpaces';
const VERSIONS = [1, 1.1, 2];
const hookOf = (version) => `e2e-ctype-v${String(version).replace('.', '-')}`;
const SECRET_HOOK = 'e2e-secret-closed';
const SPACES_HOOK = 'e2e-secret-spaces';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Moment's documented invoice payload. */
const INVOICE = { event: 'CREATE_NEW', invoice: { id: 106939080, invoiceNumber: 1, customer: { id: 62788973, customerNumber: '10001' }, project: { id: 62788980, projectNumber: '1' } } };

function workflow(id, name, nodes, edges) {
	const connections = {};
	for (const [from, to] of edges) (connections[from] ??= { main: [[]] }).main[0].push({ node: to, type: 'main', index: 0 });
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** The credential the secret scenario edits (its own: the other scenarios keep theirs). */
export function editableWebhookCredential() {
	return { id: 'e2eMomentHook003', name: 'Moment webhook secret (edited by the e2e suite)', type: 'momentWebhookApi', data: { secret: `e2eGoodSecret${process.pid}Kq4Wz8` } };
}

export function contentTypesSetup({ recorder, credentials }) {
	const triggers = VERSIONS.map((version) =>
		version < 2
			? momentTriggerNode(`Trigger v${version}`, version, { eventSource: 'invoice', secret: '', events: '', fetchFullRecord: false, include: '' }, { webhookId: hookOf(version) })
			: momentTriggerV2(`Trigger v${version}`, { eventSource: 'invoice', webhookId: hookOf(version) }),
	);
	const post = postJson('Post to recorder', `${recorder.url}/ctype`);
	const contentTypes = workflow(CONTENT_TYPES_WORKFLOW_ID, 'E2E: any content type', [...triggers, post], triggers.map((t) => [t.name, post.name]));
	const closed = momentTriggerV2('Moment Trigger', { eventSource: 'invoice', webhookId: SECRET_HOOK, webhookCredential: credentials.webhookEditable });
	const closedPost = postJson('Post to recorder', `${recorder.url}/closed`);
	const secret = workflow(SECRET_WORKFLOW_ID, 'E2E: the secret fails closed', [closed, closedPost], [[closed.name, closedPost.name]]);
	const spaces = momentTriggerNode('Moment Trigger', 1.1, { eventSource: 'invoice', secret: '   ', events: '', fetchFullRecord: false, include: '' }, { webhookId: SPACES_HOOK });
	const spacesPost = postJson('Post to recorder', `${recorder.url}/spaces`);
	const spacesWorkflow = workflow(SPACES_WORKFLOW_ID, 'E2E: a version 1.1 Secret of spaces', [spaces, spacesPost], [[spaces.name, spacesPost.name]]);
	return [contentTypes, secret, spacesWorkflow];
}

/** [label, headers, contentEncoding] of deliveries that must reach the workflow intact. */
const READABLE = [
	['no Content-Type', { 'content-type': null }],
	['application/json', { 'content-type': 'application/json' }],
	['application/json; charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
	['text/plain', { 'content-type': 'text/plain' }],
	['text/plain; charset=UTF-8', { 'content-type': 'text/plain; charset=UTF-8' }],
	['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
	['application/octet-stream', { 'content-type': 'application/octet-stream' }],
	['application/vnd.moment+json', { 'content-type': 'application/vnd.moment+json' }],
	['application/vnd.moment+json; charset=iso-8859-1', { 'content-type': 'application/vnd.moment+json; charset=iso-8859-1' }],
	['text/html', { 'content-type': 'text/html' }],
	['application/json-patch+json', { 'content-type': 'application/json-patch+json' }],
	['multipart/mixed', { 'content-type': 'multipart/mixed; boundary=x' }],
	['application/octet-stream, gzip', { 'content-type': 'application/octet-stream' }, 'gzip'],
	['application/json, gzip', { 'content-type': 'application/json' }, 'gzip'],
	['no Content-Type, deflate', { 'content-type': null }, 'deflate'],
];

export async function contentTypes({ n8n, sim, simLib, recorder, checks }) {
	const urlOf = (version) => `${n8n.baseUrl}/webhook/${hookOf(version)}/webhook`;
	const since = recorder.received.length;
	const sent = [];
	for (const version of VERSIONS) {
		for (const [label, headers, contentEncoding] of READABLE) {
			const marker = `n8n ${n8n.version}, v${version}, ${label}`;
			const body = { event: 'CREATE_NEW', invoice: { id: 106939080, invoiceNumber: 1, customer: { id: 62788973, customerNumber: '10001' } }, e2eMarker: marker, note: 'Kåre Ørsted' };
			// iso-8859-1 as labelled; everything else UTF-8
			const raw = /iso-8859-1/.test(label) ? Buffer.from(JSON.stringify(body), 'latin1') : JSON.stringify(body);
			const res = await deliver(simLib, sim, urlOf(version), { source: 'invoice', body: raw, headers, contentEncoding });
			sent.push({ version, label, body, marker, res });
		}
	}
	const answered = sent.filter((s) => s.res.status === 200 && s.res.body?.received === true && s.res.body?.id === 106939080);
	checks.equal(
		sent.filter((s) => !answered.includes(s)).map((s) => `${s.marker}: ${s.res.status} ${JSON.stringify(s.res.body).slice(0, 160)}`),
		[],
		`${sent.length} deliveries (${READABLE.length} Content-Types and encodings x trigger versions 1, 1.1, 2) answered 200 {received, id}`,
	);
	const wrong = [];
	for (const item of sent) {
		const hit = await recorder.waitFor((r) => r.url === '/ctype' && r.json?.payload?.e2eMarker === item.marker, 15_000);
		if (!hit || JSON.stringify(hit.json.payload) !== JSON.stringify(item.body) || hit.json.id !== 106939080) wrong.push({ marker: item.marker, got: hit ? hit.json.payload : 'not recorded' });
	}
	checks.equal(wrong, [], 'every one reached the workflow with its body intact (payload equal to what was sent, "Kåre Ørsted" included)');
	checks.equal(recorder.received.slice(since).filter((r) => r.url === '/ctype').length, sent.length, `exactly ${sent.length} items, one per delivery`);

	// what the trigger answers itself, and what n8n answers before the trigger runs
	const json = JSON.stringify({ event: 'CREATE_NEW', invoice: { id: 106939080 } });
	const v2 = urlOf(2);
	const multipart = await deliver(simLib, sim, v2, { source: 'invoice', body: json, headers: { 'content-type': 'multipart/form-data; boundary=e2e' } });
	const multipartWithForm = await deliver(simLib, sim, v2, {
		source: 'invoice',
		body: `--e2e\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--e2e--\r\n`,
		headers: { 'content-type': 'multipart/form-data; boundary=e2e' },
	});
	checks.ok(
		multipartWithForm.status === 415 && /multipart\/form-data.*send the body as application\/json/.test(multipartWithForm.body?.message ?? ''),
		`a real multipart/form-data form is answered 415 by the trigger, naming the type and the fix (a body that is not multipart: n8n answers ${multipart.status} itself)`,
		{ multipartWithForm: [multipartWithForm.status, multipartWithForm.body], multipart: [multipart.status, multipart.body] },
	);
	const huge = Buffer.alloc(17 * 1024 * 1024, 0x20);
	const tooLarge = await deliver(simLib, sim, v2, { source: 'invoice', body: huge, headers: { 'content-type': 'application/octet-stream' } });
	checks.ok(tooLarge.status === 413 && /larger than n8n accepts \(N8N_PAYLOAD_SIZE_MAX/.test(tooLarge.body?.message ?? ''), 'a 17 MB body of a type n8n leaves unread: 413 from the trigger, naming N8N_PAYLOAD_SIZE_MAX', [tooLarge.status, tooLarge.body]);
	const n8nAnswers = [];
	for (const [label, headers] of [
		['application/xml', { 'content-type': 'application/xml' }],
		['text/plain; charset=iso-8859-1', { 'content-type': 'text/plain; charset=iso-8859-1' }],
		['application/json; charset=windows-1252', { 'content-type': 'application/json; charset=windows-1252' }],
	]) {
		const res = await deliver(simLib, sim, v2, { source: 'invoice', body: json, headers });
		n8nAnswers.push([label, res.status, typeof res.body === 'string' ? res.body.slice(0, 120) : res.body?.message]);
	}
	checks.ok(n8nAnswers.every(([, status]) => status === 422), `JSON sent as XML or in a charset Node cannot decode is answered 422 by n8n itself (docs/moment-trigger.md, Content types)`, n8nAnswers);
	await sleep(1000);
	checks.equal(recorder.received.slice(since).filter((r) => r.url === '/ctype').length, sent.length, 'the calls answered 415, 413 and 422 reached nothing downstream');
}

async function setSecret(n8n, credential, secret) {
	const { status, body } = await n8n.rest('PATCH', `/credentials/${credential.id}`, { name: credential.name, type: credential.type, data: { secret } });
	if (status !== 200) throw new Error(`PATCH /rest/credentials/${credential.id} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
}

/** Every token a caller might try: none, empty, the old good secret, the unusable value itself. */
async function tryTokens(simLib, sim, url, tokens) {
	const results = [];
	for (const token of tokens) {
		const res = await deliver(simLib, sim, url, { source: 'invoice', body: INVOICE, token });
		results.push({ token: token === undefined ? '(none)' : token === '' ? '(empty)' : 'a token', status: res.status, message: res.body?.message ?? res.body });
	}
	return results;
}

export async function secretFailsClosed({ n8n, sim, simLib, recorder, checks, credentials }, { owner }) {
	const credential = credentials.webhookEditable;
	const good = credential.data.secret;
	const url = `${n8n.baseUrl}/webhook/${SECRET_HOOK}/webhook`;
	const since = recorder.received.length;
	const first = await deliver(simLib, sim, url, { source: 'invoice', body: INVOICE, token: good });
	checks.equal([first.status, first.body?.received], [200, true], 'published with a good secret: a call with it runs (200)');

	await setSecret(n8n, credential, '');
	await n8n.stop();
	await n8n.start();
	await n8n.login(owner);
	const afterRestart = await tryTokens(simLib, sim, url, [undefined, '', good, 'anything-at-all-0123456789']);
	checks.ok(
		afterRestart.every((r) => r.status === 401 && /refuses every call because the secret of its Moment Webhook API credential is missing or not fit/.test(r.message ?? '')),
		'credential edited to an empty secret, n8n restarted (re-activated without the publish check): every call is refused 401, naming the credential to fix',
		afterRestart,
	);
	checks.ok(!JSON.stringify(afterRestart).includes(good), 'the 401 answers do not reveal the secret');

	await setSecret(n8n, credential, 'tooShort9');
	const short = await tryTokens(simLib, sim, url, [undefined, 'tooShort9', good]);
	checks.ok(short.every((r) => r.status === 401), 'edited to a 9-character secret while n8n runs: the next calls are refused 401, the short secret itself too', short);

	await setSecret(n8n, credential, good);
	const fixed = await deliver(simLib, sim, url, { source: 'invoice', body: INVOICE, token: good });
	checks.equal([fixed.status, fixed.body?.received], [200, true], 'set back to a good secret: the next call runs (the secret is read at every call)');

	const spaces = await tryTokens(simLib, sim, `${n8n.baseUrl}/webhook/${SPACES_HOOK}/webhook`, [undefined, '', '   ']);
	checks.ok(
		spaces.every((r) => r.status === 401 && /because its Secret parameter is missing or not fit/.test(r.message ?? '')),
		'a version 1.1 trigger whose Secret is only spaces, activated at start-up: every call refused 401',
		spaces,
	);
	await sleep(1000);
	const recorded = recorder.received.slice(since);
	checks.equal([recorded.filter((r) => r.url === '/closed').length, recorded.filter((r) => r.url === '/spaces').length], [2, 0], 'only the two calls with a good secret reached the workflow');
	const log = readFileSync(n8n.serverLog, 'utf8');
	checks.ok(/refused a call \(401\) because its secret token is unusable: the secret in its Moment Webhook API credential ".*" is empty/.test(log), "n8n's log has the warning naming what is wrong with the secret");
	checks.ok(!log.includes(good) && !log.includes('tooShort9'), "n8n's log holds neither secret");
}
