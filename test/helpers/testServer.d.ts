/** Types of testServer.js: a bare HTTP server that records everything it receives. */
import type { IncomingMessage, ServerResponse } from 'http';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface TestServer {
	/** `http://host:port` */
	url: string;
	host: string;
	port: number;
	/** Every request that arrived in full, in order. */
	requests: ReceivedRequest[];
	/** TCP connections accepted, whether or not a request followed. */
	connections: () => number;
	close: () => Promise<void>;
}

export function startTestServer(options?: {
	host?: string;
	port?: number;
	/** Answers a request once its body has arrived; without it: 200 `{"answeredBy": host}`. */
	handler?: (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;
}): Promise<TestServer>;
