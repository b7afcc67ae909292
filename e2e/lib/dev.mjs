// `npm run dev`'s own parts: what the opt-in example needs, made in the sandbox before n8n starts
// (so the example opens with its keyword, group and template chosen), the example filled in with
// them, and what dev prints. Imported by e2e/dev.mjs (and by test/contract/dev.test.ts).
import { sandboxCall } from './steps.mjs';

/** The opt-in example's file in examples/ (harness/optIn.ts says the same for the TypeScript side). */
export const OPT_IN_FILE = '3-opt-in.json';
/** The keyword the opt-in example listens on in `npm run dev` (example 2 makes JOIN, which adds to a group). */
const DEV_KEYWORD = 'OPTIN';
/** The welcome template's text. */
export const WELCOME = 'Thanks for joining! Reply OPTOUT to stop.';

/** A group, a template and a keyword in the sandbox for the opt-in example; their uuids and names. */
export async function seedOptIn(
	sandbox,
	{ keyword: word = DEV_KEYWORD, group: name = 'Opt-in list' } = {},
) {
	const group = await sandboxCall(sandbox, 'POST', '/contact-groups', { name });
	const template = await sandboxCall(sandbox, 'POST', '/templates', {
		name: 'Welcome',
		body: WELCOME,
		sender: '88440',
	});
	const keyword = await sandboxCall(sandbox, 'POST', '/keywords', {
		keyword: word,
		add_contact_to_group: false,
		call_webhook: false,
	});
	return {
		group: { uuid: group.uuid, name: group.name },
		template: { uuid: template.uuid, name: template.name },
		keyword: { uuid: keyword.uuid, name: keyword.keyword },
	};
}

/** The opt-in example with its keyword, group and template chosen, as the editor stores a choice. */
export function prefilledOptIn(workflow, { keyword, group, template }) {
	const chosen = ({ uuid, name }) => ({
		__rl: true,
		mode: 'list',
		value: uuid,
		cachedResultName: name,
	});
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.type.endsWith('.passonaTrigger')) node.parameters.keywords = [keyword.uuid];
		if (node.parameters.operation === 'addContacts') node.parameters.contactGroup = chosen(group);
		if (node.parameters.operation === 'sendTest') node.parameters.template = chosen(template);
	}
	return copy;
}

/** What `npm run dev` prints once n8n runs. */
export function devInstructions({
	version,
	origin,
	owner,
	sandbox,
	credentialName,
	examples,
	seeded,
	artifacts,
	userFolder,
	keep,
}) {
	const inbound = (text) =>
		`curl -X POST ${sandbox.origin}/_sandbox/inbound -H 'Authorization: Bearer ${sandbox.token}' \\\n                 -H 'Content-Type: application/json' -d '{"from":"447700900123","text":"${text}"}'`;
	return `
n8n ${version} with n8n-nodes-passona is running.

  Editor:     ${origin}/   (log in as ${owner.email} / ${owner.password})
  Sandbox:    ${sandbox.url}   (token ${sandbox.token})
  Credential: "${credentialName}" points at the sandbox; every example uses it
  Workflows:  ${examples.map(({ file, name }) => `\n    ${name} (examples/${file})`).join('')}
              run them in their order: each one's later steps find what the earlier made;
              the opt-in example (${OPT_IN_FILE}) is ready: keyword ${seeded.keyword.name}, group
              "${seeded.group.name}", template "${seeded.template.name}"
  Inbound SMS: with the opt-in example listening (Execute workflow) or published, text its keyword:
               ${inbound(seeded.keyword.name)}
               for another keyword (JOIN once example 2 has run), put your own keyword in "text"
  Logs:       ${artifacts}
  n8n data:   ${userFolder}
              ${keep ? 'kept when you stop (--keep): delete it yourself when done' : 'a temporary folder: Ctrl-C DELETES it, with every workflow and execution (npm run dev -- --keep keeps it)'}

Press Ctrl-C to stop.`;
}
