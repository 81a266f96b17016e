// Child processes of the e2e suite and the demo: each one leads its own process group (detached),
// so stopping it also stops its children (n8n's task runners). Every group started here is stopped
// on normal exit, on failure, on SIGINT/SIGTERM and on uncaught errors.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const groups = new Map(); // pid -> { name, exited: Promise<number|null> }
const cleanups = []; // async functions run by stopAll (servers started in-process)

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Blocks the thread for `ms` (only used in the synchronous exit handler). */
function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Starts `command args` in its own process group with stdout+stderr appended to `logFile`.
 * Returns { pid, name, exited } where `exited` resolves with the exit code (null if killed).
 */
export function startGroup(name, command, args, { env, cwd, logFile }) {
	const fd = openSync(logFile, 'a');
	const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
	closeSync(fd);
	const exited = new Promise((resolve) => {
		child.on('exit', (code) => resolve(code));
		child.on('error', (error) => {
			resolve(null);
			process.stderr.write(`[e2e] could not start ${name}: ${error.message}\n`);
		});
	});
	groups.set(child.pid, { name, exited });
	return { pid: child.pid, name, exited };
}

/** Runs a command to completion in its own group (its task runner may outlive it; awaited too). */
export async function runGroup(name, command, args, options, timeoutMs = 180_000) {
	const handle = startGroup(name, command, args, options);
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	const code = await Promise.race([handle.exited, timeout]);
	clearTimeout(timer);
	await stopGroup(handle.pid);
	if (code === 'timeout') throw new Error(`${name} did not finish within ${timeoutMs / 1000} s (log: ${options.logFile})`);
	return code;
}

/** SIGTERM to the whole group, wait up to `graceMs` for every member to go, then SIGKILL. */
export async function stopGroup(pid, graceMs = 10_000) {
	const entry = groups.get(pid);
	if (!entry) return;
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		/* already gone */
	}
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	if (groupAlive(pid)) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone meanwhile */
		}
		for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
	}
	// reap the leader so no zombie keeps the group id alive
	await Promise.race([entry.exited, new Promise((r) => setTimeout(r, 2000))]);
	groups.delete(pid);
}

/** Registers an async cleanup (e.g. closing an in-process server) run by stopAll. */
export function onStop(fn) {
	cleanups.push(fn);
}

/** Stops every group started here (newest first) and runs the registered cleanups. */
export async function stopAll() {
	const pids = [...groups.keys()].reverse();
	await Promise.all(pids.map((pid) => stopGroup(pid)));
	while (cleanups.length) {
		const fn = cleanups.pop();
		try {
			await fn();
		} catch {
			/* best effort */
		}
	}
}

/** Last resort on process exit: TERM every group, wait up to 5 s (synchronously), KILL the rest. */
function killAllSync() {
	const pids = [...groups.keys()];
	for (const pid of pids) {
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
	for (let i = 0; i < 50 && pids.some(groupAlive); i++) sleepSync(100);
	for (const pid of pids.filter(groupAlive)) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
}

let installed = false;
/**
 * Installs handlers so that Ctrl-C, SIGTERM and uncaught errors stop every started process.
 * `onSignal` may print something first (the demo says goodbye).
 */
export function installExitHandlers({ onSignal, signalExitCode } = {}) {
	if (installed) return;
	installed = true;
	let stopping = false;
	const stopAndExit = async (code, why) => {
		if (stopping) return;
		stopping = true;
		if (onSignal) onSignal(why);
		else if (why) process.stderr.write(`\n[e2e] ${why}: stopping everything started\n`);
		const hardDeadline = setTimeout(() => {
			killAllSync();
			process.exit(code);
		}, 30_000);
		hardDeadline.unref();
		await stopAll();
		process.exit(code);
	};
	process.on('SIGINT', () => stopAndExit(signalExitCode ?? 130, 'interrupted (SIGINT)'));
	process.on('SIGTERM', () => stopAndExit(signalExitCode ?? 143, 'terminated (SIGTERM)'));
	process.on('SIGHUP', () => stopAndExit(signalExitCode ?? 129, 'hang-up (SIGHUP)'));
	process.on('uncaughtException', (error) => {
		process.stderr.write(`[e2e] uncaught error: ${error?.stack ?? error}\n`);
		stopAndExit(1);
	});
	process.on('unhandledRejection', (error) => {
		process.stderr.write(`[e2e] unhandled rejection: ${error?.stack ?? error}\n`);
		stopAndExit(1);
	});
	process.on('exit', killAllSync);
}
