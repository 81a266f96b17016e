/**
 * Reading time records: no Include (Moment refused /include/base on timeRecords), minutes and
 * hours as numbers, and Get Many never returns a record outside the range asked for, however
 * Moment pages them. Runs under two time zones in npm test (TZ=Pacific/Auckland and
 * TZ=America/Los_Angeles, scripts/test.sh).
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { byId, jsonOf, moment, PREFIX, runMoment, runMomentFailure, useMomentNock } from '../helpers/momentNode';

useMomentNock();

/** One page of a list of `totalElements` records (the whole list when not given). */
function page(content: IDataObject[], number: number, totalPages: number, size = 500, totalElements = content.length) {
	return { content, page: { number, size, totalElements, totalPages } };
}

function record(id: number, timeRecordDate: string, extra: IDataObject = {}): IDataObject {
	return { id, timeRecordDate, minutes: 60, projectId: 7, userAccountId: 5, ...extra };
}

describe('Get a time record', () => {
	it('sends no Include, even from a workflow that has one saved, and outputs minutes and hours', async () => {
		moment().get(`${PREFIX}/timeRecords/900`).reply(200, record(900, '2026-12-01', { minutes: 45 }));
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'get', id: byId('900'), simple: false, options: { include: 'base' } },
		});
		expect(jsonOf(items)).toEqual([record(900, '2026-12-01', { minutes: 45, hours: 0.75 })]);
	});

	it('keeps a minutes value that is not a number as Moment sent it', async () => {
		moment().get(`${PREFIX}/timeRecords/901`).reply(200, { id: 901, minutes: 'n/a' });
		const { items } = await runMoment({ parameters: { resource: 'timeRecord', operation: 'get', id: byId('901'), simple: false } });
		expect(jsonOf(items)).toEqual([{ id: 901, minutes: 'n/a' }]);
	});
});

describe('Get Many time records', () => {
	const week = { fromDate: '2026-11-23', toDate: '2026-11-29' };

	it('never returns a record outside Date From / Date To; reads pages until Limit is met', async () => {
		// Moment ignores the range: page 0 has one record in range, page 1 two more (pages 1 and 2 are read together)
		moment()
			.get(`${PREFIX}/timeRecords`)
			.query({ ...week, page: 0, size: 500 })
			.reply(200, page([record(1, '2026-11-22'), record(2, '2026-11-23'), record(3, '2026-11-30')], 0, 3, 500, 7));
		moment()
			.get(`${PREFIX}/timeRecords`)
			.query({ ...week, page: 1, size: 500 })
			.reply(200, page([record(4, '2026-12-24'), record(5, '2026-11-29'), record(6, '2026-11-25')], 1, 3, 500, 7));
		moment()
			.get(`${PREFIX}/timeRecords`)
			.query({ ...week, page: 2, size: 500 })
			.reply(200, page([record(7, '2026-11-24')], 2, 3));
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'getAll', limit: 3, filters: week, simple: false },
		});
		expect(items.map((item) => [item.json.id, item.json.timeRecordDate])).toEqual([
			[2, '2026-11-23'],
			[5, '2026-11-29'],
			[6, '2026-11-25'],
		]);
	});

	it('re-checks user, project, activity and task on the records', async () => {
		const filters = { userAccountId: '5', projectId: '7', projectExtensionId: '8', taskId: '9' };
		const matching = { projectExtensionId: 8, taskId: 9 };
		moment()
			.get(`${PREFIX}/timeRecords`)
			.query({ ...filters, page: 0, size: 500 })
			.reply(
				200,
				page(
					[
						record(1, '2026-11-23', matching),
						record(2, '2026-11-23', { ...matching, userAccountId: 6 }),
						record(3, '2026-11-23', { ...matching, projectId: 70 }),
						record(4, '2026-11-23', { ...matching, taskId: null, projectExtensionId: 80 }),
					],
					0,
					1,
				),
			);
		const { items } = await runMoment({ parameters: { resource: 'timeRecord', operation: 'getAll', returnAll: true, filters } });
		expect(items.map((item) => item.json.id)).toEqual([1]);
	});

	it.each([
		['plain days', '2026-11-23', '2026-11-29'],
		['the date picker (no offset)', '2026-11-23T00:00:00', '2026-11-29T00:00:00'],
		['ISO strings with far-apart offsets', '2026-11-23T00:00:00.000+13:00', '2026-11-29T23:59:59.000-08:00'],
		['Luxon DateTimes in Auckland', DateTime.fromISO('2026-11-23T00:30:00', { zone: 'Pacific/Auckland' }), DateTime.fromISO('2026-11-29T23:30:00', { zone: 'Pacific/Auckland' })],
		['Luxon DateTimes in Los Angeles', DateTime.fromISO('2026-11-23T23:30:00', { zone: 'America/Los_Angeles' }), DateTime.fromISO('2026-11-29T00:10:00', { zone: 'America/Los_Angeles' })],
	])('sends and checks the days the user meant from %s, whatever the time zone', async (_what, fromDate, toDate) => {
		moment()
			.get(`${PREFIX}/timeRecords`)
			.query({ ...week, page: 0, size: 500 })
			.reply(200, page([record(1, '2026-11-22'), record(2, '2026-11-23'), record(3, '2026-11-29'), record(4, '2026-11-30')], 0, 1));
		const { items } = await runMoment({
			parameters: { resource: 'timeRecord', operation: 'getAll', returnAll: true, filters: { fromDate, toDate } },
		});
		expect(items.map((item) => item.json.timeRecordDate)).toEqual(['2026-11-23', '2026-11-29']);
	});

	it('refuses a Date From that is not a day, before any request', async () => {
		const { error, sent } = await runMomentFailure({
			parameters: { resource: 'timeRecord', operation: 'getAll', returnAll: true, filters: { fromDate: 'last week' } },
		});
		expect(sent).toHaveLength(0);
		expect(error.message).toBe('Filter "fromDate": "last week" is not a calendar date');
	});

	it('Simplify keeps the fields reports need: date, minutes, hours, user, project, activity, task, description', async () => {
		const full = {
			id: 1, projectId: 7, projectName: 'Website', projectExtensionId: 8, projectExtensionName: 'Design', userAccountId: 5,
			timeRecordDate: '2026-11-23', minutes: 90, description: 'Workshop', internalNote: 'n', taskId: 9, taskName: 'Wireframes',
			taskNumber: '3', taskState: 'open',
		};
		moment().get(`${PREFIX}/timeRecords`).query({ page: 0, size: 50 }).reply(200, page([full], 0, 1, 50));
		const { items } = await runMoment({ parameters: { resource: 'timeRecord', operation: 'getAll', limit: 50 } });
		expect(items[0].json).toEqual({
			id: 1, timeRecordDate: '2026-11-23', minutes: 90, hours: 1.5, userAccountId: 5, projectId: 7, projectName: 'Website',
			projectExtensionName: 'Design', taskName: 'Wireframes', description: 'Workshop',
		});
	});
});
