// Inbound deliveries in n8n's queue mode (e2e/lib/queue.mjs): the Passona Trigger (at 1.1, what new
// workflows get, and at 1, what workflows made with 0.1.0 have) against n8n's Webhook node (v2,
// header auth on the same secret header), each followed by the same Passona node, in the same
// topology, with n8n's defaults and again with lazy isolate acquisition on the webhook process. Per
// contender and round: the webhook process's CPU per delivery (from /proc, its whole process group),
// the workers' CPU per execution, deliveries per second accepted by the webhook process and
// completed by the workers, then the webhook process's CPU per forged call (a wrong secret). The
// contenders alternate, their order rotating every round.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { N8nRest } from './rest.mjs';
import { startQueueStack } from './queue.mjs';
import { pgClient } from './services.mjs';
import { registrationSaved, sandboxCall, waitFor } from './steps.mjs';
import * as fx from './fixtures.mjs';
import {
	headerAuthCredential,
	passonaTriggerWorkflow,
	SECRET_HEADER,
	webhookNodeWorkflow,
} from './queueWorkflows.mjs';

const OWNER = {
	email: 'owner@passona-bench.test',
	firstName: 'Bench',
	lastName: 'Owner',
	password: 'PassonaBench-2026',
};
const CLOCK_TICKS = Number(process.env.CLK_TCK ?? 100);

/**
 * n8n's defaults, then the webhook process with lazy isolate acquisition: n8n 2.40 then makes an
 * expression isolate (tens of ms of CPU) only for a call that evaluates an expression.
 */
const CONFIGURATIONS = [
	{ name: "n8n's defaults", changes: {} },
	{
		name: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true on the webhook process',
		changes: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
];

/** CPU seconds used so far by every live process of process group `pgid` (n8n and its runners). */
function groupCpuSeconds(pgid) {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// After "(name)": state ppid pgrp … utime(14) stime(15) cutime(16) cstime(17), 1-based.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return ticks / CLOCK_TICKS;
}

/** Sends `bodies` to `url` with `headers`, `inFlight` at a time; the answers' statuses. */
async function send(url, headers, bodies, inFlight) {
	const statuses = new Array(bodies.length);
	let next = 0;
	const lane = async () => {
		while (next < bodies.length) {
			const index = next++;
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body: bodies[index],
			});
			await response.arrayBuffer();
			statuses[index] = response.status;
		}
	};
	await Promise.all(Array.from({ length: inFlight }, lane));
	return statuses;
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs the scenario on the n8n install `paths` in each configuration; returns { deliveries, forged,
 * inFlight, rounds, workers, configurations: [{ name, changes, contenders: [{ name, samples,
 * median }], ratio }] } (ratio: the Passona Trigger's deliveries per second over the Webhook node's).
 */
