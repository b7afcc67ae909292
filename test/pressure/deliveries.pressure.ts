/**
 * `npm run test:pressure`: 1,000 inbound SMS through the sandbox, delivered over real HTTP in
 * bursts of 50 concurrent: every signed delivery starts exactly one run, none lost, none twice;
 * forged deliveries interleaved in the same bursts start nothing.
 */
import { activate, deactivate, guardTriggerSecrets } from '../../harness/trigger';
import { inboundBursts, startTriggerWorld, type TriggerWorld } from '../support/triggerWorld';

const TOTAL = Number(process.env.PASSONA_DELIVERIES ?? 1000);
const BURST = 50;
let world: TriggerWorld;

beforeAll(async () => {
	world = await startTriggerWorld(['JOIN']);
	await activate(world.setup);
});
afterAll(async () => {
	await deactivate(world.setup);
	await world.close();
});

test(`${TOTAL} deliveries in bursts of ${BURST}, with as many forged ones: none lost, none twice, none let in`, async () => {
	const [secret] = guardTriggerSecrets(world.setup);
	const forged = async (n: number) =>
		await fetch(`${world.server.webhookBaseUrl}/x/webhook`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-Passona-N8n-Secret': n % 2 ? secret.toUpperCase() : `${secret.slice(1)}0`,
			},
			body: JSON.stringify({ message: `FORGED ${n}` }),
		});
	const started = Date.now();
	const [answers, forgedAnswers] = await Promise.all([
		inboundBursts(world, 'JOIN', TOTAL, BURST),
		(async () => {
			const statuses: number[] = [];
			for (let start = 0; start < TOTAL; start += BURST) {
				statuses.push(
					...(await Promise.all(
						Array.from({ length: BURST }, (_, n) => forged(start + n).then((r) => r.status)),
					)),
				);
			}
			return statuses;
		})(),
	]);
	await world.server.settled();
	const messages = world.server.executions.map((run) => run.items[0].json.message as string);
	const expected = Array.from({ length: TOTAL }, (_, n) => `JOIN ${n}`);
	const lost = expected.filter((message) => !messages.includes(message)).length;
	const duplicated = messages.length - new Set(messages).size;
	const letIn = messages.filter((message) => message.startsWith('FORGED')).length;
	console.info(
		`pressure: ${TOTAL} signed deliveries and ${forgedAnswers.length} forged in bursts of ${BURST}, ${world.server.executions.length} runs, lost ${lost}, duplicated ${duplicated}, let in ${letIn}, ${Date.now() - started} ms`,
	);
	expect(
		answers.map((answer) =>
			answer.body.data.deliveries.map((delivery: { status: number }) => delivery.status),
		),
	).toEqual(expected.map(() => [200]));
	expect(forgedAnswers.every((status) => status === 401)).toBe(true);
	expect({ lost, duplicated, letIn }).toEqual({ lost: 0, duplicated: 0, letIn: 0 });
	expect(messages.sort()).toEqual(expected.sort());
}, 300_000);
