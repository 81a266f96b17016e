// The pickers of a time record in the editor: with a project chosen, the Activity list shows that
// project's activities (closed ones marked "(closed)") and no other project's; with an activity
// chosen, the Task list (under Additional Fields) shows that activity's tasks.
import { closeNdv, createWorkflow, openNode, openWorkflow, waitUntil } from '../lib/editor.mjs';
import { openRecordList, recordLabels } from '../lib/ndv.mjs';
import { credentialsOf, MANUAL_TRIGGER, nodeAt, startTo } from './workflows.mjs';

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const sorted = (list) => [...list].sort();

/** A project with a closed activity and an activity with tasks (the simulator's seed has both). */
function projectWithActivities(sim) {
	const activities = sim.data('projectExtensions');
	const tasks = sim.data('tasks');
	for (const project of sim.data('projects')) {
		const own = activities.filter((a) => a.projectId === project.id);
		const withTasks = own.find((a) => tasks.some((t) => t.projectExtensionId === a.id));
		if (own.some((a) => a.projectExtensionState === 'closed') && withTasks) {
			return { project, own, withTasks, ownTasks: tasks.filter((t) => t.projectExtensionId === withTasks.id) };
		}
	}
	throw new Error('the simulator has no project with a closed activity and an activity with tasks');
}

export async function timeRecordPickers(ctx) {
	const { page, baseUrl, pkg, sim, checks, credential } = ctx;
	const node = pkg.nodes.find((n) => !n.isTrigger && n.description.properties.some((p) => p.name === 'resource'));
	const { project, own, withTasks, ownTasks } = projectWithActivities(sim);
	const create = nodeAt(node, 'Log Hours', 1, {
		resource: 'timeRecord',
		operation: 'create',
		projectId: byId(project.id),
		// "From list" with the activity picked, so that clicking the field opens the list
		projectExtensionId: { __rl: true, mode: 'list', value: String(withTasks.id), cachedResultName: withTasks.name },
		additionalFields: { taskId: { __rl: true, mode: 'list', value: '' } },
	}, { credentials: credentialsOf(credential) });
	const workflow = await createWorkflow(page, baseUrl, { name: 'UI: time record pickers', nodes: [MANUAL_TRIGGER, create], connections: startTo(create) });
	await openWorkflow(page, baseUrl, workflow);
	const ndv = await openNode(page, create.name);

	await openRecordList(page, ndv, 'projectExtensionId');
	// the list fills in after its first entry shows: wait until it stops growing
	const activities = await waitUntil(() => recordLabels(page), (labels) => labels.length >= own.length);
	const expected = own.map((a) => (a.projectExtensionState === 'closed' ? `${a.name} (closed)` : a.name));
	await checks.check(
		JSON.stringify(sorted(activities)) === JSON.stringify(sorted(expected)),
		`Activity picker lists the ${own.length} activities of project ${project.id} only, closed ones marked: ${expected.join(', ')}`,
		activities,
	);
	await page.keyboard.press('Escape');

	await openRecordList(page, ndv, 'taskId');
	const tasks = await waitUntil(() => recordLabels(page), (labels) => labels.length >= ownTasks.length);
	const expectedTasks = ownTasks.map((t) => `${t.taskNumber} - ${t.name}${t.taskState === 'closed' ? ' (closed)' : ''}`);
	await checks.check(
		JSON.stringify(sorted(tasks)) === JSON.stringify(sorted(expectedTasks)),
		`Task picker lists the ${ownTasks.length} tasks of activity ${withTasks.id} only`,
		tasks,
	);
	await page.keyboard.press('Escape');
	await closeNdv(page);
}
