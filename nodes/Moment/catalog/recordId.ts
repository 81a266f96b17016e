/**
 * catalog/: the one rule for Moment record IDs (map: docs/development.md).
 * The one rule for Moment record IDs: a positive whole number of at most 19 digits (64-bit),
 * written without leading zeros, e.g. 106939080 (assumed from every ID documented or observed;
 * README, "Assumptions about Moment"). The record picker's By ID check, the parameters the action
 * node reads, the list search and (for the trigger) payload IDs all use it, so the picker never
 * offers an ID the node would refuse.
 */

/** The rule as a regular expression source, for the editor's By ID validation. */
export const RECORD_ID_PATTERN = '^[1-9][0-9]{0,18}$';
const RECORD_ID = new RegExp(RECORD_ID_PATTERN);

/**
 * The ID as text when `raw` is a valid Moment ID: digits (spaces around them ignored) or a
 * number. A number above 2^53 is refused: it has already lost digits, so it would name another
 * record. Returns undefined for anything else.
 */
export function parseRecordId(raw: unknown): string | undefined {
	let text: string;
	if (typeof raw === 'number') text = Number.isSafeInteger(raw) ? String(raw) : '';
	else if (typeof raw === 'string') text = raw.trim();
	else return undefined;
	return RECORD_ID.test(text) ? text : undefined;
}

/**
 * A valid ID (from parseRecordId) as Moment's JSON carries IDs: a number when a JSON number holds
 * it exactly, else the digit text (above 2^53).
 */
export function recordIdForJson(id: string): number | string {
	const value = Number(id);
	return Number.isSafeInteger(value) ? value : id;
}
