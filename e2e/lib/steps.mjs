// What the e2e runs share: a clock for the log, named steps, waiting for a condition, and calls to
// the sandbox's API.
const sleepFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export { sleepFor as sleep };

/** A log whose lines start with the seconds since `started`. */
export function timedLog(started = Date.now()) {
	const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
	return { seconds, log: (message) => console.log(`[${seconds()}] ${message}`) };
}

/**
 * Named steps, logged "▶ name" and "✔ name". A step in `knownFailures` (name → why) that fails is
 * reported and the run goes on; one that passes fails the run.
 */
export function stepper(log, knownFailures = {}) {
	let passed = 0;
	async function step(name, fn) {
		log(`▶ ${name}`);
		try {
			await fn();
		} catch (error) {
			if (!(name in knownFailures)) throw error;
			log(
				`⚠ known failure: ${name}: ${knownFailures[name]} (${String(error?.message ?? error).split('\n')[0]})`,
			);
			return;
		}
		if (name in knownFailures)
			throw new Error(
				`"${name}" is listed as a known failure of this n8n but passed: take it off the list`,
			);
		passed++;
		log(`✔ ${name}`);
	}
	return { step, passed: () => passed };
}

/** `fn()`'s first truthy answer, asked every 250 ms; fails at the deadline. */
export async function waitFor(what, fn, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleepFor(250);
	}
}

/**
 * The workflow's static data as text once n8n has saved the Passona Trigger's registration of
 * `webhookUuid` in it. The webhook exists in Passona, and is on the keyword, before that: n8n saves
 * a trigger's static data only after its activation step returns (n8n 2.40 also activates a moment
 * after answering the activate call), and until then a delivery is answered 401.
 */
export async function registrationSaved(rest, workflowId, webhookUuid) {
	return await waitFor(`the registration in workflow ${workflowId}'s static data`, async () => {
		const text = JSON.stringify((await rest.get(`/workflows/${workflowId}`)).staticData ?? {});
		return text.includes(webhookUuid) && text;
	});
}

/** Calls the sandbox's Passona API (or /_sandbox) with its token. */
export async function sandboxCall(sandbox, method, path, body) {
	const base = path.startsWith('/_sandbox') ? sandbox.origin : sandbox.url;
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${sandbox.token}`,
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await response.json().catch(() => undefined);
	if (!response.ok)
		throw new Error(
			`sandbox ${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`,
		);
	return json?.data ?? json;
}
