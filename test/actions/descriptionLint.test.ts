import { Moment } from '../../nodes/Moment/Moment.node';
import { lintNodeSource as lint } from '../helpers/nodeLint';
import { nodeSource } from './descriptionSource';

const lintNodeSource = async (source: string) => await lint(source, 'Moment', 'regularNode');

describe('generated node description lint', () => {
	it('passes the n8n node parameter rules when written out as literals', async () => {
		expect(await lintNodeSource(nodeSource('Moment', new Moment().description))).toEqual([]);
	});

	it('would catch a rule violation (the check is live)', async () => {
		const description = new Moment().description;
		const broken = {
			...description,
			properties: [
				...description.properties,
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean' as const, default: true, description: 'All of them.' },
			],
		};
		const problems = await lintNodeSource(nodeSource('Moment', broken));
		expect(problems).toEqual([
			expect.stringContaining('node-param-description-boolean-without-whether'),
			expect.stringContaining('node-param-description-excess-final-period'),
			expect.stringContaining('node-param-description-wrong-for-return-all'),
		]);
	});
});
