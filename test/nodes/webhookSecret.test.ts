/**
 * The Passona Trigger's secret travels as a header of its Passona webhook. The Passona node's
 * Webhook outputs (Create, Update, Get, Get Many) show that header with its value hidden, so
 * the secret never lands in a stored execution; other headers show as Passona has them.
 */
import type { INodeParameters } from 'n8n-workflow';
import { runPassona } from '../../harness/engine';
import { PassonaMock } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';
import { PRODUCTION_URL, SECRET_HEADER } from '../../harness/trigger';
import { page, passonaWebhook, WEBHOOK_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';

const SECRET = '5e1f'.repeat(16);
const path = `/webhooks/${WEBHOOK_UUID}`;

const webhook = (name: string, headerName = SECRET_HEADER) =>
	passonaWebhook({
		uuid: WEBHOOK_UUID,
		name,
		url: PRODUCTION_URL,
		secret: SECRET,
		secretHeader: headerName,
		otherHeaders: { 'X-Team': 'sales' },
	});

const shown = (name: string, headerName = SECRET_HEADER) => ({
	...webhook(name, headerName),
	headers: { [headerName]: '[hidden]', 'X-Team': 'sales' },
});

const cases: Array<[string, INodeParameters, (passona: PassonaMock) => void, unknown[]]> = [
	[
		'Create',
		{ resource: 'webhook', operation: 'create', name: 'A', url: 'https://example.com/hook' },
		(passona) => passona.reply('POST', '/webhooks', 201, { data: webhook('A') }),
		[shown('A')],
	],
	[
		'Update',
		{
			resource: 'webhook',
			operation: 'update',
			webhook: byId(WEBHOOK_UUID),
			updateFields: { name: 'A' },
		},
		(passona) => passona.reply('PUT', path, 200, { data: webhook('A', 'x-passona-n8n-secret') }),
		[shown('A', 'x-passona-n8n-secret')],
	],
	[
		'Get',
		{ resource: 'webhook', operation: 'get', webhook: byId(WEBHOOK_UUID) },
		(passona) => passona.reply('GET', path, 200, { data: webhook('A', 'X-PASSONA-N8N-SECRET') }),
		[shown('A', 'X-PASSONA-N8N-SECRET')],
	],
	[
		'Get Many (Return All, two pages)',
		{ resource: 'webhook', operation: 'getAll', returnAll: true },
		(passona) =>
			passona
				.reply('GET', '/webhooks', 200, page('/webhooks', [webhook('A'), webhook('B')], 1, 2, 2))
				.reply(
					'GET',
					'/webhooks',
					200,
					page('/webhooks', [{ ...webhook('C'), headers: [] }], 2, 2, 2),
				),
		[shown('A'), shown('B'), { ...webhook('C'), headers: [] }],
	],
	[
		'Get Many (Limit)',
		{ resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 },
		(passona) => passona.reply('GET', '/webhooks', 200, page('/webhooks', [webhook('A')], 1, 1, 1)),
		[shown('A')],
	],
];

test.each(cases)(
	'%s shows the trigger secret header with its value hidden',
	async (_name, parameters, answer, expected) => {
		const passona = new PassonaMock();
		answer(passona);
		const { items, error, run } = await runPassona({ parameters });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(exposedText(run)).not.toContain(SECRET);
	},
);
