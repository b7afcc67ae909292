/** The node against the real sandbox over HTTP: one sandbox a file, emptied before every test. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { runPassona, type RunResult } from '../../harness/engine';
import { call, useSandbox } from '../sandbox/helpers';

export interface Contract {
	sandbox: () => Sandbox;
	/** Runs the Passona node with the sandbox's URL and token. */
	run: (parameters: INodeParameters, items?: IDataObject[]) => Promise<RunResult>;
	/** Runs it, expects no error, returns the items' JSON. */
	ok: (parameters: INodeParameters, items?: IDataObject[]) => Promise<IDataObject[]>;
	/** The SMS the sandbox sent, oldest first. */
	outbox: () => Promise<OutboxEntry[]>;
	/** The numbers they went to, in the same order. */
	texted: () => Promise<string[]>;
}

export type OutboxEntry = Record<string, unknown> & { to: string };

export function useContract(options: { jobDelayMs?: number } = {}): Contract {
	const sandbox = useSandbox(options);
	const run = (parameters: INodeParameters, items?: IDataObject[]) =>
		runPassona({
			parameters,
			items,
			credentials: { apiToken: sandbox().token, baseUrl: sandbox().url },
		});
	const ok = async (parameters: INodeParameters, items?: IDataObject[]) => {
		const { items: out, error } = await run(parameters, items);
		expect(error?.message).toBeUndefined();
		return out.map((item) => item.json);
	};
	const outbox = async () =>
		(await call(sandbox(), 'GET', '/_sandbox/outbox')).body.data as OutboxEntry[];
	const texted = async () => (await outbox()).map((message) => message.to);
	return { sandbox, run, ok, outbox, texted };
}

/**
 * Runs each test with Date.now moved to `at`, time still passing: away from the hour that repeats
 * when UK clocks go back, where the node refuses Send Now (Passona would read it an hour later).
 */
export function useClockAt(at: string): void {
	let restore: (() => void) | undefined;
	beforeEach(() => {
		const real = Date.now.bind(Date);
		const offset = Date.parse(at) - real();
		const moved = jest.spyOn(Date, 'now').mockImplementation(() => real() + offset);
		restore = () => moved.mockRestore();
	});
	afterEach(() => restore?.());
}
