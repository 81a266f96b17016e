'use strict';
/**
 * A bare HTTP server for transport tests that need a host other than the Moment simulator: the
 * other end of a redirect (127.0.0.2: Linux routes all of 127/8 to the loopback interface, so
 * it is another origin on the same machine), a server that never answers, one that sends a body
 * too large or too slowly. It records every connection and every request (method, URL, headers,
 * body), so a test can assert that nothing at all arrived. Plain Node.js (the node package's lint
 * forbids `http` in TypeScript); types: testServer.d.ts.
 */
const http = require('http');
const zlib = require('zlib');

/** Headers at once, then `text` one character every `intervalMs`, never the end. */
function trickle({ text = '[', intervalMs = 100 } = {}) {
	return (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write(text);
		const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), intervalMs);
		res.on('close', () => clearInterval(drip));
	};
}

/**
 * A JSON array of `bytes` bytes (spaces inside), sent in chunks of 1 MB: with its Content-Length
 * (`announce: true`), chunked without one, or gzip-compressed (`gzip: true`: what arrives is a
 * small fraction of it). `sent.bytes` counts what was written before the client hung up.
 */
function bigBody({ bytes, status = 200, announce = false, gzip = false }) {
	const sent = { bytes: 0, finished: false };
	const handler = (_req, res) => {
		const headers = { 'content-type': 'application/json' };
		const body = Buffer.alloc(bytes, 0x20);
		body[0] = 0x5b; // [
		body[bytes - 1] = 0x5d; // ]
		if (gzip) {
			const packed = zlib.gzipSync(body);
			res.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': packed.length });
			res.end(packed);
			sent.bytes = packed.length;
			return;
		}
		if (announce) headers['content-length'] = bytes;
		res.writeHead(status, headers);
		let offset = 0;
		const writeMore = () => {
			while (offset < bytes && !res.destroyed) {
				const chunk = body.subarray(offset, offset + 1024 * 1024);
				offset += chunk.length;
				sent.bytes = offset;
				if (!res.write(chunk)) {
					res.once('drain', writeMore);
					return;
				}
			}
			if (!res.destroyed) {
				sent.finished = true;
				res.end();
			}
		};
		writeMore();
	};
	return { handler, sent };
}

async function startTestServer({ host = '127.0.0.1', port = 0, handler } = {}) {
	const requests = [];
	const sockets = new Set();
	let connections = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const entry = { method: req.method, url: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') };
			requests.push(entry);
			if (handler) handler(req, res, entry);
			else {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ answeredBy: host }));
			}
		});
	});
	server.on('connection', (socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const actualPort = server.address().port;
	let closed;
	return {
		url: `http://${host}:${actualPort}`,
		host,
		port: actualPort,
		requests,
		connections: () => connections,
		openConnections: () => sockets.size,
		close: () =>
			(closed ??= new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			})),
	};
}

module.exports = { startTestServer, trickle, bigBody };
