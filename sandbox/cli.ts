// `npm run sandbox -- [--port N] [--token T] [--seed-contacts N] [--rate-limit N/S|off]`: runs the sandbox until Ctrl-C.
import { LARAVEL_RATE_LIMIT, parseRateLimit, type RateLimit, startSandbox } from './index';

interface CliOptions {
	port: number;
	token?: string;
	seedContacts: number;
	rateLimit: RateLimit | null;
}

const USAGE =
	'Usage: sandbox [--port N (default 8787, 0 = any free)] [--token T] [--seed-contacts N] [--rate-limit REQUESTS/SECONDS|off (default 60/60)]';

export function parseArgs(argv: string[]): CliOptions {
	const options: CliOptions = { port: 8787, seedContacts: 0, rateLimit: LARAVEL_RATE_LIMIT };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => {
			const next = inline ?? argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		const count = (name: string) => {
			const n = Number(value());
			if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
			return n;
		};
		if (flag === '--port') options.port = count('--port');
		else if (flag === '--token') options.token = value();
		else if (flag === '--seed-contacts') options.seedContacts = count('--seed-contacts');
		else if (flag === '--rate-limit') options.rateLimit = parseRateLimit(value());
		else throw new Error(`Unknown option ${argv[i]}`);
	}
	return options;
}

async function main(): Promise<void> {
	let options: CliOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	const sandbox = await startSandbox({
		port: options.port,
		token: options.token,
		rateLimit: options.rateLimit,
	});
	if (options.seedContacts > 0) {
		const group = sandbox.store.seedContactGroup({
			name: 'Seeded group',
			contacts: options.seedContacts,
		});
		console.log(`Seeded group ${group.uuid} with ${options.seedContacts} contacts`);
	}
	console.log(`Passona sandbox: ${sandbox.url}`);
	console.log(`Token: ${sandbox.token}`);
	const limit = options.rateLimit;
	console.log(
		limit
			? `Rate limit: ${limit.requests} requests per ${limit.windowSeconds} s per token (--rate-limit)`
			: 'Rate limit: off',
	);
	console.log(
		`Try: curl -H 'Authorization: Bearer ${sandbox.token}' -H 'Accept: application/json' ${sandbox.url}/balance`,
	);
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
