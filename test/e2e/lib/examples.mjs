// Loads the example workflows (examples/*.json, importable into n8n as they are) and points them at
// a test or demo set-up: Moment nodes get the given Moment API credential, Moment Triggers that
// check a secret token get the given Moment Webhook API credential, HTTP Request nodes post to a local
// recorder instead of their placeholder URL (https://*.example.com/...), and each gets a fixed id.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MOMENT, MOMENT_POLL_TRIGGER, MOMENT_TRIGGER } from './workflows.mjs';

/** n8n workflow ids are 16 characters here; derived from the file name so they stay stable. */
function idFor(slug) {
	return `ex${createHash('sha256').update(slug).digest('hex').slice(0, 14)}`;
}

/** What a Moment Trigger node expects: its secret token ('' for none) and its event filter, in every node version. */
function triggerSettings(node, webhookCredential) {
	const p = node.parameters ?? {};
	if (node.typeVersion < 2) return { secret: p.secret ?? '', events: p.events ?? '' };
	if (p.authentication === 'secretToken') {
		if (!webhookCredential) throw new Error(`Moment Trigger "${node.name}" checks a secret token: give loadExamples a webhookCredential`);
		node.credentials = { ...(node.credentials ?? {}), momentWebhookApi: { id: webhookCredential.id, name: webhookCredential.name } };
		return { secret: webhookCredential.data.secret, events: p.options?.events ?? '' };
	}
	return { secret: '', events: p.options?.events ?? '' };
}

/**
 * Returns [{ slug, file, workflow, triggers, pollTriggers, manualTrigger, httpNodes, dedupes }] for every
 * examples/*.json (`dedupes`: it lets each event through once with a Moment node's Event > Pass Each Once).
 * `triggers`: Moment Trigger nodes { name, eventSource, webhookId, path, secret, events };
 * `pollTriggers`: names of Moment Poll Trigger nodes.
 * `webhookCredential` ({ id, name, data: { secret } }) is given to triggers with a secret token.
 * `replacements`: [[text, by], ...] applied to the files first (sample Moment IDs of an example
 * replaced by the IDs of the simulator's data).
 */
export function loadExamples(repoDir, { credential, webhookCredential, recorderUrl, replacements = [] }) {
	const dir = join(repoDir, 'examples');
	let files = [];
	try {
		files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	} catch {
		return [];
	}
	return files.map((file) => {
		const slug = basename(file, '.json');
		let text = readFileSync(join(dir, file), 'utf8');
		for (const [from, to] of replacements) text = text.split(from).join(to);
		const workflow = JSON.parse(text);
		workflow.id = workflow.id && /^[A-Za-z0-9]{1,21}$/.test(workflow.id) ? workflow.id : idFor(slug);
		workflow.settings = { executionOrder: 'v1', ...(workflow.settings ?? {}), saveDataSuccessExecution: 'all', saveManualExecutions: true };
		const triggers = [];
		const pollTriggers = [];
		const httpNodes = [];
		for (const node of workflow.nodes) {
			if (node.type === MOMENT_POLL_TRIGGER) pollTriggers.push(node.name);
			if (node.type === MOMENT || node.type === MOMENT_TRIGGER || node.type === MOMENT_POLL_TRIGGER) {
				if (node.type !== MOMENT_TRIGGER || node.parameters?.fetchFullRecord) {
					node.credentials = { ...(node.credentials ?? {}), momentApi: { id: credential.id, name: credential.name } };
				}
			}
			if (node.type === MOMENT_TRIGGER) {
				if (!node.webhookId) throw new Error(`${file}: Moment Trigger "${node.name}" has no webhookId (needed for a stable Production URL)`);
				triggers.push({
					name: node.name,
					eventSource: node.parameters?.eventSource ?? 'invoice',
					webhookId: node.webhookId,
					path: `${node.webhookId}/webhook`,
					...triggerSettings(node, webhookCredential),
				});
			}
			if (node.type === 'n8n-nodes-base.httpRequest') {
				const target = `${recorderUrl}/example/${slug}/${encodeURIComponent(node.name)}`;
				httpNodes.push({ name: node.name, placeholderUrl: node.parameters.url, path: target.slice(recorderUrl.length) });
				node.parameters.url = target;
			}
		}
		const manualTrigger = workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
		const dedupes = workflow.nodes.some((n) => n.type === MOMENT && n.parameters?.resource === 'event' && n.parameters?.operation === 'passEachOnce');
		return { slug, file, workflow, triggers, pollTriggers, manualTrigger, httpNodes, dedupes };
	});
}
