/**
 * JSON written with the keys of every object sorted, so two copies of the same content give the
 * same text whatever their key order or spacing. The Moment Trigger's delivery key and the change
 * key (a record without a change stamp) hash this text.
 */

/** JSON text of `value` with every object's keys sorted (own keys, `__proto__` included). */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry === undefined ? null : entry)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const entries = Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
		return `{${entries.join(',')}}`;
	}
	if (typeof value === 'bigint') return JSON.stringify(String(value));
	return JSON.stringify(value) ?? 'null';
}
