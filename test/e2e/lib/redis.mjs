// A throw-away Redis for n8n's queue mode: 127.0.0.1 only, own port, no persistence.
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureRedis } from './install.mjs';
import { startGroup } from './processes.mjs';

function ping(port) {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
	});
}

/**
 * How many clients other than this one are connected to the Redis on `port` (CLIENT LIST), or
 * undefined when it does not answer within 2 s.
 */
export function redisClients(port) {
	return new Promise((resolve) => {
		let text = '';
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('CLIENT LIST\r\n'));
		const done = (value) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(2000, () => done(undefined));
		socket.on('error', () => done(undefined));
		socket.on('data', (data) => {
			text += data.toString();
			// a bulk reply: $<length>\r\n<length bytes>\r\n, one line per client
			const header = /^\$(\d+)\r\n/.exec(text);
			if (!header) return;
			const body = text.slice(header[0].length);
			if (Buffer.byteLength(body) < Number(header[1])) return;
			const clients = body.split('\n').filter((line) => line.startsWith('id='));
			done(clients.filter((line) => !/ cmd=client\|list /.test(` ${line} `) && !/ cmd=client /.test(` ${line} `)).length);
		});
	});
}

/** Starts redis-server on `port`; resolves when it answers PING. */
export async function startRedis(port, dir) {
	const binary = await ensureRedis();
	const logFile = join(dir, 'redis.log');
	const handle = startGroup('redis-server', binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { env: process.env, cwd: dir, logFile });
	for (let i = 0; i < 100; i++) {
		if (await ping(port)) return handle;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 10 s (log ${logFile})`);
}
