/** What the poll trigger's tests share: default parameters, a simulator per file, a short summary of items. */
import type { IDataObject } from 'n8n-workflow';

import { resetRateLimits } from '../../nodes/Moment/transport/rateLimit';
import type { EntityCounts, Simulator, SimulatorOptions } from '../simulator/index';
import { startSimulator } from '../simulator/index';

/** The node's defaults, as a new Moment Poll Trigger has them. */
export const DEFAULT_PARAMETERS: IDataObject = { resource: 'invoice', event: 'newOrChanged', includeDeleted: false, start: 'nothing', fetchFullRecord: false, filters: {}, options: {} };

/** One simulator for the test file (rate limit off unless asked), reseeded and with fresh pacing before each test. */
export function useSimulator(counts: EntityCounts, started: (sim: Simulator) => void, options: SimulatorOptions = {}): void {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ rateLimit: false, counts, ...options });
		started(sim);
	});
	afterAll(() => sim.close());
	beforeEach(() => {
		sim.reset({ counts });
		resetRateLimits();
	});
}

/** `event id` of each item, sorted: what a poll emitted, at a glance. */
export const summary = (items: IDataObject[] | null): string[] => (items ?? []).map((item) => `${String(item.event)} ${String(item.id)}`).sort();
