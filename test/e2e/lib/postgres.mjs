// A throw-away PostgreSQL for n8n in queue mode with several workers (n8n supports queue mode with
// Postgres only: on SQLite, workers writing at the same time fail executions with SQLITE_BUSY):
// 127.0.0.1 only, own port, trust authentication, fsync off, its files in a temporary folder.
// Uses the installed server (Debian: apt-get install postgresql); run as root, it runs as the
// `postgres` user, which PostgreSQL requires.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGroup, stopGroup } from './processes.mjs';

const USER = 'n8n';

/** The folder of initdb and postgres: $POSTGRES_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
function binDir() {
	if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql, or set POSTGRES_BIN to the folder of initdb and postgres)');
	return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** Runs as the `postgres` user when this is root (PostgreSQL refuses to run as root). */
function asServerUser(command, args) {
	return process.getuid?.() === 0 ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args };
}

/**
 * Creates a cluster in a new temporary folder and starts it on `port`; resolves when it accepts
 * connections. Returns { env (n8n's DB_* settings), stop() }.
 */
export async function startPostgres(port) {
	const bin = binDir();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-bench-pg-'));
	if (process.getuid?.() === 0) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const init = asServerUser(join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '--no-sync', '-E', 'UTF8']);
	const r = spawnSync(init.command, init.args, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`initdb failed (exit ${r.status}):\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
	const server = asServerUser(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200']);
	const logFile = join(dir, 'postgres.log');
	const handle = startGroup('postgres', server.command, server.args, { env: process.env, cwd: dir, logFile });
	const ready = asServerUser(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER]);
	for (let i = 0; ; i++) {
		if (spawnSync(ready.command, ready.args).status === 0) break;
		if (i >= 150) {
			await stopGroup(handle.pid);
			throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port} within 30 s:\n${spawnSync('tail', ['-n', '20', logFile], { encoding: 'utf8' }).stdout}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: '',
		},
		async stop() {
			await stopGroup(handle.pid);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
