/**
 * A fake n8n poll context for the Moment Poll Trigger, as n8n-core's PollContext presents itself to
 * a node: parameters, the node's static data (one object kept across polls, like n8n keeps it for
 * an active workflow), the workflow's global static data (another one; n8n-workflow's
 * Workflow.getStaticData: `global` is one scope of the workflow, `node` one per node name), mode ('trigger' for scheduled polls, 'manual' for Fetch Test Event), the
 * workflow's time zone, a logger that records, and real HTTP through n8n's client (n8nHttp.ts).
 */
import { mock } from 'jest-mock-extended';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IPollFunctions,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { MomentPollTrigger } from '../../nodes/Moment/MomentPollTrigger.node';
import { readParameter } from './context';
import type { SentRequest } from './n8nHttp';
import { makeHttpRequestWithAuthentication } from './n8nHttp';

export interface PollContextOptions {
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	/** Shared across polls of one "published workflow"; a new object = a new workflow. */
	staticData?: IDataObject;
	/** The workflow's global static data; shared like `staticData`. */
	globalStaticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	timeZone?: string;
	/** What n8n 2.x's getPollBudgetMs returns; absent = n8n 1.x (no such method). */
	budgetMs?: number;
	workflowId?: string;
}

export interface PollRun {
	items: IDataObject[] | null;
	/** Everything logged, as "level message". */
	logs: string[];
	sent: SentRequest[];
}

export interface PollHarness {
	staticData: IDataObject;
	globalStaticData: IDataObject;
	workflowId: string;
	node: INode;
	/** One poll, as n8n's scheduler (or Fetch Test Event) runs it; throws what the node throws. */
	poll(overrides?: Partial<PollContextOptions>): Promise<PollRun>;
}

export function makePollNode(parameters: IDataObject): INode {
	return {
		id: 'poll-node-1',
		name: 'Moment Poll Trigger',
		type: 'n8n-nodes-moment.momentPollTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
}

function pollContext(options: PollContextOptions, staticData: IDataObject, globalStaticData: IDataObject, node: INode, run: PollRun): IPollFunctions {
	const record = (level: string) => jest.fn((message: string) => run.logs.push(`${level} ${message}`));
	const helpers = {
		returnJsonArray: jest.fn(returnJsonArray),
		httpRequestWithAuthentication: jest.fn(makeHttpRequestWithAuthentication(node, options.credentials, run.sent)),
	} as unknown as IPollFunctions['helpers'];
	const extra: Partial<IPollFunctions> = options.budgetMs === undefined ? {} : { getPollBudgetMs: () => options.budgetMs as number };
	const ctx = mock<IPollFunctions>({
		helpers,
		logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } as unknown as Logger,
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'poll-workflow-1', name: 'Poll test', active: true }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => options.timeZone ?? 'Europe/Oslo',
		getWorkflowStaticData: ((type: string) => (type === 'node' ? staticData : globalStaticData)) as IPollFunctions['getWorkflowStaticData'],
		getCredentials: (async () => ({ ...options.credentials })) as IPollFunctions['getCredentials'],
		getNodeParameter: ((name: string, fallback?: unknown) => readParameter(options.parameters, name, fallback, false)) as IPollFunctions['getNodeParameter'],
		...extra,
	});
	if (options.budgetMs === undefined) (ctx as { getPollBudgetMs?: unknown }).getPollBudgetMs = undefined;
	return ctx;
}

let workflows = 0;

/**
 * A poll trigger node in one published workflow (its own workflow ID, as n8n's would be); every
 * `poll()` runs the node's poll once.
 */
export function pollHarness(options: PollContextOptions): PollHarness {
	workflows++;
	options = { workflowId: `poll-workflow-${workflows}`, ...options };
	const staticData = options.staticData ?? {};
	const globalStaticData = options.globalStaticData ?? {};
	const node = makePollNode(options.parameters);
	return {
		staticData,
		globalStaticData,
		workflowId: options.workflowId as string,
		node,
		async poll(overrides = {}) {
			const merged = { ...options, ...overrides };
			const run: PollRun = { items: null, logs: [], sent: [] };
			const ctx = pollContext(merged, staticData, globalStaticData, makePollNode(merged.parameters), run);
			const output: INodeExecutionData[][] | null = await new MomentPollTrigger().poll.call(ctx);
			run.items = output === null ? null : output[0].map((item) => item.json);
			return run;
		},
	};
}
