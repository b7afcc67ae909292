/**
 * npm run test:e2e and npm run dev give n8n, its task broker and the CLI's broker distinct ports:
 * they once collided ("n8n Task Broker's port … is already in use") because each port was probed
 * and released on its own. e2e/lib/stack.mjs is an ES module, so it runs in a child Node here.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/engine';

function inStack<T>(expression: string): T {
	const script = `import(${JSON.stringify(join(PROJECT_ROOT, 'e2e', 'lib', 'stack.mjs'))}).then(async (stack) => console.log(JSON.stringify(await (${expression}))));`;
	return JSON.parse(
		execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
	) as T;
}

describe('e2e ports', () => {
	test('freePorts(n) holds every probe until all are chosen, so the ports are distinct and free', () => {
		const ports = inStack<number[]>('stack.freePorts(40)');
		expect(ports).toHaveLength(40);
		expect(new Set(ports).size).toBe(40);
		for (const port of ports) expect(port).toBeGreaterThan(0);
	});

	test("n8n's words for a taken port are recognised, so the start is retried on fresh ports", () => {
		const matches = inStack<boolean[]>(
			`["n8n Task Broker's port 41234 is already in use. Do you have another instance of n8n running already?", "Error: listen EADDRINUSE: address already in use 127.0.0.1:5678", "Editor is now accessible"].map((line) => stack.PORT_IN_USE.test(line))`,
		);
		expect(matches).toEqual([true, true, false]);
	});
});
