/**
 * The layout rules that imports can break (docs/development.md, "Rules the layout keeps"): no
 * import circle anywhere in nodes/, and no runtime code importing a screen (a description file).
 */
import { importCycles, nodesImportGraph } from '../helpers/importGraph';

const graph = nodesImportGraph();

/** Screens: `*.description.ts` in resources/, the triggers' `description.ts`. */
const isScreen = (file: string) => /(^|[/.])description\.ts$/.test(file);
/** Where screens are put together: the node classes, and screens adding shared parts. */
const mayImportScreens = (file: string) => file.endsWith('.node.ts') || isScreen(file);

describe('imports in nodes/', () => {
	it('reads the whole package (a parser that found nothing would pass anything)', () => {
		expect(graph.size).toBeGreaterThan(50);
		expect(graph.get('Moment/Moment.node.ts')).toEqual(expect.arrayContaining(['Moment/actions/router.ts', 'Moment/resources/customer/customer.description.ts']));
		expect(graph.get('Moment/actions/operations.ts')).toEqual(expect.arrayContaining(['Moment/catalog/index.ts', 'Moment/transport/index.ts']));
	});

	it('form no circle, type-only imports included', () => {
		expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
	});

	it('finds a circle when there is one (the check above can fail)', () => {
		const circle = new Map([
			['a.ts', ['b.ts']],
			['b.ts', ['c.ts']],
			['c.ts', ['a.ts']],
			['d.ts', ['a.ts']],
		]);
		expect(importCycles(circle).map((cycle) => cycle.join(' -> '))).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
	});

	it('never run back up: transport/ imports only itself, catalog/ and values.ts; facts only catalog/types.ts', () => {
		const outside = (file: string, allowed: (target: string) => boolean) =>
			(graph.get(file) ?? []).filter((target) => !allowed(target)).map((target) => `${file} imports ${target}`);
		const transport = [...graph.keys()].filter((file) => file.startsWith('Moment/transport/'));
		const facts = [...graph.keys()].filter((file) => file.endsWith('.facts.ts'));
		expect(transport.length).toBeGreaterThan(5);
		expect(facts.length).toBeGreaterThanOrEqual(10);
		expect([
			...transport.flatMap((file) => outside(file, (target) => /^Moment\/(transport|catalog)\//.test(target) || target === 'Moment/values.ts')),
			...facts.flatMap((file) => outside(file, (target) => target === 'Moment/catalog/types.ts')),
		]).toEqual([]);
	});

	it('never bring a screen into runtime code: only the node classes and other screens import description files', () => {
		const offenders = [...graph].flatMap(([file, targets]) =>
			mayImportScreens(file) ? [] : targets.filter(isScreen).map((screen) => `${file} imports ${screen}`),
		);
		expect(offenders).toEqual([]);
	});
});