export async function queueDeliveryBench({
	paths,
	log = console.log,
	artifacts,
	rounds = 3,
	deliveries = 200,
	forged = 100,
	inFlight = 20,
}) {
	await mkdir(artifacts, { recursive: true });
	const qs = await startQueueStack({
		paths,
		log,
		artifacts,
		env: { N8N_LOG_LEVEL: 'warn' },
	});
	let db;
	try {
		const { sandbox, cli } = qs;
		const keyword = await sandboxCall(sandbox, 'POST', '/keywords', {
			keyword: fx.TRIGGER_KEYWORD,
			message: 'Got it',
			add_contact_to_group: false,
			call_webhook: false,
		});
		const headerSecret = randomBytes(32).toString('hex');
		const ids = {
			passona: { id: 'BenchPassona11', webhookId: 'b0a1e5c4-0000-4000-8000-000000000011' },
			passonaV1: { id: 'BenchPassona10', webhookId: 'b0a1e5c4-0000-4000-8000-000000000010' },
			webhook: { id: 'BenchWebhookV2', webhookId: 'b0a1e5c4-0000-4000-8000-000000000002' },
		};
		const workflows = {
			passona: passonaTriggerWorkflow({ ...ids.passona, keywordUuid: keyword.uuid }),
			passonaV1: passonaTriggerWorkflow({
				...ids.passonaV1,
				keywordUuid: keyword.uuid,
				typeVersion: 1,
			}),
			webhook: webhookNodeWorkflow(ids.webhook),
		};
		const dir = join(qs.userFolder, 'import');
		await mkdir(dir, { recursive: true });
		await writeFile(
			join(dir, 'credentials.json'),
			JSON.stringify([fx.credential(sandbox), headerAuthCredential(headerSecret)]),
		);
		await cli(['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
		for (const [name, workflow] of Object.entries(workflows)) {
			await writeFile(join(dir, `${name}.json`), JSON.stringify(workflow));
			await cli(['import:workflow', `--input=${join(dir, `${name}.json`)}`]);
		}
		await qs.startAll();
		db = await pgClient(paths, { port: qs.pg.port });
		const rest = new N8nRest(qs.origin);
		await rest.post('/owner/setup', OWNER);
		await rest.post('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		for (const { id } of Object.values(ids)) {
			const workflow = await rest.get(`/workflows/${id}`);
			const activated = await rest.post(`/workflows/${id}/activate`, {
				versionId: workflow.versionId,
			});
			assert.equal(activated.active, true, JSON.stringify(activated).slice(0, 1000));
		}
		const urlOf = (webhookId) => `${qs.webhookOrigin}/webhook/${webhookId}/webhook`;
		/** The secret of the workflow's Passona webhook, once n8n lets deliveries in with it. */
		const passonaSecret = async ({ id, webhookId }) => {
			const hook = await waitFor(`the Passona webhook of ${webhookId}`, () =>
				[...sandbox.store.webhooks.values()].find(
					(candidate) => candidate.url === urlOf(webhookId),
				),
			);
			await registrationSaved(rest, id, hook.uuid);
			return hook.headers[SECRET_HEADER];
		};
		const contenders = [
			{
				name: 'Passona Trigger (1.1, new workflows)',
				id: ids.passona.id,
				url: urlOf(ids.passona.webhookId),
				secret: await passonaSecret(ids.passona),
				refused: 401,
			},
			{
				name: 'Passona Trigger (1, workflows made with 0.1.0)',
				id: ids.passonaV1.id,
				url: urlOf(ids.passonaV1.webhookId),
				secret: await passonaSecret(ids.passonaV1),
				refused: 401,
			},
			{
				name: "n8n's Webhook node (v2, header auth)",
				id: ids.webhook.id,
				url: `${qs.webhookOrigin}/webhook/${ids.webhook.webhookId}`,
				secret: headerSecret,
				refused: 403,
			},
		];
		let webhookPid = qs.processes.get('webhook').child.pid;
		const workerPids = qs.workerNames.map((name) => qs.processes.get(name).child.pid);
		const workersCpu = () => workerPids.reduce((sum, pid) => sum + groupCpuSeconds(pid), 0);
		const finished = async (id) =>
			Number(
				(
					await db.query(
						`SELECT count(*) FROM execution_entity WHERE "workflowId" = $1 AND status NOT IN ('new', 'running', 'waiting')`,
						[id],
					)
				).rows[0].count,
			);
		let serial = 0;
		const body = () =>
			JSON.stringify({
				event: 'keyword.matched',
				keyword: { uuid: keyword.uuid, keyword: fx.TRIGGER_KEYWORD },
				from: fx.PHONE,
				message: `${fx.TRIGGER_KEYWORD} bench ${serial++}`,
				received_at: new Date().toISOString(),
			});

		const measureOnce = async (contender, count, secret, expected) => {
			const before = await finished(contender.id);
			const cpu = [groupCpuSeconds(webhookPid), workersCpu()];
			const started = performance.now();
			const statuses = await send(
				contender.url,
				{ [SECRET_HEADER]: secret },
				Array.from({ length: count }, body),
				inFlight,
			);
			const acceptedMs = performance.now() - started;
			const webhookCpu = groupCpuSeconds(webhookPid) - cpu[0];
			const wrong = statuses.filter((status) => status !== expected);
			assert.deepEqual(wrong, [], `${contender.name}: answers other than ${expected}`);
			const runs = expected === 200 ? count : 0;
			await waitFor(
				`${runs} executions of ${contender.name}`,
				async () => (await finished(contender.id)) >= before + runs,
				300_000,
			);
			const completedMs = performance.now() - started;
			assert.equal(await finished(contender.id), before + runs, `${contender.name}: executions`);
			return {
				webhookCpuMs: (webhookCpu * 1000) / count,
				workerCpuMs: runs ? ((workersCpu() - cpu[1]) * 1000) / runs : undefined,
				acceptedPerSecond: count / (acceptedMs / 1000),
				completedPerSecond: runs ? runs / (completedMs / 1000) : undefined,
			};
		};

		const runConfiguration = async ({ name, changes }) => {
			if (Object.keys(changes).length > 0) {
				await qs.restart('webhook', changes);
				webhookPid = qs.processes.get('webhook').child.pid;
			}
			log(`queue: ${name}; warm-up, 20 deliveries and 20 forged calls each`);
			for (const contender of contenders) {
				await measureOnce(contender, 20, contender.secret, 200);
				await measureOnce(contender, 20, 'not-the-secret', contender.refused);
			}
			const samples = new Map(contenders.map((contender) => [contender.name, []]));
			for (let round = 0; round < rounds; round++) {
				for (let k = 0; k < contenders.length; k++) {
					const contender = contenders[(k + round) % contenders.length];
					const real = await measureOnce(contender, deliveries, contender.secret, 200);
					const fake = await measureOnce(contender, forged, 'not-the-secret', contender.refused);
					const sample = {
						...real,
						forgedCpuMs: fake.webhookCpuMs,
						forgedPerSecond: fake.acceptedPerSecond,
					};
					samples.get(contender.name).push(sample);
					log(
						`  ${contender.name}: webhook process ${sample.webhookCpuMs.toFixed(1)} ms CPU a delivery, ${sample.forgedCpuMs.toFixed(1)} ms a forged call; workers ${sample.workerCpuMs.toFixed(1)} ms an execution; ${sample.acceptedPerSecond.toFixed(0)} accepted/s, ${sample.completedPerSecond.toFixed(0)} completed/s`,
					);
				}
			}
			const results = contenders.map((contender) => {
				const list = samples.get(contender.name);
				const of = (key) => median(list.map((sample) => sample[key]));
				return {
					name: contender.name,
					samples: list,
					median: Object.fromEntries(
						[
							'webhookCpuMs',
							'forgedCpuMs',
							'workerCpuMs',
							'acceptedPerSecond',
							'completedPerSecond',
							'forgedPerSecond',
						].map((key) => [key, of(key)]),
					),
				};
			});
			const [passona, , webhookNode] = results;
			return {
				name,
				changes,
				contenders: results,
				ratio: {
					accepted: passona.median.acceptedPerSecond / webhookNode.median.acceptedPerSecond,
					completed: passona.median.completedPerSecond / webhookNode.median.completedPerSecond,
				},
			};
		};
		const configurations = [];
		for (const configuration of CONFIGURATIONS)
			configurations.push(await runConfiguration(configuration));
		return {
			deliveries,
			forged,
			inFlight,
			rounds,
			workers: qs.workerNames.length,
			configurations,
		};
	} finally {
		await db?.end().catch(() => undefined);
		await qs.stop();
	}
}

/** The results as a table for the log: one per configuration. */
export function queueTable(results) {
	const row = (cells) => `| ${cells.join(' | ')} |`;
	const lines = [];
	for (const configuration of results.configurations) {
		lines.push(
			`**${configuration.name}**`,
			'',
			row([
				'Contender',
				'Webhook process CPU / delivery',
				'/ forged call',
				'Workers CPU / execution',
				'Accepted / s',
				'Completed / s',
			]),
			row(['---', '---:', '---:', '---:', '---:', '---:']),
		);
		for (const { name, median: m } of configuration.contenders)
			lines.push(
				row([
					name,
					`${m.webhookCpuMs.toFixed(1)} ms`,
					`${m.forgedCpuMs.toFixed(1)} ms`,
					`${m.workerCpuMs.toFixed(1)} ms`,
					m.acceptedPerSecond.toFixed(0),
					m.completedPerSecond.toFixed(0),
				]),
			);
		lines.push(
			'',
			`Passona Trigger (1.1) / Webhook node: ${configuration.ratio.accepted.toFixed(2)}× accepted, ${configuration.ratio.completed.toFixed(2)}× completed per second (goal ≥ 0.8×).`,
			'',
		);
	}
	lines.push(
		`Medians of ${results.rounds} rounds of ${results.deliveries} deliveries and ${results.forged} forged calls each, ${results.inFlight} in flight, ${results.workers} workers.`,
	);
	return lines.join('\n');
}
