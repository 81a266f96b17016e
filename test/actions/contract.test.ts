/**
 * The runtime and the screens name parameters independently (runtime code never imports a
 * description file), so this checks they agree: every operation of every resource is run, in both
 * node versions, with the parameters n8n would store, and every parameter the runtime reads must
 * be on that screen with the default the runtime assumes. The other way round, everything the
 * screens offer must reach Moment: every filter, every required field, Include where Moment takes it.
 */
import nock from 'nock';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { RESOURCES } from '../../nodes/Moment/catalog';
import type { MomentResource, OperationName } from '../../nodes/Moment/catalog';
import { SHARED_FILTERS } from '../../nodes/Moment/actions/listQuery';
import { MAX_PARALLEL_REQUESTS } from '../../nodes/Moment/actions/router';
import { BASE_URL, createExecuteContext } from '../helpers/context';
import { useMomentNock } from '../helpers/expectations';
import { sampleValue } from '../helpers/momentNode';
import { optionNames, shown, storedParameters } from './screens';

useMomentNock();

const VERSIONS = [1, 1.1];

interface Read {
	name: string;
	/** The default the runtime assumes; `undefined` when it passes none (the parameter is required). */
	fallback: unknown;
}

/** Answers every request the way Moment would, whatever the resource. */
function answerEverything() {
	nock(BASE_URL)
		.persist()
		.get(/\/api\/1\.0\/companies\/acme\/[A-Za-z]+(\/include\/[^/?]+)?\?/)
		.reply(200, { content: [{ id: 1 }], page: { number: 0, size: 50, totalElements: 1, totalPages: 1 } })
		.get(/\/\d+(\/include\/[^/?]+)?$/)
		.reply(200, { id: 1 })
		.post(/.*/)
		.reply(201, { id: 1 })
		.patch(/.*/)
		.reply(200, { id: 1 })
		.delete(/.*/)
		.reply(204);
}

/** Runs one operation with what n8n stores for it (required values filled in); returns what the runtime read. */
async function runtimeReads(resource: MomentResource, operation: OperationName, version: number): Promise<Read[]> {
	const parameters: IDataObject = {
		...storedParameters(resource.value, operation, { version }),
		...Object.fromEntries(resource.requiredOnCreate.map(({ field }) => [field, sampleValue(resource, field)])),
		id: { __rl: true, mode: 'id', value: '1' },
		otherFieldsJson: '{"a": 1}',
		additionalFieldsJson: '{"a": 1}',
	};
	const { ctx } = createExecuteContext({ parameters, typeVersion: version });
	const read = ctx.getNodeParameter;
	const reads: Read[] = [];
	ctx.getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: object) => {
		reads.push({ name, fallback });
		return read(name, itemIndex, fallback as never, options);
	}) as IExecuteFunctions['getNodeParameter'];
	answerEverything();
	try {
		await new Moment().execute.call(ctx);
	} finally {
		nock.cleanAll();
	}
	return reads;
}

/** The default a screen gives `name` ("options.parallelRequests" reads inside the collection). */
function screenDefault(properties: INodeProperties[], name: string): { found: boolean; value?: unknown } {
	const [top, inner] = name.split('.');
	const property = properties.find((p) => p.name === top);
	if (!property) return { found: false };
	if (inner === undefined) return { found: true, value: property.default };
	const option = (property.options as INodeProperties[] | undefined)?.find((o) => o.name === inner);
	return option ? { found: true, value: option.default } : { found: false };
}

const CASES = RESOURCES.flatMap((resource) =>
	resource.operations.flatMap((operation) => VERSIONS.map((version) => [resource.value, operation, version, resource] as const)),
);

describe('every parameter the runtime reads is on the screen, with the default the runtime assumes', () => {
	it.each(CASES)('%s > %s, version %s', async (_value, operation, version, resource) => {
		const reads = await runtimeReads(resource, operation, version);
		expect(reads.length).toBeGreaterThan(3);
		const properties = shown(resource.value, operation, { version });
		for (const { name, fallback } of reads) {
			const onScreen = screenDefault(properties, name);
			expect({ name, onScreen: onScreen.found }).toEqual({ name, onScreen: true });
			if (fallback !== undefined) expect({ name, default: onScreen.value }).toEqual({ name, default: fallback });
		}
	});
});

describe('everything the screens offer reaches Moment', () => {
	it('every Get Many filter is one the runtime sends, and every filter the runtime sends is offered', () => {
		for (const resource of RESOURCES.filter((r) => r.operations.includes('getAll'))) {
			const filters = shown(resource.value, 'getAll').find((p) => p.name === 'filters')!;
			const runtime = [...SHARED_FILTERS, ...resource.listFilters.map((f) => f.name), 'otherQueryParameters'];
			expect(optionNames(filters).sort()).toEqual(runtime.sort());
		}
	});

	it('the required fields on Create are exactly the catalog\'s, with the same labels', () => {
		const common = ['resource', 'operation', 'additionalFields', 'fields', 'otherFieldsJson', 'additionalFieldsJson', 'options'];
		for (const resource of RESOURCES.filter((r) => r.operations.includes('create'))) {
			for (const version of VERSIONS) {
				const own = shown(resource.value, 'create', { version }).filter((p) => !common.includes(p.name));
				expect(own.map((p) => ({ field: p.name, displayName: p.displayName, required: p.required }))).toEqual(
					resource.requiredOnCreate.map((f) => ({ ...f, required: true })),
				);
			}
		}
	});

	it("the typed fields of Create and Update are exactly the catalog's writable fields", () => {
		for (const resource of RESOURCES) {
			const required = resource.requiredOnCreate.map((f) => f.field);
			if (resource.operations.includes('create')) {
				const additional = shown(resource.value, 'create').find((p) => p.name === 'additionalFields');
				expect([resource.value, additional ? optionNames(additional).sort() : []]).toEqual([
					resource.value,
					resource.writableFields.filter((f) => !required.includes(f)).sort(),
				]);
			}
			if (resource.operations.includes('update')) {
				const update = shown(resource.value, 'update').find((p) => p.name === 'updateFields');
				expect([resource.value, update ? optionNames(update).sort() : []]).toEqual([resource.value, [...resource.writableFields].sort()]);
			}
		}
	});

	it('Parallel Requests allows what the router allows', () => {
		const options = shown('invoice', 'get').find((p) => p.name === 'options')!.options as INodeProperties[];
		expect(options.find((o) => o.name === 'parallelRequests')?.typeOptions).toEqual({ minValue: 1, maxValue: MAX_PARALLEL_REQUESTS });
	});
});
