// Moment API > Check Compatibility in a real n8n (`n8n execute`), against the simulator: with its
// default profile every tested assumption holds; with the dateFiltersIgnored profile exactly
// createdDateFrom and lastModifiedDateFrom differ, for every resource. Reads only, under 100
// requests, and the run data holds neither the API key nor the company code.
import { compatibilityWorkflow, outputItems } from '../lib/workflows.mjs';

const ID = 'e2eCompatCheck01';
const NODE = 'Check Compatibility';

export function compatibilitySetup({ credential }) {
	return compatibilityWorkflow({ id: ID, credential });
}

const tested = (items) => items.filter((item) => item.key !== 'summary' && item.observed !== 'not tested');
const notHolding = (items) => Object.fromEntries(tested(items).filter((item) => item.verdict !== 'holds').map((item) => [item.key, item.verdict]));

async function runCheck({ n8n, sim, checks }, label) {
	sim.clearLog();
	const t0 = Date.now();
	const run = await n8n.execute(ID);
	const ms = Date.now() - t0;
	checks.ok(run.status === 'success' && run.exitCode === 0, `${label}: the check ran successfully (status ${run.status})`, run.data?.resultData?.error?.message);
	const items = outputItems(run, NODE);
	const summary = items[items.length - 1] ?? {};
	const log = sim.log();
	checks.ok(
		summary.key === 'summary' && summary.requests === log.length && log.length < 100 && log.every((entry) => entry.method === 'GET'),
		`${label}: ${log.length} requests, all GET, as the summary says (${summary.requests}); n8n execute took ${(ms / 1000).toFixed(1)} s, the check ${summary.seconds} s`,
		{ summary: summary.requests, log: log.length },
	);
	const text = JSON.stringify(run.data?.resultData?.runData?.[NODE] ?? null);
	checks.ok(!text.includes(sim.apiKey) && !text.includes(`"${sim.companyCode}"`), `${label}: the run data holds neither the API key nor the company code`);
	return { items, summary };
}

export async function compatibilityCheck(ctx) {
	const { sim, checks } = ctx;
	const standard = await runCheck(ctx, 'default profile');
	checks.equal(notHolding(standard.items), {}, `default profile: all ${tested(standard.items).length} tested assumptions hold`);
	checks.ok(standard.summary.resources === 10 && standard.summary.notTestable > 0, `default profile: 10 resources, ${standard.summary.notTestable} assumptions listed as not testable by reading`, standard.summary);

	sim.settings({ profile: 'dateFiltersIgnored' });
	try {
		const ignored = await runCheck(ctx, 'dateFiltersIgnored profile');
		const resources = [...new Set(tested(ignored.items).map((item) => item.key.split('.')[0]))];
		const expected = Object.fromEntries(resources.flatMap((r) => [[`${r}.createdDateFrom`, 'differs'], [`${r}.lastModifiedDateFrom`, 'differs']]));
		checks.equal(notHolding(ignored.items), expected, `dateFiltersIgnored profile: exactly createdDateFrom and lastModifiedDateFrom differ, for each of the ${resources.length} resources`);
		const advice = ignored.items.find((item) => item.key === 'invoice.lastModifiedDateFrom')?.advice ?? '';
		checks.ok(advice.includes('Ask Moment for Changed Records Only'), 'dateFiltersIgnored profile: the advice names the Poll Trigger option to turn off', advice);
		checks.ok(ignored.summary.report?.includes('(invoice.createdDateFrom)'), "dateFiltersIgnored profile: the summary's report names the differing items");
	} finally {
		sim.settings({ profile: 'default' });
	}
}
