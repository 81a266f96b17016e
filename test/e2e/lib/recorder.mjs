// A tiny HTTP server on 127.0.0.1 standing in for "somewhere downstream" (an accounting system, a
// chat webhook): workflows end in an HTTP Request node that posts here, and the tests read what
// arrived. Runs inside the test process; closed by processes.stopAll().
import { createServer } from 'node:http';
import { onStop } from './processes.mjs';

/** `onRequest(entry)` is called for every request received (the demo prints them). */
export async function startRecorder(port, { onRequest } = {}) {
	const received = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			let json;
			try {
				json = JSON.parse(body);
			} catch {
				json = undefined;
			}
			const entry = { at: Date.now(), method: req.method, url: req.url, headers: req.headers, body, json };
			received.push(entry);
			if (onRequest) onRequest(entry);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"recorded":true}');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const close = () => new Promise((resolve) => server.close(() => resolve()));
	onStop(close);
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		/** Requests whose URL starts with `path`. */
		at: (path) => received.filter((r) => r.url.startsWith(path)),
		/** Waits (bounded) until `predicate` holds for some request; returns it or undefined. */
		async waitFor(predicate, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const hit = received.find(predicate);
				if (hit || Date.now() > deadline) return hit;
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		close,
	};
}
