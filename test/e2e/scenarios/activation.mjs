// A bad set-up cannot be published. The editor's Publish button (n8n 2.x) / Active switch (1.x)
// calls POST /rest/workflows/:id/activate; the Moment Trigger's webhook create step refuses the set-up
// and n8n shows its message:
// - n8n 1.123 activates right away and answers 400 with the message; the workflow stays inactive.
// - n8n 2.41 publishes in the background (its workflow publication service, on by default): the
//   call answers 200, then the publication fails, the editor is told (push "workflowFailedToActivate"
//   with the message) and GET /rest/workflows/:id/publication-status says "failed" with the message
//   for the trigger. Either way the trigger does not listen (its URL answers 404).
// A good set-up publishes and listens.
import { momentTriggerNode, momentTriggerV2, singleTriggerWorkflow } from '../lib/workflows.mjs';

const CASES = [
	{
		id: 'e2eSetupSource01',
		label: 'an unknown Event Source',
		trigger: () => momentTriggerNode('Moment Trigger', 2, { eventSource: 'timeRecord', authentication: 'none', fetchFullRecord: false, options: {} }, { webhookId: 'e2e-setup-source' }),
		message: /Moment Trigger "Moment Trigger" cannot listen for Moment's webhooks: its Event Source "timeRecord" is not a Moment webhook type it knows: open the trigger and pick one from the list/,
	},
	{
		id: 'e2eSetupInclude1',
		label: 'an Include Moment cannot be sent',
		trigger: ({ credentials }) => momentTriggerV2('Moment Trigger', { eventSource: 'invoice', webhookId: 'e2e-setup-include', fetchFullRecord: true, options: { include: 'base/../customers' }, momentCredential: credentials.good }),
		message: /its Include cannot be sent to Moment: Include item "base\/\.\.\/customers" is not valid\. Use Moment field or part names joined with "\+"/,
	},
	{
		id: 'e2eSetupSecret01',
		label: 'a secret too short in the Moment Webhook API credential',
		trigger: ({ credentials }) => momentTriggerV2('Moment Trigger', { eventSource: 'project', webhookId: 'e2e-setup-secret', webhookCredential: credentials.webhookShort }),
		message: /the secret in its Moment Webhook API credential "Moment webhook secret \(too short\)" is only 9 characters long; use at least 20 letters and digits/,
	},
	{
		id: 'e2eSetupSecretV1',
		label: 'a version 1.1 Secret parameter with a character a URL changes',
		trigger: () => momentTriggerNode('Moment Trigger', 1.1, { eventSource: 'claim', secret: 'e2e secret with spaces 1234', events: '', fetchFullRecord: false, include: '' }, { webhookId: 'e2e-setup-secret-v1' }),
		message: /its Secret contains a space that a URL would change; use only letters, digits/,
	},
];
const GOOD = {
	id: 'e2eSetupGood0001',
	trigger: ({ credentials }) => momentTriggerV2('Moment Trigger', { eventSource: 'customer', webhookId: 'e2e-setup-good', webhookCredential: credentials.webhook, fetchFullRecord: true, options: { include: 'base' }, momentCredential: credentials.good }),
};

export function activationSetup({ credentials }) {
	return [...CASES, GOOD].map((c) => singleTriggerWorkflow({ id: c.id, name: `E2E set-up: ${c.label ?? 'good'}`, trigger: c.trigger({ credentials }) }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the editor does when the user publishes: read the workflow's version and activate it. */
async function startPublishing(n8n, id) {
	const current = await n8n.rest('GET', `/workflows/${id}`);
	return await n8n.rest('POST', `/workflows/${id}/activate`, { versionId: current.body?.data?.versionId });
}

/** The outcome of a publication: at once in 1.x, when n8n 2.x's publication service has applied it. */
async function publicationOutcome(n8n, id, res) {
	if (n8n.major < 2) {
		const after = await n8n.rest('GET', `/workflows/${id}`);
		return { refused: res.status === 400 && after.body?.data?.active === false, published: res.status === 200 && after.body?.data?.active === true, message: res.body?.message ?? '', detail: { status: res.status, body: res.body } };
	}
	let status;
	for (let i = 0; i < 240; i++) {
		status = await n8n.rest('GET', `/workflows/${id}/publication-status`);
		if (status.status === 200 && !['in_progress', 'not_published'].includes(status.body?.data?.status)) break;
		await sleep(250);
	}
	const data = status?.body?.data ?? {};
	return { refused: res.status === 200 && data.status === 'failed', published: res.status === 200 && data.status === 'published', message: data.triggers?.[0]?.errorMessage ?? '', detail: { activate: res.status, publication: data } };
}

async function listening(n8n, webhookId) {
	const res = await fetch(`${n8n.baseUrl}/webhook/${webhookId}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"UPDATE"}' });
	await res.text();
	return res.status !== 404;
}

export async function badSetupRefused({ n8n, checks, credentials }) {
	// published together: n8n 2.x applies publications from its outbox every few seconds
	const started = new Map();
	for (const c of [...CASES, GOOD]) started.set(c.id, await startPublishing(n8n, c.id));
	for (const c of CASES) {
		const outcome = await publicationOutcome(n8n, c.id, started.get(c.id));
		checks.ok(outcome.refused && c.message.test(outcome.message), `publishing a workflow with ${c.label} is refused with the trigger's message: "${outcome.message.slice(0, 150)}..."`, outcome.detail);
		checks.ok(!outcome.message.includes(credentials.webhookShort.data.secret) && !outcome.message.includes('e2e secret with spaces'), `the refusal for ${c.label} does not quote the secret`);
		checks.equal(await listening(n8n, c.trigger({ credentials }).webhookId), false, `the trigger with ${c.label} does not listen (404)`);
	}
	const good = await publicationOutcome(n8n, GOOD.id, started.get(GOOD.id));
	checks.ok(good.published, 'a good version 2 set-up (secret token, Fetch Full Record with Include) publishes', good.detail);
	let up = false;
	for (let i = 0; i < 50 && !up; i++) {
		up = await listening(n8n, GOOD.trigger({ credentials }).webhookId);
		if (!up) await sleep(200);
	}
	checks.ok(up, 'and its trigger listens');
}
