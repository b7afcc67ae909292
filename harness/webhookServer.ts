/**
 * A small HTTP front for the Passona Trigger, standing in for n8n's webhook server: real HTTP
 * requests on 127.0.0.1 become WebhookContext calls (JSON and form bodies parsed as n8n parses
 * them), answered 401 when the node writes 401, else 200 {"message":"Workflow was started"} at
 * once (responseMode onReceived); the resulting workflow then runs through the engine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleDelivery, type ResponseWriter, type TriggerSetup } from './trigger';
import type { RunResult } from './engine';

/** n8n's default N8N_PAYLOAD_SIZE_MAX is 16 MiB; above it n8n answers 413. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebhookServer {
	/** Base for n8n's webhook URLs, e.g. http://127.0.0.1:PORT/webhook */
	webhookBaseUrl: string;
	/** Every workflow run a delivery started, in the order they finished. */
	executions: RunResult[];
	/** Status codes answered, by code. */
	answered: Record<number, number>;
	/** Resolves when every run started so far has finished. */
	settled(): Promise<void>;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too large'> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? 'too large' : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** As n8n's body parsers: JSON and urlencoded become objects; anything else stays text. */
function parseBody(raw: Buffer, contentType: string): unknown {
	const text = raw.toString('utf8');
	if (text === '') return {};
	if (/\bjson\b/i.test(contentType)) return JSON.parse(text);
	if (/application\/x-www-form-urlencoded/i.test(contentType))
		return Object.fromEntries(new URLSearchParams(text));
	return text;
}

function send(res: ServerResponse, status: number, body: unknown): void {
	if (res.headersSent) return;
	res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
}

export async function startWebhookServer(setup: TriggerSetup): Promise<WebhookServer> {
	const executions: RunResult[] = [];
	const answered: Record<number, number> = {};
	const running = new Set<Promise<unknown>>();
	const count = (status: number) => (answered[status] = (answered[status] ?? 0) + 1);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const raw = await readBody(req);
		if (raw === 'too large') {
			count(413);
			return send(res, 413, { message: 'Request Entity Too Large' });
		}
		let body: unknown;
		try {
			body = parseBody(raw, req.headers['content-type'] ?? '');
		} catch {
			count(400);
			return send(res, 400, { message: 'Invalid JSON' });
		}
		let written: { status: number; body?: unknown } | undefined;
		const response: ResponseWriter = {
			status(code) {
				written = { status: code };
				return response;
			},
			json(payload) {
				written = { status: written?.status ?? 200, body: payload };
				return response;
			},
			send(payload) {
				return response.json(payload);
			},
			end() {
				return response;
			},
		};
		const query = Object.fromEntries(new URL(req.url ?? '/', 'http://n8n.invalid').searchParams);
		const run = handleDelivery(setup, { headers: req.headers, body, query }, response, (answer) => {
			const status = answer.noWebhookResponse && written ? written.status : 200;
			count(status);
			send(
				res,
				status,
				answer.workflowData ? { message: 'Workflow was started' } : (written?.body ?? {}),
			);
		}).then(({ run: result }) => {
			if (result) executions.push(result);
		});
		running.add(run);
		await run.finally(() => running.delete(run));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			count(500);
			send(res, 500, { message: error.message });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		webhookBaseUrl: `http://127.0.0.1:${port}/webhook`,
		executions,
		answered,
		settled: async () => {
			while (running.size > 0) await Promise.allSettled([...running]);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A webhook server for `setup`, whose trigger then registers URLs on it (as n8n's own). */
export async function serveWebhooks(setup: TriggerSetup): Promise<WebhookServer> {
	const server = await startWebhookServer(setup);
	setup.additionalData.webhookBaseUrl = server.webhookBaseUrl;
	return server;
}
