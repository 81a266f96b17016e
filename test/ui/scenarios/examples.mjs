// Each example workflow (examples/*.json) imported as a user does it ("Import from File..." in a
// new workflow) on an n8n that has no Moment credential yet: every node is on the canvas, and the
// only warnings are the missing credentials its sticky note asks the user to set. An unknown node
// type ("Node Type ... is not known") or any other issue fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canvasNodeIssues, canvasNodes, dismissOverlays, importWorkflowFile, newWorkflow } from '../lib/editor.mjs';

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

export function exampleFiles(repo) {
	const dir = join(repo, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, path: join(dir, f), workflow: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/**
 * Names of the nodes whose credential the sticky notes ask the user to set: nodes named in bold
 * (**Name**) in a note line that mentions a credential.
 */
export function nodesAskedForCredentials(workflow) {
	const names = new Set(workflow.nodes.filter((n) => n.type !== STICKY_NOTE).map((n) => n.name));
	const asked = new Set();
	for (const note of workflow.nodes.filter((n) => n.type === STICKY_NOTE)) {
		for (const line of String(note.parameters?.content ?? '').split('\n')) {
			if (!/credential/i.test(line)) continue;
			for (const [, bold] of line.matchAll(/\*\*([^*]+)\*\*/g)) if (names.has(bold.trim())) asked.add(bold.trim());
		}
	}
	return asked;
}

const isCredentialIssue = (issue) => /credential/i.test(issue);

export async function examplesOpenCleanly(ctx) {
	const { page, baseUrl, repo, checks } = ctx;
	for (const { file, path, workflow } of exampleFiles(repo)) {
		const nodes = workflow.nodes.filter((n) => n.type !== STICKY_NOTE);
		await newWorkflow(page, baseUrl);
		await importWorkflowFile(page, path, nodes.length);
		await dismissOverlays(page);
		const onCanvas = await canvasNodes(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-node-name')));
		await checks.equal([...onCanvas].sort(), nodes.map((n) => n.name).sort(), `example ${file}: "Import from File" puts all ${nodes.length} nodes on the canvas`);
		const asked = nodesAskedForCredentials(workflow);
		const problems = [];
		const warned = [];
		for (const node of nodes) {
			const issues = await canvasNodeIssues(page, node.name);
			if (issues.length > 0) warned.push(node.name);
			const unexpected = asked.has(node.name) ? issues.filter((i) => !isCredentialIssue(i)) : issues;
			if (unexpected.length > 0) problems.push(`"${node.name}" warns: ${unexpected.join(' ')}`);
		}
		for (const name of asked) if (!warned.includes(name)) problems.push(`the sticky note asks to set the credential of "${name}", but the editor does not say it is missing`);
		await checks.none(problems, `example ${file}: opens without warnings other than the credentials its sticky note asks for (${[...asked].join(', ') || 'none'})`);
	}
}
