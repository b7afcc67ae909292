// Everything n8n (or our code) logs during a test file is kept and checked for the API token and
// for every trigger secret the file's tests registered (see guardSecret).
import { inspect } from 'node:util';
import { guardedSecrets } from '../../harness/secrets';

const logged: string[] = [];

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		logged.push(
			args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 8 }))).join(' '),
		);
		original(...args);
	};
}

afterAll(() => {
	const secrets = guardedSecrets();
	expect(logged.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
});
