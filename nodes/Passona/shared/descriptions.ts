/** Field definitions used by more than one operation, defined once. */
import type {
	DeclarativeRestApiSettings,
	IDisplayOptions,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
} from 'n8n-workflow';
import { UUID_PATTERN } from '../../../core/input';
import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS } from '../../../core/listing';
import {
	bodyPhoneList,
	bodyPhoneNumber,
	bodyUuidList,
	bodyText,
	bodyUuid,
	bodyBoolean,
	checkDataAnswer,
	checkResponse,
	DATA_ROOT,
	deletedResult,
	fillLocator,
	LOCATORS,
	type LocatorName,
	paginate,
	requireSomeField,
	sendInChunks,
} from './routing';

export type Show = NonNullable<IDisplayOptions['show']>;

const UUID_SOURCE = UUID_PATTERN.source.replace(/^\^|\$$/g, '');

/** A resource's Operation picker (options sorted by name, as n8n's lint wants) and its fields. */
export function resourceDescription(
	resource: string,
	operations: Array<[INodePropertyOptions, INodeProperties[]]>,
	defaultOperation = 'getAll',
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(([option]) => option),
			default: defaultOperation,
		},
		...operations.flatMap(([, fields]) => fields),
	];
}

/** Routing of operations that answer one resource, or a plain list, under `data`. */
export function dataRouting(method: 'GET' | 'POST' | 'PUT', url: string): INodePropertyRouting {
	return {
		request: { method, url },
		output: { postReceive: [checkDataAnswer, DATA_ROOT] },
	};
}

/** `dataRouting` for a body list that may be long: sent CHUNK_SIZE entries per request. */
export function chunkedRouting(
	method: 'POST' | 'PUT',
	url: string,
	property: string,
): INodePropertyRouting {
	return {
		...dataRouting(method, url),
		send: { paginate: true },
		operations: { pagination: sendInChunks(property) },
	};
}

/** Routing of operations that answer Laravel pages: paged by `paginate`, which unwraps them. */
export function pagedRouting(url: string): INodePropertyRouting {
	return {
		request: { method: 'GET', url },
		send: { paginate: true },
		operations: { pagination: paginate },
		output: { postReceive: [checkResponse] },
	};
}

/** `routing` with one more step after its answer is read (and after each page's, for lists). */
export function withPostReceive(
	routing: INodePropertyRouting,
	action: PostReceiveAction,
): INodePropertyRouting {
	return {
		...routing,
		output: { ...routing.output, postReceive: [...(routing.output?.postReceive ?? []), action] },
	};
}

/**
 * `routing` (paginated: chunked lists) with one more step after its whole pagination: once, on
 * the last answer, with the request the pages or chunks were made from.
 */
export function withAfterPagination(
	routing: INodePropertyRouting,
	step: (
		this: IExecutePaginationFunctions,
		items: INodeExecutionData[],
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) => Promise<INodeExecutionData[]>,
): INodePropertyRouting {
	const pagination = routing.operations?.pagination as (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) => Promise<INodeExecutionData[]>;
	return {
		...routing,
		operations: {
			...routing.operations,
			pagination: async function (
				this: IExecutePaginationFunctions,
				requestData: DeclarativeRestApiSettings.ResultOptions,
			) {
				return await step.call(this, await pagination.call(this, requestData), requestData);
			},
		},
	};
}

/** Passona answers deletes with 204 and no body; the output names what was deleted. */
export function deleteRouting(name: LocatorName): INodePropertyRouting {
	return {
		request: { method: 'DELETE', url: `/${LOCATORS[name].collection}/{${name}}` },
		output: { postReceive: [checkResponse, deletedResult(name)] },
	};
}

/** From List / By ID / By URL; the chosen ID goes into the path's `{name}` placeholder. */
export function locatorField(name: LocatorName, show: Show, description?: string): INodeProperties {
	const { collection, displayName, subject } = LOCATORS[name];
	const example = `https://passona.co.uk/api/2.0/${collection}/09e0a326-fb2e-11e9-ba2a-0242ac120008`;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: description ?? `The ${subject} to act on`,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${subject}...`,
				typeOptions: {
					searchListMethod: `search${displayName.replace(/ /g, '')}s`,
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 09e0a326-fb2e-11e9-ba2a-0242ac120008',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${UUID_SOURCE}\\s*$`,
							errorMessage: 'Not a Passona ID (a UUID)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*https?://.+/${collection}/${UUID_SOURCE}.*$`,
							errorMessage: `Not a Passona API link to a ${subject}`,
						},
					},
				],
			},
		],
		routing: { send: { preSend: [fillLocator(name)] } },
	};
}

/** A field as the panel shows it, with no routing: for an operation that builds its body itself. */
export function withoutRouting(property: INodeProperties): INodeProperties {
	const shown = { ...property };
	delete shown.routing;
	return shown;
}

/** Return All + Limit, read by `paginate`. */
export function listFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			displayOptions: { show },
			default: {},
			options: [
				{
					displayName: 'Parallel Requests',
					name: 'parallelRequests',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
					default: DEFAULT_PARALLEL_REQUESTS,
					description:
						'How many pages to ask Passona for at once once the first page says how many there are. 1 asks for one page after the other. A "too many requests" answer lowers it for the rest of the list.',
				},
			],
		},
	];
}

