// `npm run test:e2e:queue`: this package in n8n 2.40.7's queue mode, as production runs it: a main,
// one `n8n webhook` process and two `n8n worker`s (each with its own user folder and the package
// installed), on PostgreSQL 17 and Redis started here on free ports and stopped after. Proves with
// counts from n8n's database: inbound SMS through the webhook process run exactly once, on the
// workers, with a Passona node after the trigger; forged calls start nothing; activation, main
// restarts (SIGTERM, SIGKILL) and deactivation leave exactly one webhook, then none; deliveries go
// on while main is down; the Campaign Trigger fires each event once across main restarts; and a
// webhook process whose webhook URL setting differs from main's still lets real deliveries in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureInstall } from './lib/install.mjs';
import { ROOT } from './lib/paths.mjs';
import { N8nRest } from './lib/rest.mjs';
import { startQueueStack } from './lib/queue.mjs';
import { pgClient } from './lib/services.mjs';
import { registrationSaved, sandboxCall, stepper, timedLog, waitFor } from './lib/steps.mjs';
import * as fx from './lib/fixtures.mjs';
import {
	campaignTriggerWorkflow,
	passonaTriggerWorkflow,
	SECRET_HEADER,
} from './lib/queueWorkflows.mjs';

const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-queue');
const OWNER = {
	email: 'owner@passona-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'PassonaE2e-2026',
};
const TRIGGER_ID = 'PassonaQueueTrig';
const CAMPAIGN_ID = 'PassonaQueueCamp';
const WEBHOOK_ID = '3b0c7a52-5c1e-4f0e-9d1a-6a7e0c2e9b11';
const DELIVERIES = 200;
const BURST = 20;
const { seconds, log } = timedLog();
const { step, passed } = stepper(log);

