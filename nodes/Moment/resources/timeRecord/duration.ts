/**
 * resources/timeRecord/: what only time records do (map: docs/development.md).
 * A time record's Duration, as people (and AI agents) type it, in whole minutes:
 * - minutes: 90, "90", "90m", "90 min", "90 minutes";
 * - hours and minutes: "1:30", "1h30m", "1h 30m", "1 h 30 min";
 * - hours: "1.5h", "1,5 h", "2 hours", "2 timer" (Norwegian), rounded to the nearest minute;
 * - ISO 8601: "PT1H30M".
 * At least 1 minute and at most 24 hours (one day's record).
 */
const MAX_MINUTES = 24 * 60;

export type DurationResult = { minutes: number } | { error: string };

const HOURS = '(?:h|hr|hrs|hour|hours|t|time|timer)';
const MINUTES = '(?:m|min|mins|minute|minutes|minutt|minutter)';
const FORMATS: Array<[RegExp, (match: RegExpExecArray) => number]> = [
	[/^(\d+)$/, (m) => Number(m[1])],
	[new RegExp(`^(\\d+)\\s*${MINUTES}$`), (m) => Number(m[1])],
	[/^(\d+):([0-5]\d)$/, (m) => Number(m[1]) * 60 + Number(m[2])],
	[new RegExp(`^(\\d+)\\s*${HOURS}\\s*(\\d+)\\s*${MINUTES}?$`), (m) => Number(m[1]) * 60 + Number(m[2])],
	[new RegExp(`^(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*${HOURS}$`), (m) => Math.round(Number(m[1]) * 60)],
	[/^pt(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m)?$/, (m) => (m[1] || m[2] ? Math.round(Number(m[1] ?? 0) * 60) + Number(m[2] ?? 0) : NaN)],
];

const HOW = 'Give whole minutes (e.g. 90), hours and minutes (1:30 or 1h 30m), or hours (1.5h).';

function inRange(minutes: number, shown: string): DurationResult {
	if (!Number.isFinite(minutes)) return { error: `Duration ${shown} is not understood. ${HOW}` };
	if (minutes < 1) return { error: `Duration ${shown} is less than 1 minute. ${HOW}` };
	if (minutes > MAX_MINUTES) {
		return { error: `Duration ${shown} is ${minutes} minutes, more than 24 hours: one time record covers one day. Split it over several days.` };
	}
	return { minutes };
}

export function parseDuration(raw: unknown): DurationResult {
	if (typeof raw === 'number') {
		if (Number.isFinite(raw) && !Number.isInteger(raw)) {
			return { error: `Duration ${raw} is not a whole number of minutes. For hours, write them with h, e.g. "${raw}h". ${HOW}` };
		}
		return inRange(raw, String(raw));
	}
	if (typeof raw !== 'string') return { error: `Duration must be text or a number; got ${raw === null ? 'null' : typeof raw}. ${HOW}` };
	const text = raw.trim().toLowerCase().replace(/,/g, '.');
	const shown = `"${raw.trim()}"`;
	if (/^\d+\.\d+$/.test(text)) {
		return { error: `Duration ${shown} has no unit: write ${text}h for hours, or whole minutes (e.g. 90).` };
	}
	for (const [pattern, toMinutes] of FORMATS) {
		const match = pattern.exec(text);
		if (match) return inRange(toMinutes(match), shown);
	}
	return { error: `Duration ${shown} is not understood. ${HOW}` };
}
