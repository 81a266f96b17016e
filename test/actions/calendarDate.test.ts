/**
 * The calendar date rule (actions/calendarDate.ts): the day the user meant, whatever the time zone
 * of the machine (npm test runs this under TZ=Pacific/Auckland and TZ=America/Los_Angeles) or of
 * the workflow.
 */
import { DateTime } from 'luxon';

import { dayInTimeZone, toCalendarDate } from '../../nodes/Moment/actions/parameters';
import { parseDuration } from '../../nodes/Moment/resources/timeRecord/duration';

const ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'UTC'];

describe('calendar dates', () => {
	it.each([
		['2026-12-01'],
		['2026-12-01T00:00:00'],
		['2026-12-01T23:59:59'],
		['2026-12-01T00:00:00.000+13:00'],
		['2026-12-01T23:30:00.000-08:00'],
		['2026-12-01T23:30:00Z'],
		[' 2026-12-01 '],
		['2026-12-01 08:00'],
	])('%j is 2026-12-01 in every workflow time zone', (text) => {
		for (const zone of ZONES) expect([zone, toCalendarDate(text, zone)]).toEqual([zone, '2026-12-01']);
	});

	it('a Luxon DateTime is its own day in its own zone ($today, $now)', () => {
		for (const zone of ZONES) {
			const midnight = DateTime.fromObject({ year: 2026, month: 12, day: 1 }, { zone });
			expect(toCalendarDate(midnight, 'UTC')).toBe('2026-12-01');
			expect(toCalendarDate(midnight.plus({ hours: 23, minutes: 59 }), 'Pacific/Auckland')).toBe('2026-12-01');
		}
	});

	it('a JavaScript Date (an instant) is its day in the workflow time zone', () => {
		const instant = new Date('2026-12-01T11:30:00Z');
		expect(toCalendarDate(instant, 'Pacific/Auckland')).toBe('2026-12-02');
		expect(toCalendarDate(instant, 'America/Los_Angeles')).toBe('2026-12-01');
		expect(dayInTimeZone(new Date('2026-12-01T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-11-30');
	});

	it.each(['', 'tomorrow', '2026-02-30', '2026-13-01', '01.12.2026', '20261201', '2026-12-1', null, 20261201, {}, DateTime.invalid('x')])(
		'%j is not a day',
		(value) => {
			expect(toCalendarDate(value, 'UTC')).toBeUndefined();
		},
	);
});

describe('durations', () => {
	it.each([
		[90, 90], ['90', 90], ['90m', 90], ['90 min', 90], ['90 minutes', 90], ['1:30', 90], ['0:05', 5], ['1h30m', 90],
		['1h 30m', 90], ['1 h 30 min', 90], ['1.5h', 90], ['1,5 h', 90], ['.5h', 30], ['2 hours', 120], ['2 timer', 120],
		['0.33h', 20], ['PT1H30M', 90], ['pt45m', 45], ['24h', 1440], [' 2H ', 120],
	])('%j is %i minutes', (raw, minutes) => {
		expect(parseDuration(raw)).toEqual({ minutes });
	});

	it.each([
		['1.5', 'has no unit'], [1.5, 'is not a whole number of minutes'], ['1:75', 'is not understood'], ['-30', 'is not understood'],
		['0', 'is less than 1 minute'], ['0h', 'is less than 1 minute'], ['1441', 'more than 24 hours'], ['PT', 'is not understood'],
		['', 'is not understood'], ['two hours', 'is not understood'], [null, 'must be text or a number'], [Number.NaN, 'is not understood'],
	])('%j is refused: %s', (raw, reason) => {
		const result = parseDuration(raw);
		expect('error' in result && result.error).toContain(reason);
	});
});
