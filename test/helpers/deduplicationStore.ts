/**
 * n8n's deduplication store for unit tests, ported line by line from n8n's own source:
 * `DeduplicationHelper` in n8n/dist/deduplication/deduplication-helper.js (the same file in n8n
 * 1.123.81 and 2.41.3) over a ProcessedData table shaped like @n8n/db's entity (primary key
 * `workflowId` + `context`, JSON `value`), and the helpers n8n-core binds to a node
 * (execution-engine/node-execution-context/utils/deduplication-helper-functions.js).
 *
 * The table behaves like a database: an INSERT of an existing key fails (unique constraint), an
 * UPDATE changes only a row that exists, a SELECT returns a copy. Each statement takes virtual
 * time (a seeded random latency on the given clock), so executions that overlap interleave
 * between the read and the write exactly where n8n's code lets them.
 */
import { createHash } from 'crypto';
import type { DeduplicationHelperFunctions, DeduplicationItemTypes, DeduplicationScope, ICheckProcessedOptions, IDeduplicationOutput } from 'n8n-workflow';

import type { VirtualClock } from './virtualClock';
import { seededRandom } from './virtualClock';

interface ProcessedDataValue {
	mode: string;
	data: DeduplicationItemTypes | DeduplicationItemTypes[];
}

interface ProcessedDataRow {
	workflowId: string;
	context: string;
	value: ProcessedDataValue;
}

/** What n8n's code reads from the store of one node (its id) in one workflow. */
export interface ContextData {
	workflowId: string;
	nodeId: string;
}

export interface StoreStatement {
	kind: 'select' | 'insert' | 'update' | 'delete';
	context: string;
	/** JSON bytes written (insert, update) or read (select). */
	bytes: number;
}

/** The processed_data table. */
export class ProcessedDataTable {
	readonly rows = new Map<string, ProcessedDataRow>();
	readonly statements: StoreStatement[] = [];
	private readonly random: () => number;

	/** Latency of each statement, from [min, max] ms; `deleteLatencyMs` for DELETE when given. */
	constructor(
		private readonly clock?: VirtualClock['clock'],
		seed = 1,
		private readonly latencyMs: [number, number] = [0.2, 3],
		private readonly deleteLatencyMs?: [number, number],
	) {
		this.random = seededRandom(seed);
	}

	private static id(workflowId: string, context: string) {
		return `${workflowId}\u0000${context}`;
	}

	/** A statement's round trip to the database: virtual time when a clock is given, else a microtask. */
	private async roundTrip(kind?: 'delete') {
		if (!this.clock) return;
		const [min, max] = (kind === 'delete' && this.deleteLatencyMs) || this.latencyMs;
		await this.clock.sleep(min + (max - min) * this.random());
	}

	async findOne(where: { workflowId: string; context: string }): Promise<ProcessedDataRow | null> {
		await this.roundTrip();
		const row = this.rows.get(ProcessedDataTable.id(where.workflowId, where.context));
		this.statements.push({ kind: 'select', context: where.context, bytes: row ? JSON.stringify(row.value).length : 0 });
		return row ? (JSON.parse(JSON.stringify(row)) as ProcessedDataRow) : null;
	}

	async insert(row: ProcessedDataRow): Promise<void> {
		await this.roundTrip();
		const id = ProcessedDataTable.id(row.workflowId, row.context);
		this.statements.push({ kind: 'insert', context: row.context, bytes: JSON.stringify(row.value).length });
		// SQLite's wording; PostgreSQL says "duplicate key value violates unique constraint"
		if (this.rows.has(id)) throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context');
		this.rows.set(id, JSON.parse(JSON.stringify(row)) as ProcessedDataRow);
	}

	async update(where: { workflowId: string; context: string }, row: ProcessedDataRow): Promise<void> {
		await this.roundTrip();
		const id = ProcessedDataTable.id(where.workflowId, where.context);
		this.statements.push({ kind: 'update', context: where.context, bytes: JSON.stringify(row.value).length });
		if (this.rows.has(id)) this.rows.set(id, JSON.parse(JSON.stringify(row)) as ProcessedDataRow);
	}

	async delete(where: { workflowId: string; context: string }): Promise<void> {
		await this.roundTrip('delete');
		this.statements.push({ kind: 'delete', context: where.context, bytes: 0 });
		this.rows.delete(ProcessedDataTable.id(where.workflowId, where.context));
	}

	/** A row as stored (for assertions), or undefined. */
	row(workflowId: string, context: string): ProcessedDataRow | undefined {
		return this.rows.get(ProcessedDataTable.id(workflowId, context));
	}

	/** Puts a row in place directly, as an earlier n8n run (or another node) left it. */
	put(row: ProcessedDataRow): void {
		this.rows.set(ProcessedDataTable.id(row.workflowId, row.context), JSON.parse(JSON.stringify(row)) as ProcessedDataRow);
	}
}

