// `npm run test:e2e`: this package in a real n8n 2.40.7 (or E2E_N8N_VERSION's, see e2e/matrix.mjs) against
// the local Passona sandbox, through n8n's CLI, its REST API and its editor in headless Chromium. Fails
// with a non-zero exit code.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureInstall } from './lib/install.mjs';
import { ARTIFACTS, ROOT } from './lib/paths.mjs';
import { N8nRest } from './lib/rest.mjs';
import { startStack } from './lib/stack.mjs';
import * as fx from './lib/fixtures.mjs';
import { importExamples, runExamples } from './lib/examples.mjs';
import {
	campaignAtTypedTime,
	groupPickerOnNewNode,
	launchBrowser,
	screenshotNodes,
	setupOwner,
} from './lib/editor.mjs';
import { findingTheNode } from './lib/finding.mjs';
import { optInFlow } from './lib/optIn.mjs';
import { saveAsNewVersion } from './lib/compat.mjs';
import { moreResourcesFlow } from './lib/moreResources.mjs';
import { registrationSaved, sandboxCall, sleep, stepper, timedLog, waitFor } from './lib/steps.mjs';
import { retriedExecutionFlow } from './lib/exactlyOnce.mjs';

const OWNER = {
	email: 'owner@passona-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'PassonaE2e-2026',
};
const { seconds, log } = timedLog();

// Steps the n8n version under test is known to fail, with why (E2E_KNOWN_FAILURES, set by e2e/matrix.mjs
// from e2e/versions/<version>/known-failures.json): reported, and the run goes on; one that passes fails.
const { step, passed } = stepper(log, JSON.parse(process.env.E2E_KNOWN_FAILURES || '{}'));
// n8n 2.40 shows a failed credential test in the words of the credential's rules; the older versions of
// the matrix (2.0.3, 1.123.81: measured) show their own words ("Authorization failed…", "Request failed
// with status code 302") whatever the rules say.
const [N8N_MAJOR, N8N_MINOR] = (process.env.E2E_N8N_VERSION || '2.40.7').split('.').map(Number);
const RULE_WORDS = N8N_MAJOR > 2 || (N8N_MAJOR === 2 && N8N_MINOR >= 40);
// The same versions are the ones whose node search lists each node's description.

function parseCliJson(stdout) {
	const start = stdout.search(/^\{/m);
	const end = stdout.lastIndexOf('\n}');
	assert.ok(start >= 0 && end > start, `no JSON in n8n execute's output:\n${stdout.slice(-2000)}`);
	return JSON.parse(stdout.slice(start, end + 2));
}

const outputOf = (run, node) =>
	run.data.resultData.runData[node]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];

