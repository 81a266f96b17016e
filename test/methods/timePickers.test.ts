/**
 * The record pickers of a time record: projects, users (with e-mail), the activities of the chosen
 * project and the tasks of the chosen activity, closed ones marked, re-checked on the records in
 * case Moment ignores the filter.
 */
import { Moment } from '../../nodes/Moment/Moment.node';
import { LIST_PAGE_SIZE } from '../../nodes/Moment/methods/listSearch';
import { createLoadOptionsContext } from '../helpers/context';
import { moment, PREFIX, useMomentNock } from '../helpers/momentNode';

useMomentNock();

const { searchActivities, searchTasks, searchUsers, searchProjects } = new Moment().methods.listSearch;

function page(content: unknown[]) {
	return { content, page: { number: 0, size: LIST_PAGE_SIZE, totalElements: content.length, totalPages: 1 } };
}

describe('time record pickers', () => {
	it('lists the activities of the chosen project, closed ones marked, others dropped', async () => {
		moment()
			.get(`${PREFIX}/projectExtensions`)
			.query({ projectId: '62788980', page: 0, size: LIST_PAGE_SIZE })
			.reply(
				200,
				page([
					{ id: 11, name: 'Design', projectId: 62788980 },
					{ id: 12, name: 'Old work', projectId: 62788980, projectExtensionState: 'closed' },
					{ id: 13, name: 'Other project', projectId: 1 },
				]),
			);
		const { ctx } = createLoadOptionsContext({
			resource: 'timeRecord',
			projectId: { __rl: true, mode: 'list', value: '62788980' },
		});
		await expect(searchActivities.call(ctx)).resolves.toEqual({
			results: [
				{ name: 'Design', value: '11' },
				{ name: 'Old work (closed)', value: '12' },
			],
			paginationToken: undefined,
		});
	});

	it('on Update, takes the project from Update Fields; without any project, lists every activity', async () => {
		moment()
			.get(`${PREFIX}/projectExtensions`)
			.query({ projectId: '7', page: 0, size: LIST_PAGE_SIZE })
			.reply(200, page([{ id: 11, name: 'Design', projectId: 7 }]));
		const update = createLoadOptionsContext({ resource: 'timeRecord', updateFields: { projectId: { __rl: true, mode: 'id', value: '7' } } });
		expect((await searchActivities.call(update.ctx)).results).toEqual([{ name: 'Design', value: '11' }]);
		moment().get(`${PREFIX}/projectExtensions`).query({ page: 0, size: LIST_PAGE_SIZE }).reply(200, page([{ id: 11, name: 'Design' }]));
		const none = createLoadOptionsContext({ resource: 'timeRecord' });
		expect((await searchActivities.call(none.ctx)).results).toEqual([{ name: 'Design', value: '11' }]);
	});

	it('lists the tasks of the chosen activity as "number - name", closed ones marked', async () => {
		moment()
			.get(`${PREFIX}/tasks`)
			.query({ projectExtensionId: '11', page: 0, size: LIST_PAGE_SIZE })
			.reply(
				200,
				page([
					{ id: 21, taskNumber: '1', name: 'Wireframes', projectExtensionId: 11, taskState: 'open' },
					{ id: 22, taskNumber: '2', name: 'Logo', projectExtensionId: 11, taskState: 'closed' },
					{ id: 23, taskNumber: '3', name: 'Elsewhere', projectExtensionId: 99 },
				]),
			);
		const { ctx } = createLoadOptionsContext({ resource: 'timeRecord', projectExtensionId: { __rl: true, mode: 'list', value: '11' } });
		expect((await searchTasks.call(ctx)).results).toEqual([
			{ name: '1 - Wireframes', value: '21' },
			{ name: '2 - Logo (closed)', value: '22' },
		]);
	});

	it('lists users with their e-mail (base+email) and projects, searchable', async () => {
		moment()
			.get(`${PREFIX}/userAccounts/include/base+email`)
			.query({ query: 'kari', page: 0, size: LIST_PAGE_SIZE })
			.reply(200, page([{ id: 5, name: 'Kari Nordmann', email: 'kari@acme.no' }, { id: 6, name: 'Ola', email: 'ola@acme.no' }]));
		const users = createLoadOptionsContext({ resource: 'timeRecord' });
		expect((await searchUsers.call(users.ctx, 'kari')).results).toEqual([{ name: 'Kari Nordmann', value: '5' }]);
		moment().get(`${PREFIX}/projects`).query({ page: 0, size: LIST_PAGE_SIZE }).reply(200, page([{ id: 7, projectNumber: '1', name: 'Website' }]));
		const projects = createLoadOptionsContext({ resource: 'timeRecord' });
		expect((await searchProjects.call(projects.ctx)).results).toEqual([{ name: '1 - Website', value: '7' }]);
	});
});
