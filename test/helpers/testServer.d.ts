/**
 * Types of testServer.js: a bare HTTP server that records everything it receives. (No import of
 * 'http' types: the package's lint forbids it in TypeScript, tests included.)
 */

/** What a handler gets: Node's IncomingMessage and ServerResponse, as far as tests need them. */
export interface IncomingRequest {
	method?: string;
	url?: string;
	headers: Record<string, string | string[] | undefined>;
}
export interface OutgoingResponse {
	writeHead(status: number, headers?: Record<string, string | number>): unknown;
	write(chunk: string | Uint8Array): boolean;
	end(chunk?: string | Uint8Array): unknown;
	readonly destroyed: boolean;
}

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
	/** Connections still open now. */
	openConnections: () => number;
	close: () => Promise<void>;
}

export function startTestServer(options?: {
	host?: string;
	port?: number;
	/** Answers a request once its body has arrived; without it: 200 `{"answeredBy": host}`. */
	handler?: Handler;
}): Promise<TestServer>;

type Handler = (req: IncomingRequest, res: OutgoingResponse, received: ReceivedRequest) => void;

/** Headers at once, then `text` one character every `intervalMs`, never the end. */
export function trickle(options?: { text?: string; intervalMs?: number }): Handler;

/** A JSON array of `bytes` bytes in 1 MB chunks; `sent` counts what was written before the client hung up. */
export function bigBody(options: { bytes: number; status?: number; announce?: boolean; gzip?: boolean }): {
	handler: Handler;
	sent: { bytes: number; finished: boolean };
};
