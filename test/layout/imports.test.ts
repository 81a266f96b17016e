/**
 * The layout rules that imports can break (docs/development.md, "Rules the layout keeps"): no
 * import circle anywhere in nodes/, and no runtime code importing a screen (a description file).
 */
import { join } from 'path';

import { importCycles, importGraph } from '../helpers/importGraph';

const graph = importGraph(join(__dirname, '../../nodes'));

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

	/**
	 * Circles another change is removing, each with where. Issue 23 item 3 (trigger/ sized by
	 * concern) merges these files; when it lands, this list must be empty (the test fails on a
	 * stale entry too).
	 */
	const BEING_REMOVED = ['Moment/trigger/payload.ts -> Moment/trigger/deliveryKey.ts -> Moment/trigger/payload.ts'];

	it('form no circle, type-only imports included', () => {
		const cycles = importCycles(graph).map((cycle) => cycle.join(' -> '));
		expect(cycles.filter((cycle) => !BEING_REMOVED.includes(cycle))).toEqual([]);
		expect(BEING_REMOVED.filter((cycle) => !cycles.includes(cycle))).toEqual([]);
	});

	it('never bring a screen into runtime code: only the node classes and other screens import description files', () => {
		const offenders = [...graph].flatMap(([file, targets]) =>
			mayImportScreens(file) ? [] : targets.filter(isScreen).map((screen) => `${file} imports ${screen}`),
		);
		expect(offenders).toEqual([]);
	});
});