async function main() {
	await rm(ARTIFACTS, { recursive: true, force: true });
	await mkdir(ARTIFACTS, { recursive: true });
	const paths = await ensureInstall({ log });
	const stack = await startStack({ paths, log });
	let browser;
	try {
		const { sandbox, cli } = stack;
		const rest = new N8nRest(stack.origin);
		const flatted = createRequire(join(paths.nodeModules, 'n8n', 'package.json'))('flatted');

		// A keyword for the trigger that already calls another webhook (which must survive).
		const other = await sandboxCall(sandbox, 'POST', '/webhooks', {
			name: 'Someone else',
			url: `${sandbox.origin}/elsewhere`,
			headers: {},
		});
		const triggerKeyword = await sandboxCall(sandbox, 'POST', '/keywords', {
			keyword: fx.TRIGGER_KEYWORD,
			message: 'Got it',
			add_contact_to_group: false,
			call_webhook: true,
			webhooks_uuid: [other.uuid],
		});

		await step("import the sandbox credential and the workflows with n8n's CLI", async () => {
			const dir = join(stack.userFolder, 'import');
			await mkdir(dir, { recursive: true });
			await writeFile(join(dir, 'credentials.json'), JSON.stringify([fx.credential(sandbox)]));
			await writeFile(join(dir, 'action.json'), JSON.stringify(fx.actionWorkflow()));
			await writeFile(
				join(dir, 'trigger.json'),
				JSON.stringify(fx.triggerWorkflow(triggerKeyword.uuid)),
			);
			await cli(['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
			await cli(['import:workflow', `--input=${join(dir, 'action.json')}`]);
			await cli(['import:workflow', `--input=${join(dir, 'trigger.json')}`]);
			await importExamples(cli);
		});

		await step('start n8n', () => stack.startN8n());

		if (process.env.E2E_SKIP_UI) {
			await rest.post('/owner/setup', OWNER);
		} else {
			browser = await launchBrowser(paths, log);
			await step('create the owner account in the editor', () =>
				setupOwner(browser, stack.origin, OWNER, ARTIFACTS),
			);
		}
		await rest.post('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });

		await step("n8n loaded the package's nodes and credential", async () => {
			const types = await rest.post('/node-types', {
				nodeInfos: [
					{ name: 'n8n-nodes-passona.passona', version: 1 },
					{ name: 'n8n-nodes-passona.passonaTrigger', version: 1 },
				],
			});
			assert.deepEqual(types.map((type) => type.displayName).sort(), [
				'Passona',
				'Passona Trigger',
			]);
		});

		await step(
			'credential test passes with the sandbox token and fails with a wrong one',
			async () => {
				const good = await rest.post('/credentials/test', { credentials: fx.credential(sandbox) });
				assert.equal(good?.status, 'OK', `credential test: ${JSON.stringify(good)}`);
				const wrong = fx.credential(sandbox);
				wrong.data.apiToken = 'not-the-token';
				const bad = await rest.post('/credentials/test', { credentials: wrong });
				assert.equal(
					bad?.status,
					'Error',
					`credential test with a wrong token: ${JSON.stringify(bad)}`,
				);
				if (RULE_WORDS)
					assert.match(
						bad.message,
						/^Passona did not accept the API token/,
						'the node\'s plain words, not "Unauthorized"',
					);
				else
					assert.match(
						bad.message,
						/^Authorization failed/,
						`this n8n's own words: ${bad.message}`,
					);
				log(`  wrong token → ${bad.message}`);
			},
		);

		await step(
			'credential test against a Base URL that redirects to another origin: refused, no token sent there',
			async () => {
				const { createServer } = await import('node:http');
				const listen = async (handler) => {
					const server = createServer(handler);
					await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
					return { server, origin: `http://127.0.0.1:${server.address().port}` };
				};
				const reached = [];
				const other = await listen((req, res) => {
					reached.push(req.headers.authorization ?? '(none)');
					res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":{"balance":1}}');
				});
				const redirector = await listen((req, res) =>
					res.writeHead(302, { Location: `${other.origin}${req.url}` }).end(),
				);
				try {
					const redirected = fx.credential(sandbox);
					redirected.data.baseUrl = `${redirector.origin}/api/2.0`;
					const answer = await rest.post('/credentials/test', { credentials: redirected });
					assert.equal(
						answer?.status,
						'Error',
						`credential test through a redirect: ${JSON.stringify(answer)}`,
					);
					if (RULE_WORDS) assert.match(answer.message, /^Passona answered with a redirect/);
					else
						assert.match(
							answer.message,
							/status code 30[1278]/,
							`this n8n's own words: ${answer.message}`,
						);
					assert.deepEqual(reached, []);
					log(`  redirect → ${answer.message}`);
				} finally {
					redirector.server.close();
					other.server.close();
				}
			},
		);

		await step(
			'action workflow (contact group and keyword operations) runs with `n8n execute`',
			async () => {
				const run = parseCliJson(
					await cli(['execute', `--id=${fx.ACTION_WORKFLOW_ID}`, '--rawOutput'], { capture: true }),
				);
				assert.equal(run.data.resultData.error, undefined);
				const [group] = outputOf(run, 'Create Group');
				assert.equal(group.name, fx.GROUP_NAME);
				assert.match(group.uuid, /^[0-9a-f-]{36}$/);
				const [added] = outputOf(run, 'Add Contact');
				assert.equal(added.uuid, group.uuid);
				assert.equal(added.status, 'Modifying');
				const [keyword] = outputOf(run, 'Create Keyword');
				assert.equal(keyword.keyword, fx.ACTION_KEYWORD);
				assert.deepEqual(keyword.contact_groups_uuid, [group.uuid]);
				const keywords = outputOf(run, 'Get Keywords')
					.map((item) => item.keyword)
					.sort();
				assert.deepEqual(keywords, [fx.ACTION_KEYWORD, fx.TRIGGER_KEYWORD].sort());
				const contacts = sandbox.store.contactsOf(group.uuid);
				assert.deepEqual([...contacts.keys()], [fx.PHONE]);
			},
		);

		await step('the examples/ workflows, imported as npm run dev imports them, run in order', () =>
			runExamples({ cli, sandbox, parse: parseCliJson, log }),
		);

		const webhookUrl = `${stack.origin}/webhook/${fx.TRIGGER_WEBHOOK_ID}/webhook`;
		const ours = () =>
			[...sandbox.store.webhooks.values()].filter((webhook) => webhook.url === webhookUrl);
		let triggerSecret;
		const executions = async () =>
			(
				await rest.get(
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: fx.TRIGGER_WORKFLOW_ID }))}`,
				)
			).results;

		await step('activating the trigger workflow registers a webhook on the keyword', async () => {
			const workflow = await saveAsNewVersion(rest, fx.TRIGGER_WORKFLOW_ID);
			const activated = await rest.post(`/workflows/${fx.TRIGGER_WORKFLOW_ID}/activate`, {
				versionId: workflow.versionId,
			});
			assert.equal(
				activated.active,
				true,
				`activate answered ${JSON.stringify(activated).slice(0, 2000)}`,
			);
			// n8n may publish through its outbox, a moment after answering.
			const webhook = await waitFor(`a sandbox webhook for ${webhookUrl}`, () => {
				const keyword = sandbox.store.keywords.get(triggerKeyword.uuid);
				return keyword.webhooks_uuid.length === 2 && ours()[0];
			});
			assert.equal(ours().length, 1);
			assert.ok(
				webhook.headers['X-Passona-N8n-Secret']?.length >= 32,
				'the webhook carries a secret header',
			);
			triggerSecret = webhook.headers['X-Passona-N8n-Secret'];
			// Activation ends after the keyword is read back and n8n has saved the registration.
			const staticData = await registrationSaved(rest, fx.TRIGGER_WORKFLOW_ID, webhook.uuid);
			// Only the secret's digest is kept: n8n copies static data into stored executions.
			assert.ok(
				!staticData.includes(triggerSecret),
				"the workflow's static data holds the trigger secret",
			);
			const keyword = sandbox.store.keywords.get(triggerKeyword.uuid);
			assert.equal(keyword.call_webhook, true);
			assert.deepEqual(keyword.webhooks_uuid, [other.uuid, webhook.uuid]);
		});

		await step('an inbound SMS on the sandbox starts an execution with the message', async () => {
			const text = `${fx.TRIGGER_KEYWORD} hello from the e2e test`;
			const inbound = await sandboxCall(sandbox, 'POST', '/_sandbox/inbound', {
				from: fx.PHONE,
				text,
			});
			const delivery = inbound.deliveries.find((entry) => entry.url === webhookUrl);
			assert.equal(delivery?.status, 200, `delivery to n8n: ${JSON.stringify(inbound.deliveries)}`);
			const [execution] = await waitFor('the trigger execution', async () => {
				const list = await executions();
				return list.some((entry) => entry.status === 'success') && list;
			});
			const full = await rest.get(`/executions/${execution.id}`);
			const data = flatted.parse(full.data);
			const [item] = data.resultData.runData['Passona Trigger'][0].data.main[0].map(
				(entry) => entry.json,
			);
			assert.equal(item.message, text);
			assert.equal(item.from, fx.PHONE);
			assert.equal(item.keyword.uuid, triggerKeyword.uuid);
			assert.match(item.receivedAt, /^\d{4}-\d\d-\d\dT/);
		});

		await step(
			'a forged delivery without (or with a wrong) secret gets 401 and starts nothing',
			async () => {
				const before = (await executions()).length;
				const body = JSON.stringify({
					event: 'keyword.matched',
					from: fx.PHONE,
					message: 'forged',
				});
				for (const headers of [{}, { 'X-Passona-N8n-Secret': 'guess' }]) {
					const response = await fetch(webhookUrl, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', ...headers },
						body,
					});
					assert.equal(response.status, 401);
				}
				await sleep(1500);
				assert.equal((await executions()).length, before);
			},
		);

		await step(
			'deactivating removes our webhook and leaves the other one on the keyword',
			async () => {
				await rest.post(`/workflows/${fx.TRIGGER_WORKFLOW_ID}/deactivate`, {});
				await waitFor('our webhook to go', () => ours().length === 0);
				assert.deepEqual([...sandbox.store.webhooks.keys()], [other.uuid]);
				const keyword = sandbox.store.keywords.get(triggerKeyword.uuid);
				assert.deepEqual(keyword.webhooks_uuid, [other.uuid]);
				assert.equal(keyword.call_webhook, true);
			},
		);

		await step(
			'SMS opt-in (examples/3-opt-in.json): an inbound SMS ends as a welcome SMS; the campaign skips the opted-out number',
			() => optInFlow({ sandbox, rest, cli, sandboxCall, waitFor, parseCliJson, log }),
		);

		await step(
			"links, vanity domains, sync, balance and waiting run with `n8n execute`; the campaign trigger fires on n8n's poll",
			() =>
				moreResourcesFlow({ sandbox, rest, cli, sandboxCall, waitFor, parseCliJson, flatted, log }),
		);

		await step(
			"a Campaign Create that failed on its second item, retried as n8n's Executions list retries it, sends only the second",
			() => retriedExecutionFlow({ sandbox, rest, cli, sandboxCall, waitFor, log }),
		);

		await step(
			'the API token and the trigger secret appear in no execution and no log',
			async () => {
				const all = (await rest.get('/executions')).results;
				assert.ok(all.length >= 2, `expected the action and trigger executions, got ${all.length}`);
				for (const { id } of all) {
					const full = JSON.stringify(await rest.get(`/executions/${id}`));
					assert.ok(!full.includes(sandbox.token), `execution ${id} holds the API token`);
					assert.ok(!full.includes(triggerSecret), `execution ${id} holds the trigger secret`);
				}
				for (const file of ['n8n.log', 'cli.log']) {
					const text = await readFile(join(ARTIFACTS, file), 'utf8');
					assert.ok(!text.includes(sandbox.token), `${file} holds the API token`);
					assert.ok(!text.includes(triggerSecret), `${file} holds the trigger secret`);
				}
			},
		);

		if (browser) {
			await step(
				'the editor finds the Passona node, lists its operations and shows the trigger panel',
				() => screenshotNodes(browser, stack.origin, ARTIFACTS, log),
			);
			await step(
				'a search for "SMS" (and "send sms", "Passona send", "contact group") finds Passona; "What happens next?" describes it by its action node',
				async () => {
					const [passona] = await rest.post('/node-types', {
						nodeInfos: [{ name: 'n8n-nodes-passona.passona', version: 1 }],
					});
					await findingTheNode(
						browser,
						stack.origin,
						ARTIFACTS,
						log,
						passona.description,
						RULE_WORDS,
					);
				},
			);

			const editorGroup = 'E2E editor walk';
			const editorTemplate = 'E2E winter offer';
			await step(
				'the editor: Send At typed as 10:00 in a new Campaign Create reaches Passona as 10:00 UK time, n8n left at its default zone',
				async () => {
					const { timezone } = await rest.get('/settings');
					assert.equal(timezone, 'America/New_York', "n8n's default zone, as a new user has it");
					await sandboxCall(sandbox, 'POST', '/contact-groups', {
						name: editorGroup,
						deletable: true,
					});
					await sandboxCall(sandbox, 'POST', '/templates', {
						name: editorTemplate,
						body: 'Winter offer: 20% off. Text OPTOUT to stop',
						sender: '88440',
					});
					const year = new Date().getUTCFullYear() + 1;
					const output = await campaignAtTypedTime(browser, stack.origin, ARTIFACTS, {
						name: 'E2E typed time',
						template: editorTemplate,
						group: editorGroup,
						sendAt: `${year}-12-05 10:00:00`,
					});
					const campaign = [...sandbox.store.sending.campaigns.values()].find(
						(entry) => entry.name === 'E2E typed time',
					);
					assert.equal(campaign?.scheduled_send_date, `${year}-12-05 10:00:00`);
					// The sandbox reads Passona's dates as its PHP does: 10:00 on London's clock, GMT in December.
					const { readPassonaDate } = createRequire(import.meta.url)(
						join(ROOT, 'build', 'sandbox', 'dates.js'),
					);
					assert.equal(
						new Date(readPassonaDate(campaign.scheduled_send_date)).toISOString(),
						`${year}-12-05T10:00:00.000Z`,
					);
					assert.match(
						output,
						new RegExp(`${year}-12-05 10:00:00 GMT`),
						'london_time in the output',
					);
					log(`  typed ${year}-12-05 10:00:00 → Passona got ${campaign.scheduled_send_date} (GMT)`);
				},
			);

			await step(
				'the editor: a group picker on a node added after another lists the groups',
				async () => {
					const { entries, how } = await groupPickerOnNewNode(browser, ARTIFACTS);
					assert.ok(
						entries.some((entry) => entry.startsWith(editorGroup)),
						`the picker lists ${editorGroup}: ${JSON.stringify(entries)}`,
					);
					log(`  ${how}: ${entries.map((entry) => entry.split('\n')[0]).join(', ')}`);
				},
			);
		}
		log(`e2e: ${passed()} steps passed in ${seconds()}; logs and screenshots in ${ARTIFACTS}`);
	} finally {
		if (browser) await browser.close().catch(() => undefined);
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(
		`\ne2e FAILED after ${seconds()} (${passed()} steps passed): ${error?.stack ?? error}`,
	);
	console.error(`logs: ${ARTIFACTS}`);
	process.exitCode = 1;
});
