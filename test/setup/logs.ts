// Everything n8n (or our code) logs during a test file is kept and checked for the API token.
import { inspect } from 'node:util';
import { TOKEN } from '../harness/secrets';

const logged: string[] = [];

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		logged.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 8 }))).join(' '));
		original(...args);
	};
}

afterAll(() => {
	expect(logged.filter((line) => line.includes(TOKEN))).toEqual([]);
});
