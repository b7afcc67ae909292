import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { getKeywords } from './loadOptions/getKeywords';
import { InputError, parseUuidList } from '../../core/input';
import { DOCS_URL, PASSONA_DESCRIPTION, VERIFICATION_HEADER } from '../../core/constants';
import { deliveryItem, secretMatches } from './delivery';
import {
	earlierRegistrations,
	isRegistered,
	pathOf,
	readRegistrations,
	register,
	registrations,
	removeRegistration,
} from './registration';

function chosenKeywords(context: IHookFunctions): string[] {
	try {
		return parseUuidList(context.getNodeParameter('keywords', []), { allowEmpty: false });
	} catch (error) {
		const reason = error instanceof InputError ? error.reason : (error as Error).message;
		throw new NodeOperationError(context.getNode(), `"Keywords" ${reason}`, {
			description: 'Choose the keywords whose inbound messages start this workflow.',
		});
	}
}

/**
 * The secret digests that open the URL this delivery called: those of the registrations of the
 * same kind (test or production). Not looked up by the full URL, which holds the host this process
 * was configured with: an `n8n webhook` process whose webhook URL setting differs from main's
 * computes another URL for the same webhook. A registration saved before its kind was recorded
 * opens the URL with its own path. Older n8n (2.0.3, 1.123.81) has no getWebhookResourceUrl: a
 * call on its test URL runs in manual mode.
 */
function calledDigests(context: IWebhookFunctions): string[] {
	const production = context.getNodeWebhookUrl('default');
	const called =
		typeof context.getWebhookResourceUrl === 'function'
			? context.getWebhookResourceUrl('default')
			: context.getMode() === 'manual'
				? undefined
				: production;
	const isTest = called !== production;
	return Object.entries(readRegistrations(context))
		.filter(([url, registration]) =>
			registration.isTest !== undefined
				? registration.isTest === isTest
				: called !== undefined
					? pathOf(url) === pathOf(called)
					: pathOf(url) !== pathOf(production),
		)
		.map(([, registration]) => registration.secretDigest);
}

export class PassonaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Passona Trigger',
		name: 'passonaTrigger',
		icon: { light: 'file:../../icons/passona.svg', dark: 'file:../../icons/passona.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n 2.40 evaluates an expression in its expression isolate on every
		// call to a webhook node at version 1 (whether to read the body as binary): forged calls
		// included, about 50 ms of a webhook process's CPU where a call to 1.1 needs about 9 ms
		// (with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE; docs/queue-mode.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '=Keywords: {{$parameter["keywords"].length}}',
		description: PASSONA_DESCRIPTION,
		documentationUrl: `${DOCS_URL}#passona-trigger`,
		// What n8n's editor shows while it listens, after activation, and in the trigger panel.
		eventTriggerDescription:
			'Waiting for an inbound SMS that starts with one of the chosen keywords',
		activationMessage:
			'Inbound SMS starting with one of the chosen keywords now start this workflow.',
		triggerPanel: {
			header: 'Send an SMS that starts with one of the chosen keywords to your Passona number',
			executionsHelp: {
				inactive:
					"<b>While building your workflow</b>, click 'Execute step', then send an SMS that starts with one of the chosen keywords (for example <code>JOIN</code>) to your Passona number: its execution shows up in this editor.<br /><br /><b>Once you're happy with your workflow</b>, publish it: every matching SMS then starts an execution, listed under executions but not shown in the editor.",
				active:
					"<b>While building your workflow</b>, click 'Execute step', then send an SMS that starts with one of the chosen keywords (for example <code>JOIN</code>) to your Passona number: its execution shows up in this editor.<br /><br /><b>Your workflow also runs automatically</b>, since it is published: every matching SMS starts an execution, listed under executions but not shown in the editor.",
			},
			activationHint:
				'Once your workflow is finished, publish it so that every matching SMS starts it (those executions are not shown here).',
		},
		defaults: { name: 'Passona Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'passonaApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				// n8n's node creator lists each Event option as this trigger's action.
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'keywordMatched',
				options: [
					{
						name: 'Inbound SMS Matching a Keyword',
						value: 'keywordMatched',
						action: 'On inbound SMS matching a keyword',
						description:
							'Someone texts your Passona number a message that starts with one of the chosen keywords',
					},
				],
			},
			{
				displayName: 'Keyword Names or IDs',
				name: 'keywords',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getKeywords' },
				required: true,
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'An inbound SMS matching any of these keywords starts the workflow',
			},
			{
				// n8n's own words while it listens are "Go to Passona and create an event": this says
				// what that event is.
				displayName:
					'To test, click Execute step, then text a message that starts with one of the keywords (for example JOIN) to your Passona number: that SMS is the event n8n waits for. Each matching SMS starts the workflow once, with what Passona sends about it as the item, plus when n8n received it.',
				name: 'itemNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							"Whether to add the request's headers to the item (the secret header is removed)",
					},
					{
						displayName: 'Include Query',
						name: 'includeQuery',
						type: 'boolean',
						default: false,
						description: "Whether to add the request's query parameters to the item",
					},
				],
			},
		],
	};

	methods = { loadOptions: { getKeywords } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default')!;
				const registration = registrations(this)[url];
				// One left under an earlier address is removed by create.
				if (!registration || earlierRegistrations(this, url).length > 0) return false;
				return await isRegistered(this, url, registration, chosenKeywords(this));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default')!;
				const keywords = chosenKeywords(this);
				// Before a new one is made: those left under an earlier address of n8n's webhooks, and
				// one that checkExists found incomplete.
				for (const earlier of earlierRegistrations(this, url))
					await removeRegistration(this, earlier, true);
				await removeRegistration(this, url);
				registrations(this)[url] = await register(this, url, keywords);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default')!;
				// On failure it stays in the workflow's static data: the next activation or deactivation removes it.
				await removeRegistration(this, url);
				for (const earlier of earlierRegistrations(this, url))
					await removeRegistration(this, earlier, true);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData() as IDataObject;
		// Only a secret registered for the kind of URL that was called (test or production) opens it.
		if (!secretMatches(headers[VERIFICATION_HEADER.toLowerCase()], calledDigests(this))) {
			this.getResponseObject().status(401).json({ message: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const options = this.getNodeParameter('options', {}) as {
			includeHeaders?: boolean;
			includeQuery?: boolean;
		};
		const item = deliveryItem(this.getBodyData(), new Date(), {
			headers: options.includeHeaders ? headers : undefined,
			query: options.includeQuery ? (this.getQueryData() as IDataObject) : undefined,
		});
		return { workflowData: [[{ json: item as IDataObject }]] };
	}
}
