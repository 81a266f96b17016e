/**
 * What users (and AI agents) see on the Moment node's screens, as n8n evaluates them: which
 * parameters each resource and operation show, in which node version, with which defaults.
 */
import type { INodePropertyModeValidation, INodePropertyOptions } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { RECORD_ID_PATTERN, RESOURCES } from '../../nodes/Moment/catalog';
import { DESCRIPTION, optionNames, shown, shownProperty, storedParameters } from './screens';

const VERSIONS = [1, 1.1];

describe('the node', () => {
	it('is the Moment action node, version 1.1 for new nodes (1 still loads), usable as an AI tool', () => {
		expect(DESCRIPTION).toMatchObject({
			name: 'moment',
			version: [1, 1.1],
			usableAsTool: true,
			// Event > Pass Each Once calls no API (test/events/screen.test.ts)
			credentials: [{ name: 'momentApi', required: true, displayOptions: { hide: { resource: ['event'] } } }],
			inputs: ['main'],
		});
	});

	it('gives new nodes version 1.1, the last one, and has no defaultVersion so that n8n offers Custom API Call', () => {
		// n8n's editor takes defaultVersion, else the last version; its server adds Custom API Call
		// to Resource and Operation only when defaultVersion is unset or equals `version`
		expect(DESCRIPTION.defaultVersion).toBeUndefined();
		expect((DESCRIPTION.version as number[]).slice(-1)).toEqual([1.1]);
	});

	it('offers every catalog resource, Moment API (Check Compatibility) and, from version 1.1 on, Event (neither offered to AI agents: test/events/screen.test.ts, test/compatibility/failures.test.ts); new nodes open on Invoice, version-1 nodes keep Claim', () => {
		for (const version of VERSIONS) {
			for (const tool of [false, true]) {
				const resource = shownProperty('invoice', 'get', 'resource', { version, tool });
				const event = version >= 1.1 ? ['event'] : [];
				expect(optionNames(resource).sort()).toEqual([...RESOURCES.map((r) => r.value), 'momentApi', ...event].sort());
			}
		}
		for (const version of VERSIONS) {
			expect(optionNames(shownProperty('momentApi', 'checkCompatibility', 'operation', { version }))).toEqual(['checkCompatibility']);
			expect(shown('momentApi', 'checkCompatibility', { version }).map((property) => property.name).filter((name) => name !== 'resource')).toEqual(['operation', 'checkCompatibilityNotice']);
		}
		expect(storedParameters(undefined, undefined).resource).toBe('invoice');
		expect(storedParameters(undefined, undefined, { version: 1 }).resource).toBe('claim');
	});

	it.each(RESOURCES.map((r) => [r.value, r] as const))('%s: offers exactly its catalog operations, opening on Get', (_value, resource) => {
		const opening = resource.operations.includes('get') ? 'get' : resource.operations[0];
		for (const version of VERSIONS) {
			const operation = shownProperty(resource.value, resource.operations[0], 'operation', { version });
			expect(optionNames(operation).sort()).toEqual([...resource.operations].sort());
			expect(operation.default).toBe(opening);
			for (const option of operation.options as INodePropertyOptions[]) {
				// n8n shows `action` in the nodes panel and gives it, with `description`, to AI agents
				const one = resource.displayName.toLowerCase();
				const oneWithArticle = `${/^[aeio]/.test(one) ? 'an' : 'a'} ${one}`; // a user
				expect(option.action).toBe(option.value === 'getAll' ? `Get many ${resource.plural}` : `${option.name} ${oneWithArticle}`);
				expect(option.description).toContain(option.value === 'getAll' ? resource.plural : one);
			}
		}
	});

	it('offers invoices read-only, with n8n wording for actions', () => {
		const operation = shownProperty('invoice', 'get', 'operation');
		expect((operation.options as INodePropertyOptions[]).map(({ name, value, action }) => ({ name, value, action }))).toEqual([
			{ name: 'Get', value: 'get', action: 'Get an invoice' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoices' },
		]);
	});

	it('never shows two parameters of one name for a resource and operation, in any version or as a tool', () => {
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				for (const version of VERSIONS) {
					for (const tool of [false, true]) {
						const names = shown(resource.value, operation, { version, tool }).map((property) => property.name);
						expect([resource.value, operation, version, tool, new Set(names).size]).toEqual([resource.value, operation, version, tool, names.length]);
					}
				}
			}
		}
	});
});

