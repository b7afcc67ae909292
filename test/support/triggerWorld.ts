/**
 * The Passona Trigger against the sandbox over real HTTP: the sandbox plays Passona (registration
 * and inbound SMS), the webhook server plays n8n's webhook endpoint, the engine runs workflows.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { TEST_RATE_LIMIT } from '../sandbox/helpers';
import { type PassonaCredentials, TOKEN } from '../../harness/engine';
import { guardSecret } from '../../harness/secrets';
import { SECRET_HEADER, triggerSetup, type TriggerSetup } from '../../harness/trigger';
import { serveWebhooks, type WebhookServer } from '../../harness/webhookServer';

/** What the sandbox (Passona) holds as the secret of webhook `webhookId`. */
function sandboxSecret(sandbox: Sandbox) {
	return (_url: string, webhookId: string) =>
		Object.entries(sandbox.store.webhooks.get(webhookId)?.headers ?? {}).find(
			([name]) => name.toLowerCase() === SECRET_HEADER.toLowerCase(),
		)?.[1];
}

export interface TriggerWorld {
	sandbox: Sandbox;
	server: WebhookServer;
	setup: TriggerSetup;
	/** JSON call on the sandbox's API (`/…`) or control (`/_sandbox/…`) paths. */
	call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
	close(): Promise<void>;
}

export async function startTriggerWorld(keywords: string[]): Promise<TriggerWorld> {
	const sandbox = await startSandbox({ token: TOKEN, jobDelayMs: 5, rateLimit: TEST_RATE_LIMIT });
	const call = async (method: string, path: string, body?: unknown) => {
		const base = path.startsWith('/_sandbox') ? sandbox.origin : sandbox.url;
		const response = await fetch(`${base}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${TOKEN}`,
				'Content-Type': 'application/json',
				Accept: 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
	const uuids: string[] = [];
	for (const word of keywords)
		uuids.push((await call('POST', '/keywords', { keyword: word })).body.data.uuid);
	const setup = await triggerSetup({ keywords: uuids }, { apiToken: TOKEN, baseUrl: sandbox.url });
	setup.secretSent = sandboxSecret(sandbox);
	const server = await serveWebhooks(setup);
	return {
		sandbox,
		server,
		setup,
		call,
		close: async () => {
			await server.close();
			await sandbox.close();
		},
	};
}

/**
 * Another trigger (another workflow) on the same sandbox and server, with its own registration;
 * `credentials` may reach the sandbox another way (through a proxy).
 */
export async function secondTrigger(
	world: TriggerWorld,
	keywords: string[],
	credentials: PassonaCredentials = { apiToken: TOKEN, baseUrl: world.sandbox.url },
): Promise<TriggerSetup> {
	const setup = await triggerSetup({ keywords }, credentials);
	setup.workflow.id = 'other';
	setup.secretSent = sandboxSecret(world.sandbox);
	setup.additionalData.webhookBaseUrl = `${world.server.webhookBaseUrl}-other`;
	return setup;
}

/** `total` inbound SMS ("JOIN <n>") sent to the sandbox `burst` at a time; the sandbox delivers each. */
export async function inboundBursts(
	world: TriggerWorld,
	word: string,
	total: number,
	burst: number,
) {
	const answers: Array<{ status: number; body: any }> = [];
	for (let start = 0; start < total; start += burst) {
		const size = Math.min(burst, total - start);
		answers.push(
			...(await Promise.all(
				Array.from({ length: size }, (_, n) =>
					world.call('POST', '/_sandbox/inbound', {
						from: `4477009${String(start + n).padStart(5, '0')}`,
						text: `${word} ${start + n}`,
					}),
				),
			)),
		);
	}
	await world.server.settled();
	return answers;
}

export { guardSecret };
