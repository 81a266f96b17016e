import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { nodeSource } from '../helpers/descriptionSource';
import { lintNodeSource } from '../helpers/nodeLint';

/** The trigger's built description, written out as literals, must pass the n8n node rules. */
const lintTrigger = async (source: string) => await lintNodeSource(source, 'MomentTrigger', 'trigger');

describe('generated trigger description lint', () => {
	it('passes the n8n node parameter rules when written out as literals', async () => {
		expect(await lintTrigger(nodeSource('MomentTrigger', new MomentTrigger().description))).toEqual([]);
	});

	it('would catch a rule violation (the check is live)', async () => {
		const description = new MomentTrigger().description;
		const broken = {
			...description,
			properties: description.properties.map((entry) =>
				entry.name === 'fetchFullRecord' ? { ...entry, description: 'Fetch the record.' } : entry,
			),
		};
		expect(await lintTrigger(nodeSource('MomentTrigger', broken))).toEqual([
			expect.stringContaining('node-param-description-boolean-without-whether'),
			expect.stringContaining('node-param-description-excess-final-period'),
		]);
	});
});
