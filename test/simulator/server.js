'use strict';
/**
 * The HTTP side: binds 127.0.0.1, sends `/__sim/...` to the control API and everything else to
 * the Moment API (api.js), with the latency knob, fault injection and the request log.
 */
const http = require('http');

const { handleApiRequest, errorResponse } = require('./api');
const { handleControlRequest } = require('./control');
const { queryObject } = require('./requestLog');

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		req.on('error', () => resolve({ text: '', tooLarge, aborted: true }));
	});
}

/** Writes `response` ({status, headers, body}); a truncate fault cuts the body. */
function writeResponse(res, response, truncate) {
	const headers = { ...response.headers };
	if (response.status === 204 || response.body === undefined) {
		res.writeHead(response.status, headers);
		res.end();
		return;
	}
	const bytes = Buffer.from(JSON.stringify(response.body), 'utf8');
	headers['content-type'] = 'application/json';
	if (!truncate) {
		headers['content-length'] = bytes.length;
		res.writeHead(response.status, headers);
		res.end(bytes);
		return;
	}
	const half = bytes.subarray(0, Math.floor(bytes.length / 2));
	if (truncate.mode === 'short') {
		headers['content-length'] = half.length;
		res.writeHead(response.status, headers);
		res.end(half);
		return;
	}
	if (truncate.mode === 'content-length') headers['content-length'] = bytes.length;
	res.writeHead(response.status, headers);
	res.write(half, () => res.socket && res.socket.destroy());
}

function resetConnection(req) {
	const socket = req.socket;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

function createServer(sim) {
	const timers = new Set();
	const sockets = new Set();
	let closing = false;
	const wait = (ms) =>
		ms <= 0
			? Promise.resolve()
			: new Promise((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timers.add(timer);
				});

	async function handleApi(req, res, url, started) {
		const entry = { time: new Date(started).toISOString(), method: req.method, path: url.pathname, query: queryObject(url.searchParams) };
		const [, , , , company, entity, id] = url.pathname.split('/');
		Object.assign(entry, { company, entity, id: id && id !== 'include' ? id : undefined });
		const finish = (status, extra = {}) => sim.log.add({ ...entry, status, durationMs: Date.now() - started, ...extra });

		const fault = sim.faults.take(req.method, url.pathname + url.search);
		if (fault && fault.type === 'hang') {
			// accepted, never answered: the socket stays open until the client gives up or close()
			finish(null, { fault: 'hang' });
			return;
		}
		if (fault && fault.type === 'redirect') {
			await wait(sim.settings.latencyMs);
			if (closing) return;
			const location = fault.location.replace(/\{path\}/g, url.pathname).replace(/\{search\}/g, url.search);
			res.writeHead(fault.status, { location, 'content-length': 0 });
			res.end();
			finish(fault.status, { fault: 'redirect', location });
			return;
		}
		if (fault && (fault.type === 'status' || fault.type === 'reset')) {
			await wait(sim.settings.latencyMs);
			if (closing) return;
			if (fault.type === 'reset') {
				resetConnection(req);
				finish(null, { fault: 'reset' });
				return;
			}
			const headers = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
			const message = fault.message ?? `Injected fault: ${fault.status} ${http.STATUS_CODES[fault.status] ?? ''}`.trim();
			writeResponse(res, errorResponse(fault.status, message, url.pathname, headers));
			finish(fault.status, { fault: 'status' });
			return;
		}

		const body = await readBody(req);
		let response;
		if (body.tooLarge) response = errorResponse(413, `Request body larger than ${MAX_BODY_BYTES} bytes`, url.pathname);
		else {
			response = handleApiRequest(sim, {
				method: req.method,
				rawPath: url.pathname,
				params: url.searchParams,
				headers: req.headers,
				bodyText: body.text,
				remoteAddress: req.socket.remoteAddress,
			});
		}
		await wait(sim.settings.latencyMs + (fault && fault.type === 'slow' ? fault.delayMs : 0));
		if (closing || res.destroyed) return;
		writeResponse(res, response, fault && fault.type === 'truncate' ? fault : undefined);
		finish(response.status, { key: response.keyLabel, ...(fault ? { fault: fault.type } : {}) });
	}

	async function handleControl(req, res, url) {
		if (!LOOPBACK.includes(req.socket.remoteAddress)) {
			writeResponse(res, errorResponse(403, 'The control API only answers 127.0.0.1', url.pathname));
			return;
		}
		const body = await readBody(req);
		let response;
		try {
			response = await handleControlRequest(sim, { method: req.method, url, bodyText: body.text, headers: req.headers });
		} catch (error) {
			response = errorResponse(400, error.message, url.pathname);
		}
		if (response.afterSend) res.on('finish', response.afterSend);
		writeResponse(res, response);
	}

	const server = http.createServer((req, res) => {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		// Route on the raw path: URL() would resolve "..", which the API must see and refuse.
		const rawPath = (req.url ?? '/').split('?')[0];
		const target = { pathname: rawPath, search: url.search, searchParams: url.searchParams };
		const handler = rawPath === '/__sim' || rawPath.startsWith('/__sim/') ? handleControl(req, res, target) : handleApi(req, res, target, started);
		handler.catch((error) => {
			if (res.headersSent) res.destroy();
			else writeResponse(res, errorResponse(500, `Simulator bug: ${error.message}`, rawPath));
		});
	});
	// Long, as servers in front of real APIs keep idle connections: with 5 s a client reusing a
	// socket the server was closing at that very moment got ECONNRESET whenever a loaded machine
	// made a test pause about 5 s between requests. Sockets are destroyed on close() anyway.
	server.keepAliveTimeout = 60000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		server,
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve(server.address().port);
				});
			});
		},
		close() {
			closing = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

module.exports = { createServer };
