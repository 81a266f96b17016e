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
		close: () =>
			(closed ??= new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			})),
	};
}

module.exports = { startTestServer };