/** n8n's hash of a key: MD5, base64. */
export function keyHash(value: DeduplicationItemTypes): string {
	return createHash('md5').update(value.toString()).digest('base64');
}

function createContext(scope: DeduplicationScope, contextData: ContextData): string {
	return scope === 'node' ? `n:${contextData.nodeId}` : '';
}

/** The port of n8n's DeduplicationHelper (modes 'entries' and 'latestIncrementalKey'). */
export class DeduplicationStore {
	constructor(readonly table: ProcessedDataTable) {}

	private static compare(value1: DeduplicationItemTypes, value2: DeduplicationItemTypes): number {
		const num1 = Number(value1);
		const num2 = Number(value2);
		if (isNaN(num1) || isNaN(num2)) throw new Error('Invalid value. Only numbers are supported in mode "latestIncrementalKey"');
		return num1 === num2 ? 0 : num1 > num2 ? 1 : -1;
	}

	async checkProcessedAndRecord(items: DeduplicationItemTypes[], scope: DeduplicationScope, contextData: ContextData, options: ICheckProcessedOptions): Promise<IDeduplicationOutput> {
		const dbContext = createContext(scope, contextData);
		const processedData = await this.table.findOne({ workflowId: contextData.workflowId, context: dbContext });
		if (processedData && processedData.value.mode !== options.mode) {
			throw new Error('Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.');
		}
		if (options.mode === 'latestIncrementalKey') {
			const incoming = items.slice().sort((a, b) => DeduplicationStore.compare(a, b));
			if (!processedData) {
				await this.table.insert({ workflowId: contextData.workflowId, context: dbContext, value: { mode: options.mode, data: incoming.pop()! } });
				return { new: items, processed: [] };
			}
			const returnData: IDeduplicationOutput = { new: [], processed: [] };
			if (Array.isArray(processedData.value.data)) return returnData;
			const stored = processedData.value.data;
			let largest = stored;
			for (const item of incoming) {
				if (DeduplicationStore.compare(item, stored) === 1) {
					returnData.new.push(item);
					if (DeduplicationStore.compare(item, largest) === 1) largest = item;
				} else {
					returnData.processed.push(item);
				}
			}
			processedData.value.data = largest;
			await this.table.update({ workflowId: processedData.workflowId, context: processedData.context }, processedData);
			return returnData;
		}
		const hashedItems = items.map((item) => keyHash(item));
		if (!processedData) {
			if (options.maxEntries) hashedItems.splice(0, hashedItems.length - options.maxEntries);
			await this.table.insert({ workflowId: contextData.workflowId, context: dbContext, value: { mode: options.mode, data: hashedItems } });
			return { new: items, processed: [] };
		}
		const returnData: IDeduplicationOutput = { new: [], processed: [] };
		if (!Array.isArray(processedData.value.data)) return returnData;
		const data = processedData.value.data;
		const seen = new Set(data);
		hashedItems.forEach((item, index) => {
			if (seen.has(item)) {
				returnData.processed.push(items[index]);
			} else {
				returnData.new.push(items[index]);
				data.push(item);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await this.table.update({ workflowId: processedData.workflowId, context: processedData.context }, processedData);
		return returnData;
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, contextData: ContextData, options: ICheckProcessedOptions): Promise<void> {
		if (options.mode !== 'entries') throw new Error('Removing processed data is not possible in mode "latest"');
		const processedData = await this.table.findOne({ workflowId: contextData.workflowId, context: createContext(scope, contextData) });
		if (!processedData || !Array.isArray(processedData.value.data)) return;
		const data = processedData.value.data;
		for (const hash of items.map((item) => keyHash(item))) {
			const index = data.findIndex((value) => value === hash);
			if (index !== -1) data.splice(index, 1);
		}
		await this.table.update({ workflowId: processedData.workflowId, context: processedData.context }, processedData);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ContextData): Promise<void> {
		await this.table.delete({ workflowId: contextData.workflowId, context: createContext(scope, contextData) });
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ContextData, options: ICheckProcessedOptions): Promise<number> {
		const processedData = await this.table.findOne({ workflowId: contextData.workflowId, context: createContext(scope, contextData) });
		return options.mode === 'entries' && processedData && Array.isArray(processedData.value.data) ? processedData.value.data.length : 0;
	}

	/** The helpers n8n-core gives a node (`this.helpers.checkProcessedAndRecord`, ...). */
	helpersFor(contextData: ContextData): DeduplicationHelperFunctions {
		return {
			checkProcessedAndRecord: async (items, scope, options) => await this.checkProcessedAndRecord(items, scope, contextData, options),
			checkProcessedItemsAndRecord: async () => {
				throw new Error('not used by this package');
			},
			removeProcessed: async (items, scope, options) => await this.removeProcessed(items, scope, contextData, options),
			clearAllProcessedItems: async (scope) => await this.clearAllProcessedItems(scope, contextData),
			getProcessedDataCount: async (scope, options) => await this.getProcessedDataCount(scope, contextData, options),
		};
	}
}