async function main() {
	await rm(ARTIFACTS, { recursive: true, force: true });
	await mkdir(ARTIFACTS, { recursive: true });
	const paths = await ensureInstall({ log });
	const flatted = createRequire(join(paths.nodeModules, 'n8n', 'package.json'))('flatted');
	const qs = await startQueueStack({ paths, log, artifacts: ARTIFACTS });
	// Ctrl-C or a CI timeout: everything started is stopped before exiting.
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.once(signal, () => qs.stop().finally(() => process.exit(130)));
	let db;
	try {
		const { sandbox, cli } = qs;
		const rest = new N8nRest(qs.origin);
		const ourUrl = `${qs.webhookOrigin}/webhook/${WEBHOOK_ID}/webhook`;
		const ours = () => [...sandbox.store.webhooks.values()].filter((hook) => hook.url === ourUrl);

		// The trigger's keyword already calls another webhook, which must survive everything.
		const other = await sandboxCall(sandbox, 'POST', '/webhooks', {
			name: 'Someone else',
			url: `${sandbox.origin}/elsewhere`,
			headers: {},
		});
		const keyword = await sandboxCall(sandbox, 'POST', '/keywords', {
			keyword: fx.TRIGGER_KEYWORD,
			message: 'Got it',
			add_contact_to_group: false,
			call_webhook: true,
			webhooks_uuid: [other.uuid],
		});

		await step(
			'import the credential and the workflows with the CLI (into PostgreSQL)',
			async () => {
				const dir = join(qs.userFolder, 'import');
				await mkdir(dir, { recursive: true });
				const files = {
					'credentials.json': [fx.credential(sandbox)],
					'trigger.json': passonaTriggerWorkflow({
						id: TRIGGER_ID,
						webhookId: WEBHOOK_ID,
						keywordUuid: keyword.uuid,
					}),
					'campaign.json': campaignTriggerWorkflow({ id: CAMPAIGN_ID }),
				};
				for (const [file, content] of Object.entries(files))
					await writeFile(join(dir, file), JSON.stringify(content));
				await cli(['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
				await cli(['import:workflow', `--input=${join(dir, 'trigger.json')}`]);
				await cli(['import:workflow', `--input=${join(dir, 'campaign.json')}`]);
			},
		);

		await step('start main, the webhook process and two workers', () => qs.startAll());
		db = await pgClient(paths, { port: qs.pg.port });
		const login = () =>
			rest.post('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		await rest.post('/owner/setup', OWNER);
		await login();

		/** The trigger workflow's executions in n8n's database. */
		const executions = async (workflowId = TRIGGER_ID) =>
			(
				await db.query(
					'SELECT id, status, mode FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
					[workflowId],
				)
			).rows;
		/** Waits until the workflow has `count` executions and none is still waiting or running. */
		const settled = (count, workflowId = TRIGGER_ID, timeoutMs = 300_000) =>
			waitFor(
				`${count} finished executions of ${workflowId}`,
				async () => {
					const rows = await executions(workflowId);
					const open = rows.filter((row) => ['new', 'running', 'waiting'].includes(row.status));
					return rows.length >= count && open.length === 0 && rows;
				},
				timeoutMs,
			);
		/** Each execution's run data, parsed as n8n stores it. */
		const runData = async (rows) => {
			const { rows: data } = await db.query(
				'SELECT "executionId", data FROM execution_data WHERE "executionId" = ANY($1::int[])',
				[rows.map((row) => Number(row.id))],
			);
			return new Map(
				data.map((row) => [String(row.executionId), flatted.parse(row.data).resultData.runData]),
			);
		};
		/** Which worker started each execution, from the workers' logs. */
		const startedBy = async () => {
			const byExecution = new Map();
			for (const name of qs.workerNames) {
				const text = await readFile(join(ARTIFACTS, `n8n-${name}.log`), 'utf8');
				for (const [, id] of text.matchAll(/Worker started execution (\d+)/g))
					byExecution.set(id, [...(byExecution.get(id) ?? []), name]);
			}
			return byExecution;
		};
		let sent = 0;
		/**
		 * Inbound SMS in bursts, delivered as the sandbox delivers them (its body, to the webhook URL
		 * and with the headers Passona holds for our webhook) but without its 5-second timeout: on a
		 * busy machine a burst may take longer, and this test counts executions, not speed
		 * (docs/queue-mode.md gives the capacity). Passona's answer from n8n for each, by text.
		 */
		const inbound = async (count, tag) => {
			const [hook] = ours();
			const statuses = new Map();
			for (let i = 0; i < count; i += BURST) {
				const texts = Array.from(
					{ length: Math.min(BURST, count - i) },
					(_, k) => `${fx.TRIGGER_KEYWORD} ${tag}-${i + k}`,
				);
				await Promise.all(
					texts.map(async (text) => {
						const response = await fetch(hook.url, {
							method: 'POST',
							headers: { ...hook.headers, 'Content-Type': 'application/json' },
							body: JSON.stringify({
								event: 'keyword.matched',
								keyword: { uuid: keyword.uuid, keyword: keyword.keyword },
								from: fx.PHONE,
								message: text,
								received_at: new Date().toISOString(),
								message_uuid: randomUUID(),
							}),
						});
						await response.arrayBuffer();
						statuses.set(text, response.status);
					}),
				);
			}
			sent += count;
			return statuses;
		};
		/**
		 * Every execution so far: one per message sent, each message in exactly one, each run by
		 * exactly one worker, the Passona node's keyword after the trigger. Returns per-worker counts.
		 */
		const exactlyOnce = async (texts) => {
			const rows = await settled(sent);
			assert.equal(rows.length, sent, `executions in the database: ${rows.length}, sent ${sent}`);
			const data = await runData(rows);
			const messages = new Map();
			for (const row of rows) {
				assert.equal(row.status, 'success', `execution ${row.id}: ${row.status}`);
				assert.equal(row.mode, 'webhook');
				const run = data.get(String(row.id));
				const [item] = run['Passona Trigger'][0].data.main[0];
				messages.set(item.json.message, (messages.get(item.json.message) ?? 0) + 1);
				const [kept] = run['Get Keyword'][0].data.main[0];
				assert.equal(kept.json.uuid, keyword.uuid, 'the Passona node ran after the trigger');
			}
			for (const text of texts)
				assert.equal(messages.get(text), 1, `"${text}" ran ${messages.get(text) ?? 0} times`);
			const byExecution = await waitFor('every execution in a worker log', async () => {
				const map = await startedBy();
				return rows.every((row) => map.has(String(row.id))) && map;
			});
			const perWorker = Object.fromEntries(qs.workerNames.map((name) => [name, 0]));
			for (const row of rows) {
				const workers = byExecution.get(String(row.id));
				assert.equal(workers.length, 1, `execution ${row.id} started on ${workers.join(', ')}`);
				perWorker[workers[0]]++;
			}
			return perWorker;
		};
		const allSent = [];
		const deliverAndCount = async (count, tag, what) => {
			const statuses = await inbound(count, tag);
			const refused = [...statuses].filter(([, status]) => status !== 200);
			assert.deepEqual(refused, [], `deliveries not answered 200 ${what}`);
			allSent.push(...statuses.keys());
			const perWorker = await exactlyOnce(allSent);
			log(
				`  ${count} inbound SMS ${what}: ${count} × 200; ${sent} executions in PostgreSQL, one per message, by worker ${JSON.stringify(perWorker)}`,
			);
			return perWorker;
		};

		let webhook;
		await step(
			'activating the trigger registers exactly one webhook, at the webhook URL setting',
			async () => {
				const workflow = await rest.get(`/workflows/${TRIGGER_ID}`);
				const activated = await rest.post(`/workflows/${TRIGGER_ID}/activate`, {
					versionId: workflow.versionId,
				});
				assert.equal(activated.active, true, JSON.stringify(activated).slice(0, 2000));
				webhook = await waitFor('our webhook on the keyword', () => {
					const kw = sandbox.store.keywords.get(keyword.uuid);
					return kw.webhooks_uuid.length === 2 && ours()[0];
				});
				assert.equal(ours().length, 1);
				assert.deepEqual(sandbox.store.keywords.get(keyword.uuid).webhooks_uuid, [
					other.uuid,
					webhook.uuid,
				]);
				// Deliveries are let in once n8n has saved the registration (the secret's digest).
				await registrationSaved(rest, TRIGGER_ID, webhook.uuid);
			},
		);
		const secret = () => webhook.headers[SECRET_HEADER];

		const campaignPolls = async () =>
			(await sandboxCall(sandbox, 'GET', '/_sandbox/requests')).filter(
				(entry) => entry.path === '/campaigns',
			).length;
		const sending = sandbox.store.sending;
		const template = (
			await sandboxCall(sandbox, 'POST', '/templates', {
				name: 'Queue',
				body: 'Hello',
				sender: '88440',
			})
		).uuid;
		const group = (await sandboxCall(sandbox, 'POST', '/contact-groups', { name: 'Queue' })).uuid;
		sandbox.store.addContacts(sandbox.store.contactGroups.get(group), [{ phone_number: fx.PHONE }]);
		/** A campaign that starts now and finishes a second later on the sandbox's clock. */
		const campaignRun = async (name) => {
			const campaign = sending.createCampaign({
				name,
				sender: '88440',
				template_uuid: template,
				scheduled_send_date: sending.date(sending.clock.now()),
				expiry_date: sending.date(sending.clock.now() + 86_400_000),
				included_contact_groups: [group],
				excluded_contact_groups: [],
			});
			await waitFor(`campaign ${name} to finish sending`, () => {
				sending.tick();
				return campaign.finished_sending_at !== '';
			});
			return campaign.uuid;
		};
		/** The Campaign Trigger's events over all its executions, as [event, campaign uuid]. */
		const campaignEvents = async () => {
			const rows = await settled(0, CAMPAIGN_ID);
			const data = await runData(rows);
			return rows.flatMap((row) =>
				data
					.get(String(row.id))
					[
						'Passona Campaign Trigger'
					][0].data.main[0].map((item) => [item.json.event, item.json.uuid]),
			);
		};
		const campaigns = [];

		await step('the Campaign Trigger is active on main (its poll at activation done)', async () => {
			const before = await campaignPolls();
			const workflow = await rest.get(`/workflows/${CAMPAIGN_ID}`);
			const activated = await rest.post(`/workflows/${CAMPAIGN_ID}/activate`, {
				versionId: workflow.versionId,
			});
			assert.equal(activated.active, true, JSON.stringify(activated).slice(0, 2000));
			await waitFor('the poll at activation', async () => (await campaignPolls()) > before);
			campaigns.push(await campaignRun('Queue A (main up)'));
		});

		await step(
			`${DELIVERIES} inbound SMS in bursts of ${BURST} through the webhook process run exactly once, on both workers, the Passona node included`,
			async () => {
				const perWorker = await deliverAndCount(DELIVERIES, 'burst', 'through the webhook process');
				for (const name of qs.workerNames) assert.ok(perWorker[name] > 0, `${name} ran none`);
			},
		);

		await step(
			'forged calls on the production URL are answered 401 and start nothing',
			async () => {
				const forged = [
					{},
					{ [SECRET_HEADER]: 'guess' },
					{ [SECRET_HEADER]: secret().toUpperCase() },
				];
				const statuses = [];
				for (let i = 0; i < 20; i++) {
					const response = await fetch(ourUrl, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', ...forged[i % forged.length] },
						body: JSON.stringify({
							event: 'keyword.matched',
							from: fx.PHONE,
							message: `forged ${i}`,
						}),
					});
					statuses.push(response.status);
				}
				assert.deepEqual(statuses, Array(20).fill(401));
				// A real delivery after them: once it has run, anything the forged calls started would be counted.
				await deliverAndCount(1, 'after-forged', 'after 20 forged calls');
				log('  20 forged calls: 20 × 401, no execution');
			},
		);

		const exactlyOneWebhook = (when) => {
			assert.deepEqual(
				ours().map((hook) => hook.uuid),
				[webhook.uuid],
				`our webhooks ${when}`,
			);
			const kw = sandbox.store.keywords.get(keyword.uuid);
			assert.deepEqual(
				kw.webhooks_uuid,
				[other.uuid, webhook.uuid],
				`the keyword's webhooks ${when}`,
			);
			assert.equal(kw.call_webhook, true);
		};
		const restartMain = async (signal) => {
			await qs.stopN8n(signal);
			exactlyOneWebhook(`after main stopped (${signal})`);
		};
		const pollAfterRestart = async (before) => {
			await waitFor(
				'a campaign poll after main restarted',
				async () => (await campaignPolls()) > before,
				240_000,
			);
		};

		await step(
			'main stopped (SIGTERM): the webhook stays, deliveries go on, a campaign runs',
			async () => {
				await restartMain('SIGTERM');
				await deliverAndCount(20, 'main-down', 'while main is down');
				campaigns.push(await campaignRun('Queue B (main down)'));
			},
		);

		await step(
			'main started again: exactly one webhook; the Campaign Trigger catches up, each event once',
			async () => {
				const polls = await campaignPolls();
				await qs.startN8n();
				await login();
				exactlyOneWebhook('after main restarted');
				await pollAfterRestart(polls);
				// Main has brought its workflows back by its first poll: still the one webhook.
				exactlyOneWebhook('after main restarted and polled');
				const events = await waitFor(
					'the four campaign events',
					async () => {
						const list = await campaignEvents();
						return list.length >= 4 && list;
					},
					240_000,
				);
				assert.deepEqual(
					[...events].sort(),
					campaigns
						.flatMap((uuid) => [
							['finishedSending', uuid],
							['startedSending', uuid],
						])
						.sort(),
				);
				await deliverAndCount(20, 'main-back', 'after main restarted');
			},
		);

		await step(
			'main killed (SIGKILL) and started: still one webhook, no campaign event twice',
			async () => {
				await restartMain('SIGKILL');
				const polls = await campaignPolls();
				await qs.startN8n();
				await login();
				exactlyOneWebhook('after main was killed and started');
				await pollAfterRestart(polls);
				exactlyOneWebhook('after main was killed, started and polled');
				// The deliveries come first (each waited for on the workers), so that a run the poll
				// started has had time to be stored before the events are counted.
				await deliverAndCount(20, 'after-kill', 'after main was killed and started');
				const events = await campaignEvents();
				assert.equal(
					events.length,
					4,
					`campaign events after the second restart: ${JSON.stringify(events)}`,
				);
			},
		);

		await step(
			"a webhook process whose webhook URL setting differs from main's (none: it works out localhost) lets real deliveries in, and forged ones not",
			async () => {
				await qs.restart('webhook', { N8N_WEBHOOK_URL: undefined, N8N_HOST: 'localhost' });
				await deliverAndCount(10, 'other-host', 'to a webhook process that names localhost');
				const response = await fetch(ourUrl, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: 'guess' },
					body: '{}',
				});
				assert.equal(response.status, 401);
			},
		);

		await step(
			'deactivating removes the webhook and leaves the other one on the keyword',
			async () => {
				await rest.post(`/workflows/${TRIGGER_ID}/deactivate`, {});
				await rest.post(`/workflows/${CAMPAIGN_ID}/deactivate`, {});
				await waitFor('our webhook to go', () => ours().length === 0);
				const kw = sandbox.store.keywords.get(keyword.uuid);
				assert.deepEqual(kw.webhooks_uuid, [other.uuid]);
				assert.equal(kw.call_webhook, true);
			},
		);

		await step('the API token and the trigger secret appear in no log of any process', async () => {
			for (const file of [
				'n8n.log',
				'n8n-webhook.log',
				...qs.workerNames.map((name) => `n8n-${name}.log`),
				'cli.log',
			]) {
				const text = await readFile(join(ARTIFACTS, file), 'utf8');
				assert.ok(!text.includes(sandbox.token), `${file} holds the API token`);
				assert.ok(!text.includes(secret()), `${file} holds the trigger secret`);
			}
		});
		log(
			`e2e queue: ${passed()} steps passed in ${seconds()}; ${sent} inbound SMS, ${sent} executions; logs in ${ARTIFACTS}`,
		);
	} finally {
		await db?.end().catch(() => undefined);
		await qs.stop();
	}
}

main().catch((error) => {
	console.error(
		`\ne2e queue FAILED after ${seconds()} (${passed()} steps passed): ${error?.stack ?? error}`,
	);
	console.error(`logs: ${ARTIFACTS}`);
	process.exitCode = 1;
});
