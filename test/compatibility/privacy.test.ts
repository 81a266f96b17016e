/**
 * No item of Check Compatibility carries the API key, the company's data values or record
 * content: only field names, counts, status codes and verdicts. Every text field of every record
 * in the simulator is set to a recognisable value, the key and company code are recognisable too,
 * and Moment's error messages carry one; none of them, no record ID and no record date may appear
 * anywhere in the output, in the default profile and in profiles that make the check say more.
 */
import type { IDataObject } from 'n8n-workflow';

import { runMomentOnSimulator } from '../helpers/momentNode';
import { credentialsFor } from '../simulator/httpClient';
import type { ApiProfileName, EntityName, Simulator } from '../simulator/index';
import { ENTITY_NAMES, startSimulator } from '../simulator/index';

jest.setTimeout(90000);

const CANARY = 'Kanarifugl';
const KEY_CANARY = 'dummy-canary-apikey-kanarifugl';
const COMPANY = 'kanarico';
/** Fields whose values the check's probes depend on (states, days, stamps): left as seeded. */
const KEEP = /(Date|State|Type|version|currencyCode|Number|email)$/;

let sim: Simulator;
const ids = new Set<string>();
const dates = new Set<string>();

/** Every text field of every record of `entity` set to a canary value naming it. */
function canaryRecords(entity: EntityName): void {
	for (const record of sim.data(entity, { companyCode: COMPANY })) {
		ids.add(String(record.id));
		const fields: IDataObject = {};
		for (const [field, value] of Object.entries(record)) {
			if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) dates.add(value.slice(0, 10));
			else if (typeof value === 'string' && field !== 'id' && !KEEP.test(field)) fields[field] = `${CANARY} ${entity} ${field} ${record.id}`;
		}
		sim.changeRecord(entity, record.id, fields, { companyCode: COMPANY });
	}
	for (const record of sim.data(entity, { companyCode: COMPANY })) {
		for (const [field, value] of Object.entries(record)) if (typeof value === 'string' && field.endsWith('Date')) dates.add(value.slice(0, 10));
	}
}

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, companies: [{ code: COMPANY, apiKeys: [KEY_CANARY] }] });
	for (const entity of ENTITY_NAMES) canaryRecords(entity);
});
afterAll(() => sim.close());

async function checkOutput(profile: ApiProfileName): Promise<string> {
	sim.settings({ profile });
	// Moment's own error texts carry data too: one refused read says a record's name
	sim.setFaults([{ status: 400, path: '/offers/include', message: `${CANARY} offer name in an error`, every: 1 }]);
	const run = await runMomentOnSimulator(sim, { parameters: { resource: 'momentApi', operation: 'checkCompatibility' }, credentials: credentialsFor(sim, KEY_CANARY) });
	if (run.error) throw run.error;
	expect(run.items?.find((item) => item.json.key === 'offer.include')?.json).toMatchObject({ verdict: 'differs', observed: '400 (refused)' });
	return JSON.stringify(run.items?.map((item) => item.json));
}

describe.each<ApiProfileName>(['default', 'textIds', 'bareArray', 'noChangeStamp'])('profile %s', (profile) => {
	let output: string;
	beforeAll(async () => {
		output = await checkOutput(profile);
	});

	it('holds none of the records\' values (every text field was set to a recognisable one)', () => {
		expect(ids.size).toBeGreaterThan(500);
		expect(output).not.toContain(CANARY);
		expect(output.toLowerCase()).not.toContain('kanari');
	});

	it('holds neither the API key (raw or as Basic auth) nor the company code nor the simulator\'s address', () => {
		expect(output).not.toContain(KEY_CANARY);
		expect(output).not.toContain(Buffer.from(`apikey:${KEY_CANARY}`).toString('base64'));
		expect(output).not.toContain(COMPANY);
		expect(output).not.toContain(sim.url.replace('http://', ''));
	});

	it('holds no record ID and no record date: its numbers are counts (and the year 2999 of its own filters)', () => {
		const numbers = output.match(/\d{5,}/g) ?? [];
		expect(numbers.filter((number) => ids.has(number))).toEqual([]);
		expect(numbers).toEqual([]);
		const days = new Set(output.match(/\d{4}-\d{2}-\d{2}/g) ?? []);
		expect([...days]).toEqual(['2999-01-01']);
		expect([...dates].filter((day) => output.includes(day))).toEqual([]);
	});
});
