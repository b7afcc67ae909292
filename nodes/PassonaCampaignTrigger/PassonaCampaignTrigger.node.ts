import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { DOCS_URL } from '../../core/constants';
import { formatPassonaDate } from '../../core/dates';
import { passonaApiRequestAllItems } from '../../core/transport';
import {
	CAMPAIGN_EVENTS,
	type CampaignEvent,
	type CampaignEventItem,
	campaignEvents,
	latestEvent,
	type Seen,
} from './events';

function wantedEvents(context: IPollFunctions): Set<CampaignEvent> {
	const chosen = context.getNodeParameter('events', []) as unknown;
	const events = (Array.isArray(chosen) ? chosen : []).filter((event): event is CampaignEvent =>
		CAMPAIGN_EVENTS.includes(event as CampaignEvent),
	);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), '"Events" is empty', {
			description: 'Choose Started Sending, Finished Sending, or both.',
		});
	}
	return new Set(events);
}

const EVENT_OPTIONS = [
	{
		name: 'Finished Sending',
		value: 'finishedSending',
		description: 'A campaign has sent its last message',
	},
	{
		name: 'Started Sending',
		value: 'startedSending',
		description: 'A campaign has begun sending',
	},
];

const EVENT_NAMES = JSON.stringify(
	Object.fromEntries(EVENT_OPTIONS.map((option) => [option.value, option.name])),
);

const toItem = ({ event, campaign }: CampaignEventItem): INodeExecutionData => ({
	json: { event, ...campaign },
});

export class PassonaCampaignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Passona Campaign Trigger',
		name: 'passonaCampaignTrigger',
		icon: { light: 'file:../../icons/passona.svg', dark: 'file:../../icons/passona.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The panel's names of the events, not their stored values.
		subtitle: `={{ $parameter["events"].map(event => (${EVENT_NAMES})[event] ?? event).join(", ") }}`,
		description: 'Starts the workflow when a Passona SMS campaign starts or finishes sending',
		documentationUrl: `${DOCS_URL}#passona-campaign-trigger`,
		defaults: { name: 'Passona Campaign Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'passonaApi', required: true }],
		properties: [
			{
				displayName:
					"Passona has no webhook for campaigns, so this node checks Passona's campaign list as often as Poll Times says. Each start and finish starts the workflow once; campaigns that started or finished before the workflow was activated start nothing.",
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['startedSending', 'finishedSending'],
				options: EVENT_OPTIONS,
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const wanted = wantedEvents(this);
		const campaigns = await passonaApiRequestAllItems.call(this, '/campaigns', {
			subject: 'campaign',
		});
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the latest event, without touching what the active workflow has seen.
			const latest = latestEvent(campaigns, wanted);
			return latest ? [[toItem(latest)]] : null;
		}
		// Read after the list is in, then merged and written with no await in between: a poll that
		// overlaps this one (n8n starts one on every tick, even while the last still runs) finds
		// either all of this poll's writes or none of them.
		const state = this.getWorkflowStaticData('node') as Seen;
		const now = formatPassonaDate(Date.now());
		const { events, seen } = campaignEvents(campaigns, state, wanted, now);
		state.campaigns = seen.campaigns;
		if (seen.forgetBefore !== undefined) state.forgetBefore = seen.forgetBefore;
		return events.length > 0 ? [events.map(toItem)] : null;
	}
}
