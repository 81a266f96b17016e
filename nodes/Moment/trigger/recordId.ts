/**
 * The one rule for a record id in a webhook body: a positive whole number without leading zeros,
 * at most 19 digits (Moment's ids are 64-bit at most), given as a JSON number or as digit text
 * (spaces around it are ignored). The same rule as the transport's RECORD_ID_PATTERN, so an id the
 * trigger accepts can always be fetched. Text with leading zeros ("0006109") looks like a number
 * users see (a project number), not an id, and is refused.
 */
import { describeValue } from './text';

const DIGITS = /^[1-9][0-9]{0,18}$/;

/** `problem` completes a sentence about the field: `"claim.id" ${problem}`. */
export type RecordIdReading = { ok: true; id: number | string } | { ok: false; problem: string };

/** `raw` as an id: a number when a JSON number holds it exactly, else the digit text. */
export function readRecordId(raw: unknown): RecordIdReading {
	if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1) return { ok: true, id: raw };
	if (typeof raw === 'string' && DIGITS.test(raw.trim())) {
		const text = raw.trim();
		const value = Number(text);
		return { ok: true, id: Number.isSafeInteger(value) ? value : text };
	}
	const what = `is ${describeValue(raw)}`;
	if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) {
		return { ok: false, problem: `${what}, too large to be read exactly as a JSON number` };
	}
	if (typeof raw === 'string' && /^0+\d/.test(raw.trim())) {
		return { ok: false, problem: `${what}, with leading zeros: that looks like a number users see, not an id` };
	}
	if (typeof raw === 'string' && /^\d{20,}$/.test(raw.trim())) return { ok: false, problem: `${what}, longer than 19 digits` };
	if (raw === undefined || raw === null) return { ok: false, problem: what };
	return { ok: false, problem: `${what}, not a positive whole number` };
}