/** A template given by its ID as text (where n8n shows no resource picker: inside Update Fields). */
export function templateIdProperty(description: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		placeholder,
		description,
		routing: {
			send: {
				type: 'body',
				property: 'template_uuid',
				preSend: [bodyUuid('template_uuid', 'Template ID')],
			},
		},
	};
}

/** A resource's name: required, trimmed, at most 255 characters. */
export function nameProperty(
	description: string,
	placeholder = 'e.g. Newsletter subscribers',
): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder,
		description,
		routing: {
			send: {
				type: 'body',
				property: 'name',
				preSend: [bodyText('name', 'Name', { required: true, maxLength: 255 })],
			},
		},
	};
}

export function nameField(show: Show, description: string, placeholder?: string): INodeProperties {
	return { ...nameProperty(description, placeholder), required: true, displayOptions: { show } };
}

export const contactGroupDescriptionOption: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. Customers who signed up at the spring fair',
	description: 'A note to help recognise the group in Passona',
	routing: {
		send: {
			type: 'body',
			property: 'description',
			preSend: [bodyText('description', 'Description', { required: false, maxLength: 1000 })],
		},
	},
};

export function additionalFields(show: Show, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** Update's fields: only those added are sent, and at least one must be. */
export function updateFields(show: Show, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		routing: { send: { preSend: [requireSomeField('updateFields', 'Update Fields')] } },
		options,
	};
}

export function deletableField(show: Show): INodeProperties {
	return {
		displayName: 'Deletable',
		name: 'deletable',
		type: 'boolean',
		default: true,
		description:
			"Whether Passona may delete the group under your team's data retention policy (when it stays empty past the retention period, or goes unused for longer than the policy allows)",
		hint: "On: Passona deletes the group once it has stayed empty, or gone unused, longer than your team's data retention period. Off: the group is kept until you delete it.",
		displayOptions: { show },
		routing: {
			send: {
				type: 'body',
				property: 'deletable',
				preSend: [bodyBoolean('deletable', 'Deletable')],
			},
		},
	};
}

/** How every phone field reads a number (core/phone.ts; docs/behaviour.md, "Phone numbers"). */
export const PHONE_RULE_HINT =
	"Read as international: 447700900123, +44 7700 900123, +0044 7700 900123. A leading 0 (07700 900123) takes the credential's Default Country Code; with 44, so does 7700900123 (a UK mobile whose 0 a spreadsheet dropped). 447700900123.0 from a CSV is read as 447700900123; other decimals, 4.477E+11 and a 0 right after the + are refused.";

export function phoneNumbersField(
	show: Show,
	property: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. 447700900123, 07700 900456',
		description: `${description}. International format, or national with one leading 0 (07700 900123), which gets the credential's Default Country Code (44 unless changed).`,
		hint: PHONE_RULE_HINT,
		displayOptions: { show },
		routing: {
			send: { type: 'body', property, preSend: [bodyPhoneList(property, 'Phone Numbers')] },
		},
	};
}

/** For operations Passona carries out as a background job on the group. */
export function backgroundNotice(show: Show): INodeProperties {
	return {
		displayName:
			'Passona applies this change in the background: the output shows the group with status "Modifying", and its contacts are complete once the status is "Ready" (or "Empty"). Turn on Wait for Passona to Finish below to output the group only then, or check with Get before relying on them.',
		name: 'backgroundNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	};
}

/** One phone number, normalised with the credential's Default Country Code, sent as `property`. */
export function phoneNumberField(
	show: Show,
	property: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 447700900123',
		description: `${description}. International format (447700900123 or +44 7700 900123), or national with one leading 0 (07700 900123), which gets the credential's Default Country Code (44 unless changed); spaces, dashes and brackets are removed.`,
		hint: PHONE_RULE_HINT,
		displayOptions: { show },
		routing: {
			send: { type: 'body', property, preSend: [bodyPhoneNumber(property, 'Phone Number')] },
		},
	};
}

/** Contact groups picked from the list (or IDs by expression), sent as `property`. */
export function contactGroupsPicker(options: {
	/** Where the field shows; none inside a collection (Update Fields), where it is never required. */
	show?: Show;
	name: string;
	/** e.g. "Included Contact Groups": the field's display name is "<label> Names or IDs". */
	label: string;
	property: string;
	hint: string;
	allowEmpty: boolean;
}): INodeProperties {
	const { show, name, label, property, hint, allowEmpty } = options;
	return {
		displayName: `${label.replace(/s$/, '')} Names or IDs`,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getContactGroups' },
		...(allowEmpty || !show ? {} : { required: true }),
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint,
		...(show ? { displayOptions: { show } } : {}),
		routing: {
			send: { type: 'body', property, preSend: [bodyUuidList(property, label, { allowEmpty })] },
		},
	};
}

/** Custom field rows (name and value), as Add Contacts and Send Test take them. */
export function customFieldsProperty(show: Show, description: string): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description,
		hint: 'Field names of up to 255 characters',
		displayOptions: { show },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Jane',
					},
				],
			},
		],
	};
}