describe('the record picker', () => {
	it('is shown for Get, Update and Delete, with a searchable list and the one ID rule for By ID', () => {
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				const picker = shown(resource.value, operation).find((property) => property.name === 'id');
				expect([operation, picker !== undefined]).toEqual([operation, ['get', 'update', 'delete'].includes(operation)]);
				if (!picker) continue;
				expect(picker.displayName).toBe(resource.displayName);
				expect(picker.default).toEqual({ mode: 'list', value: '' });
				const [list, byId] = picker.modes ?? [];
				expect(list.typeOptions).toEqual({ searchListMethod: 'searchRecords', searchable: true });
				const regex = (byId.validation?.[0] as INodePropertyModeValidation & { properties: { regex: string } }).properties.regex;
				expect(regex).toBe(RECORD_ID_PATTERN);
			}
		}
		expect(Object.keys(new Moment().methods.listSearch).sort()).toEqual(
			['searchActivities', 'searchProjects', 'searchRecords', 'searchTasks', 'searchUsers'],
		);
	});
});

describe('what n8n stores for each screen (version 1.1)', () => {
	it.each([
		['customer', 'create', { name: '', additionalFields: {}, otherFieldsJson: '{}', options: {} }],
		['customer', 'update', { id: { __rl: true, mode: 'list', value: '' }, updateFields: {}, otherFieldsJson: '{}', options: {} }],
		['claim', 'create', { otherFieldsJson: '{}', options: {} }],
		['project', 'delete', { id: { __rl: true, mode: 'list', value: '' }, options: {} }],
		['offer', 'get', { id: { __rl: true, mode: 'list', value: '' }, simple: true, options: {} }],
		['invoice', 'getAll', { returnAll: false, limit: 50, filters: {}, simple: true, options: {} }],
	])('%s > %s', (resource, operation, parameters) => {
		expect(storedParameters(resource, operation)).toEqual({ resource, operation, ...parameters });
	});

	it('version 1 keeps its names: Fields, Additional Fields (JSON), Simplify as an option', () => {
		expect(storedParameters('customer', 'create', { version: 1 })).toEqual({
			resource: 'customer',
			operation: 'create',
			name: '',
			fields: {},
			additionalFieldsJson: '{}',
			options: {},
		});
		expect(storedParameters('invoice', 'getAll', { version: 1 })).toEqual({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: false,
			limit: 50,
			filters: {},
			options: {},
		});
		expect(optionNames(shownProperty('project', 'update', 'options', { version: 1 }))).toEqual(['include', 'parallelRequests', 'simplify']);
		expect(shownProperty('project', 'update', 'additionalFieldsJson', { version: 1 }).displayName).toBe('Additional Fields (JSON)');
		expect(shownProperty('project', 'create', 'fields', { version: 1 }).displayName).toBe('Fields');
	});
});

describe('Simplify', () => {
	it('is a top-level switch of Get and Get Many, on by default in a workflow and for AI agents', () => {
		for (const tool of [false, true]) {
			for (const operation of ['get', 'getAll']) {
				const simplify = shownProperty('project', operation, 'simple', { tool });
				expect(simplify).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
			}
			for (const operation of ['create', 'update', 'delete']) {
				expect(shown('project', operation, { tool }).some((property) => property.name === 'simple')).toBe(false);
			}
		}
	});
});

describe('Options', () => {
	it('Parallel Requests: 5 for reads, 1 for writes, and the write text says what a failure does', () => {
		const parallel = (resource: string, operation: string) =>
			(shownProperty(resource, operation, 'options').options as Array<{ name: string; default: unknown; description?: string }>).find(
				(option) => option.name === 'parallelRequests',
			)!;
		for (const version of VERSIONS) {
			expect(parallel('invoice', 'get').default).toBe(5);
			expect(parallel('invoice', 'getAll').default).toBe(5);
			for (const operation of ['create', 'update', 'delete']) {
				const write = parallel('customer', operation);
				expect([operation, version, write.default]).toEqual([operation, version, 1]);
				expect(write.description).toContain('after a failure no further item is started');
				expect(write.description).toContain("the items already being written when one fails still finish; the node's error then lists every item already applied in Moment");
			}
		}
	});

	it('Include is offered for every resource that takes one, not for Delete', () => {
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				const names = optionNames(shownProperty(resource.value, operation, 'options'));
				expect([resource.value, operation, names.includes('include')]).toEqual([resource.value, operation, resource.takesInclude && operation !== 'delete']);
			}
		}
	});
});
