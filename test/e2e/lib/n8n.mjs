// One real n8n instance for a test run or the demo: a fresh user folder, CLI commands run while the
// server is stopped, the server (and optionally queue-mode workers) on 127.0.0.1, `n8n execute`,
// and a small REST client (owner login). Every process goes through processes.mjs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGroup, startGroup, stopGroup } from './processes.mjs';

const INHERITED_PREFIXES = ['N8N_', 'DB_', 'QUEUE_', 'EXECUTIONS_', 'WEBHOOK_URL', 'GENERIC_TIMEZONE', 'NODE_FUNCTION_'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class N8n {
	/**
	 * @param {object} o
	 * @param {string} o.version n8n version (decides 1.x/2.x differences)
	 * @param {string} o.binary path of the n8n binary
	 * @param {object} o.nodeEnv PATH etc. for the Node that runs n8n
	 * @param {string} o.dir run folder: user folder, logs and files live under it
	 * @param {object} o.ports { n8n, broker, execBroker, workerBroker, workerHealth }
	 */
	constructor({ version, binary, nodeEnv, dir, ports, extraEnv = {} }) {
		Object.assign(this, { version, binary, nodeEnv, dir, ports, extraEnv });
		this.major = Number(version.split('.')[0]);
		this.userFolder = join(dir, 'home');
		this.baseUrl = `http://127.0.0.1:${ports.n8n}`;
		this.cliLog = join(dir, 'cli.log');
		this.serverLog = join(dir, 'n8n.log');
		this.workerLog = join(dir, 'worker.log');
		this.server = null;
		this.workers = [];
		this.cookie = null;
		mkdirSync(this.userFolder, { recursive: true });
	}

	/** The environment of every n8n process of this instance (plus `overrides`). */
	env(overrides = {}) {
		const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED_PREFIXES.some((p) => k.startsWith(p))));
		const env = {
			...base,
			...this.nodeEnv,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.ports.n8n),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.ports.broker),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			DB_TYPE: 'sqlite',
			N8N_LOG_OUTPUT: 'console',
			N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL || 'info',
			// lets a test workflow read a value the runner learned at run time ({{ $env.E2E_... }})
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			...this.extraEnv,
			...overrides,
		};
		// 2.x: no MCP-registry refresh calling api.n8n.io (1.x rejects the unknown module name)
		if (this.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		// 1.x on Node 20: isolated-vm has no Node 20 build, so the default expression engine fails
		else env.N8N_EXPRESSION_ENGINE = 'legacy';
		return env;
	}

	/** Runs `n8n <args>` to completion (server stopped: CLI DB changes apply at the next start). */
	async cli(args, { timeoutMs = 120_000, env = {} } = {}) {
		writeFileSync(this.cliLog, `\n$ n8n ${args.join(' ')}\n`, { flag: 'a' });
		const code = await runGroup(`n8n ${args[0]}`, this.binary, args, { env: this.env(env), cwd: this.dir, logFile: this.cliLog }, timeoutMs);
		if (code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${code}:\n${tail(this.cliLog, 25)}`);
	}

	async importCredentials(credentials) {
		const file = join(this.dir, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		const before = existsSync(this.cliLog) ? readFileSync(this.cliLog, 'utf8').length : 0;
		await this.cli(['import:credentials', `--input=${file}`]);
		// the import command logs its errors and still exits 0
		const out = readFileSync(this.cliLog, 'utf8').slice(before);
		if (!/Successfully imported/.test(out)) throw new Error(`credential import failed:\n${out.trim().split('\n').slice(-15).join('\n')}`);
	}

	/** Imports a workflow object (with a fixed `id`) and optionally activates/publishes it. */
	async importWorkflow(workflow, { activate = false } = {}) {
		const file = join(this.dir, `workflow-${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow, null, 2));
		await this.cli(['import:workflow', `--input=${file}`]);
		if (activate) await this.activate(workflow.id);
	}

	async activate(id) {
		if (this.major >= 2) await this.cli(['publish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	async deactivate(id) {
		if (this.major >= 2) await this.cli(['unpublish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=false']);
	}

	/** Unpublishes (deactivates) a workflow through the REST API while the server runs. */
	async deactivateLive(id) {
		const { status, body } = await this.rest('POST', `/workflows/${id}/deactivate`, {});
		if (status !== 200) throw new Error(`POST /rest/workflows/${id}/deactivate answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
	}

	/** The workflow's static data as stored, through the REST API (server running), else `n8n export:workflow`. */
	async staticData(id) {
		if (this.server) {
			const { status, body } = await this.rest('GET', `/workflows/${id}`);
			if (status === 200 && body?.data && 'staticData' in body.data) return body.data.staticData ?? null;
		}
		return (await this.exportWorkflow(id)).staticData ?? null;
	}

	/** The workflow as stored in n8n's database (with its static data), read by `n8n export:workflow`. */
	async exportWorkflow(id) {
		const file = join(this.dir, `export-${id}-${Date.now()}.json`);
		await this.cli(['export:workflow', `--id=${id}`, `--output=${file}`]);
		const exported = JSON.parse(readFileSync(file, 'utf8'));
		return Array.isArray(exported) ? exported[0] : exported;
	}

	/** Names of the node types the running server loaded (what the editor's node panel lists). */
	async loadedNodeTypes() {
		const res = await fetch(`${this.baseUrl}/types/nodes.json`, { headers: { cookie: this.cookie ?? '' } });
		if (res.status !== 200) throw new Error(`GET /types/nodes.json answered ${res.status}`);
		return (await res.json()).map((n) => n.name);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput` on its own task-broker port. Returns the run data
	 * ({ status, data.resultData.runData, ... }) — also when a node failed (n8n exits 1 then).
	 */
	async execute(id, { env = {}, timeoutMs = 180_000 } = {}) {
		const logFile = join(this.dir, `execute-${id}-${Date.now()}.out`);
		const code = await runGroup(
			`n8n execute ${id}`,
			this.binary,
			['execute', `--id=${id}`, '--rawOutput'],
			{ env: this.env({ N8N_RUNNERS_BROKER_PORT: String(this.ports.execBroker), ...env }), cwd: this.dir, logFile },
			timeoutMs,
		);
		const out = readFileSync(logFile, 'utf8');
		// 2.x prints log lines before the JSON, and "Error executing workflow" after it on failure
		const lines = out.split('\n');
		const first = lines.findIndex((l) => l.startsWith('{'));
		const last = lines.findLastIndex((l) => l.startsWith('}'));
		if (first < 0 || last < first) throw new Error(`n8n execute ${id} exited with ${code} without run data (${logFile}):\n${tail(logFile, 25)}`);
		const run = JSON.parse(lines.slice(first, last + 1).join('\n'));
		run.exitCode = code;
		run.logFile = logFile;
		return run;
	}

	/** Starts the server (queue mode when `redisPort` is given) and waits for readiness. */
	async start({ redisPort } = {}) {
		const queueEnv = redisPort ? queueEnvironment(redisPort) : {};
		const t0 = Date.now();
		this.server = startGroup('n8n start', this.binary, ['start'], { env: this.env(queueEnv), cwd: this.dir, logFile: this.serverLog });
		await waitForHttp(`${this.baseUrl}/healthz/readiness`, this.server, this.serverLog, 'n8n');
		this.readyMs = Date.now() - t0;
		return this.readyMs;
	}

	/**
	 * Starts `n8n worker` with the same user folder (DB, encryption key) and its own ports: by default
	 * the instance's workerBroker/workerHealth ports and worker.log; more workers pass their own.
	 * Returns { pid, logFile, ... }.
	 */
	async startWorker(redisPort, { brokerPort = this.ports.workerBroker, healthPort = this.ports.workerHealth, logFile = this.workerLog, concurrency = 5 } = {}) {
		const env = this.env({
			...queueEnvironment(redisPort),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		const worker = startGroup('n8n worker', this.binary, ['worker', `--concurrency=${concurrency}`], { env, cwd: this.dir, logFile });
		this.workers.push(worker);
		await waitForHttp(`http://127.0.0.1:${healthPort}/healthz/readiness`, worker, logFile, 'n8n worker');
		return { ...worker, logFile };
	}

	async stop() {
		await Promise.all(this.workers.map((worker) => stopGroup(worker.pid)));
		if (this.server) await stopGroup(this.server.pid);
		this.workers = [];
		this.server = null;
		this.cookie = null;
	}

	/** Creates the instance owner (allowed once, without auth) and keeps its session cookie. */
	async setupOwner({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
		// 1.x answers readiness before its REST routes exist: retry while 404
		let res;
		for (let i = 0; i < 150; i++) {
			res = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password, firstName, lastName }),
			});
			if (res.status !== 404) break;
			await res.text();
			await sleep(200);
		}
		if (res.status !== 200) throw new Error(`POST /rest/owner/setup answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
		this.cookie = cookieFrom(res);
	}

	/** Logs the (existing) owner in after a restart; keeps the session cookie. */
	async login({ email, password }) {
		let res;
		for (let i = 0; i < 150; i++) {
			res = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
			});
			if (res.status !== 404) break;
			await res.text();
			await sleep(200);
		}
		if (res.status !== 200) throw new Error(`POST /rest/login answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
		this.cookie = cookieFrom(res);
	}

	/** Authenticated call to n8n's internal REST API (after setupOwner). Returns { status, body }. */
	async rest(method, path, body) {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie ?? '' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: res.status, body: json };
	}

	/**
	 * Runs a workflow from `triggerName` as the editor does ("Fetch Test Event" / "Execute
	 * workflow"); resolves with n8n's answer ({ executionId } when it started).
	 */
	async runManually(id, triggerName) {
		let body = { triggerToStartFrom: { name: triggerName } };
		if (this.major < 2) {
			const { status, body: stored } = await this.rest('GET', `/workflows/${id}`);
			if (status !== 200) throw new Error(`GET /rest/workflows/${id} answered ${status}`);
			body = { ...body, workflowData: stored.data };
		}
		const { status, body: answer } = await this.rest('POST', `/workflows/${id}/run`, body);
		if (status !== 200) throw new Error(`POST /rest/workflows/${id}/run answered ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
		return answer.data;
	}

	/** Executions of a workflow as n8n's REST API lists them (newest first). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { status, body } = await this.rest('GET', `/executions?filter=${filter}&limit=100`);
		if (status !== 200) throw new Error(`GET /rest/executions answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
		return body.data.results;
	}

	/** POSTs to a production webhook, retrying while n8n answers 404 (not registered yet). */
	async postWebhook(path, body, { headers = {}, contentType = 'application/json', timeoutMs = 30_000 } = {}) {
		const url = `${this.baseUrl}/webhook/${path}`;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': contentType, ...headers },
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
			const text = await res.text();
			if (res.status !== 404 || Date.now() > deadline) return { status: res.status, text };
			await sleep(200);
		}
	}
}

function queueEnvironment(redisPort) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
}

function cookieFrom(res) {
	const all = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') ?? ''];
	return all.map((c) => c.split(';')[0]).filter(Boolean).join('; ');
}

/** Polls `url` until 200; fails early when the process exits, and after `timeoutMs`. */
export async function waitForHttp(url, handle, logFile, what, timeoutMs = 300_000) {
	let exited = null;
	handle?.exited.then((code) => {
		exited = { code };
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${what} exited (code ${exited.code}) before it was ready:\n${tail(logFile, 30)}`);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		await sleep(200);
	}
	throw new Error(`${what} was not ready at ${url} after ${timeoutMs / 1000} s:\n${tail(logFile, 30)}`);
}

export function tail(file, n) {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
	} catch {
		return `(no ${file})`;
	}
}
