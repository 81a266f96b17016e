/**
 * Calendar dates (a day, YYYY-MM-DD, as Moment's timeRecordDate): what the user meant, never
 * shifted by the n8n instance's or the workflow's time zone.
 * - Text starting with YYYY-MM-DD ("2026-12-01", "2026-12-01T00:00:00" from the date picker,
 *   "2026-12-01T00:00:00.000+13:00" from $now.toISO(), "2026-12-01T23:30:00Z"): the day as
 *   written, whatever offset follows, since that is the day the writer had in mind.
 * - A Luxon DateTime ($now, $today, DateTime.fromISO(...)): its day in its own zone.
 * - A JavaScript Date (an instant without a zone): its day in the workflow's time zone.
 * Anything else is not a day: undefined.
 */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

function realDay(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fromText(text: string): string | undefined {
	const match = DAY_PATTERN.exec(text.trim());
	if (!match) return undefined;
	const [day, year, month, dayOfMonth] = match;
	return realDay(Number(year), Number(month), Number(dayOfMonth)) ? day : undefined;
}

/** The day of an instant in a time zone (IANA name), via Intl (no library). */
export function dayInTimeZone(instant: Date, timeZone: string): string | undefined {
	if (Number.isNaN(instant.getTime())) return undefined;
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
	const part = (type: string) => parts.find((p) => p.type === type)?.value;
	return `${part('year')}-${part('month')}-${part('day')}`;
}

interface LuxonLike {
	isValid?: boolean;
	toISODate: () => string | null;
}

function isLuxonLike(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && typeof (value as LuxonLike).toISODate === 'function';
}

/** The calendar day `value` names, or undefined when it names none. */
export function toCalendarDate(value: unknown, workflowTimeZone: string): string | undefined {
	if (typeof value === 'string') return fromText(value);
	if (value instanceof Date) return dayInTimeZone(value, workflowTimeZone);
	if (isLuxonLike(value)) return value.isValid === false ? undefined : fromText(value.toISODate() ?? '');
	return undefined;
}
