/**
 * Reading the date-times the poll trigger compares: the user's "Since" / "Created From" (n8n gives
 * them without a time zone, meant in the workflow's time zone) and the dates on Moment's records
 * (format undocumented: ISO 8601 with a zone is read as it says; without one, in the workflow's
 * time zone, like the user's dates, so the two always compare alike).
 */
import type { IDataObject } from 'n8n-workflow';

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (0 for an unknown zone). */
function zoneOffset(utcMs: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
	} catch {
		return 0;
	}
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Milliseconds of a date-time given as text (ISO 8601), a Date or a Luxon DateTime; undefined if none. */
export function parseDateTime(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (value && typeof value === 'object' && typeof (value as IDataObject).toISO === 'function') {
		return parseDateTime((value as { toISO: () => unknown }).toISO(), timeZone);
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (ZONED.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? undefined : ms;
	}
	const match = LOCAL.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0'] = match;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${fraction}`) * 1000));
	if (Number.isNaN(wall)) return undefined;
	// the zone's offset at that wall time (checked once more across a daylight-saving change)
	const guess = wall - zoneOffset(wall, timeZone);
	return wall - zoneOffset(guess, timeZone);
}

/** The first of `fields` the record carries as a readable date-time, in ms. */
export function recordDate(record: IDataObject, fields: readonly string[], timeZone: string): number | undefined {
	for (const field of fields) {
		const ms = parseDateTime(record[field], timeZone);
		if (ms !== undefined) return ms;
	}
	return undefined;
}
