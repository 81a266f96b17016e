// Loads the example workflows (examples/*.json, importable into n8n as they are) and points them at
// a test or demo set-up: Moment nodes get the given credential, HTTP Request nodes post to a local
// recorder instead of their placeholder URL (https://*.example.com/...), and each gets a fixed id.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MOMENT, MOMENT_TRIGGER } from './workflows.mjs';

/** n8n workflow ids are 16 characters here; derived from the file name so they stay stable. */
function idFor(slug) {
	return `ex${createHash('sha256').update(slug).digest('hex').slice(0, 14)}`;
}

/**
 * Returns [{ slug, file, workflow, triggers, manualTrigger, httpNodes }] for every examples/*.json.
 * `triggers`: Moment Trigger nodes { name, eventSource, webhookId, path, secret, events }.
 */
export function loadExamples(repoDir, { credential, recorderUrl }) {
	const dir = join(repoDir, 'examples');
	let files = [];
	try {
		files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	} catch {
		return [];
	}
	return files.map((file) => {
		const slug = basename(file, '.json');
		const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		workflow.id = workflow.id && /^[A-Za-z0-9]{1,21}$/.test(workflow.id) ? workflow.id : idFor(slug);
		workflow.settings = { executionOrder: 'v1', ...(workflow.settings ?? {}), saveDataSuccessExecution: 'all', saveManualExecutions: true };
		const triggers = [];
		const httpNodes = [];
		for (const node of workflow.nodes) {
			if (node.type === MOMENT || node.type === MOMENT_TRIGGER) {
				if (node.type === MOMENT || node.parameters?.fetchFullRecord) {
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
					secret: node.parameters?.secret ?? '',
					events: node.parameters?.events ?? '',
				});
			}
			if (node.type === 'n8n-nodes-base.httpRequest') {
				const target = `${recorderUrl}/example/${slug}/${encodeURIComponent(node.name)}`;
				httpNodes.push({ name: node.name, placeholderUrl: node.parameters.url, path: target.slice(recorderUrl.length) });
				node.parameters.url = target;
			}
		}
		const manualTrigger = workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
		return { slug, file, workflow, triggers, manualTrigger, httpNodes };
	});
}
