import type { INodeExecutionData } from 'n8n-workflow';

import type { Outcome } from '../../nodes/Moment/actions/orderedPool';
import { itemRanges, writeReport } from '../../nodes/Moment/actions/writeReport';

const done = (json: INodeExecutionData['json']): Outcome<INodeExecutionData[]> => ({ status: 'done', value: [{ json }] });
const failed: Outcome<INodeExecutionData[]> = { status: 'failed', error: new Error('Moment answered 500') };

describe('itemRanges', () => {
	it.each([
		[[0], '0'],
		[[0, 1], '0 and 1'],
		[[0, 1, 2], '0–2'],
		[[0, 1, 2, 4, 5], '0–2, 4 and 5'],
		[[3, 7, 8, 9, 10, 12], '3, 7–10 and 12'],
	])('%j reads %s', (indexes, text) => {
		expect(itemRanges(indexes)).toBe(text);
	});
});

describe('writeReport', () => {
	it('names every created record up to 20 IDs, says how many more, and keeps all of them in `applied`', () => {
		const outcomes = [...Array.from({ length: 25 }, (_, i) => done({ id: 100 + i })), failed];
		const report = writeReport(outcomes, 25, 'created', 'Project')!;
		expect(report.summary).toBe('items 0–24 were already created in Moment');
		expect(report.details).toBe(
			`Items 0–24 were already created in Moment (Project ${Array.from({ length: 20 }, (_, i) => 100 + i).join(', ')} and 5 more, all in the error's context); running the node again would create them again.`,
		);
		expect(report.applied).toHaveLength(25);
		expect(report.applied[24]).toEqual({ item: 24, id: 124 });
	});

	it('counts created records Moment returned no ID for', () => {
		const report = writeReport([done({ id: 7 }), done({ created: true }), failed], 2, 'created', 'Claim')!;
		expect(report.details).toBe(
			'Items 0 and 1 were already created in Moment (Claim 7; 1 without an ID in Moment\'s answer); running the node again would create them again.',
		);
		expect(report.applied).toEqual([
			{ item: 0, id: 7 },
			{ item: 1, id: null },
		]);
	});

	it('has nothing to add when the only item failed', () => {
		expect(writeReport([failed], 0, 'deleted', 'Offer')).toBeUndefined();
	});
});
