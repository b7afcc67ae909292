/** The node against the real sandbox over HTTP: one sandbox a file, emptied before every test. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { runPassona, type RunResult } from '../../harness/engine';
import { useSandbox } from '../sandbox/helpers';

export interface Contract {
	sandbox: () => Sandbox;
	/** Runs the Passona node with the sandbox's URL and token. */
	run: (parameters: INodeParameters, items?: IDataObject[]) => Promise<RunResult>;
	/** Runs it, expects no error, returns the items' JSON. */
	ok: (parameters: INodeParameters, items?: IDataObject[]) => Promise<IDataObject[]>;
}

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
	return { sandbox, run, ok };
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
