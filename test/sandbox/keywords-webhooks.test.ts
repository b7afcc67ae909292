import { call, useSandbox, UUID } from './helpers';

const sandbox = useSandbox();

async function createWebhook(
	name = 'Hook',
	url = 'https://example.test/hook',
	headers?: Record<string, string>,
) {
	const answer = await call(sandbox(), 'POST', '/webhooks/', { name, url, headers });
	expect(answer.status).toBe(201);
	return answer.body.data;
}

describe('webhooks', () => {
	it('creates, shows, updates, lists and deletes a webhook with the documented shape', async () => {
		const created = await call(sandbox(), 'POST', '/webhooks', {
			name: 'n8n',
			url: 'https://n8n.example.test/webhook/abc',
			headers: { 'X-Secret': 's3cret' },
		});
		expect(created.status).toBe(201);
		const uuid = created.body.data.uuid;
		expect(uuid).toMatch(UUID);
		expect(created.body).toEqual({
			data: {
				name: 'n8n',
				uuid,
				url: 'https://n8n.example.test/webhook/abc',
				headers: { 'X-Secret': 's3cret' },
				links: [{ rel: 'self', uri: `${sandbox().url}/webhooks/${uuid}` }],
			},
		});
		expect((await call(sandbox(), 'GET', `/webhooks/${uuid}/`)).body).toEqual(created.body);

		const updated = await call(sandbox(), 'PUT', `/webhooks/${uuid}`, {
			url: 'http://localhost:5678/hook',
		});
		expect(updated.status).toBe(200);
		expect(updated.body.data).toMatchObject({
			name: 'n8n',
			url: 'http://localhost:5678/hook',
			headers: { 'X-Secret': 's3cret' },
		});

		const list = await call(sandbox(), 'GET', '/webhooks');
		expect(list.body.data).toEqual([updated.body.data]);
		expect(list.body.meta).toMatchObject({ per_page: 15, total: 1 });

		expect((await call(sandbox(), 'DELETE', `/webhooks/${uuid}`)).status).toBe(204);
		const gone = await call(sandbox(), 'GET', `/webhooks/${uuid}`);
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ message: `No query results for model [Webhook] ${uuid}` });
	});

	it('validates name, url and headers', async () => {
		const answer = await call(sandbox(), 'POST', '/webhooks', {
			url: 'ftp://example.test',
			headers: { a: 1 },
		});
		expect(answer.status).toBe(422);
		expect(answer.body).toEqual({
			message: 'The name field is required. (and 2 more errors)',
			errors: {
				name: ['The name field is required.'],
				url: ['The url field must be a valid URL.'],
				'headers.a': ['The headers.a field must be a string.'],
			},
		});
		const noUrl = await call(sandbox(), 'POST', '/webhooks', { name: 'x' });
		expect(noUrl.body.errors).toEqual({ url: ['The url field is required.'] });
		expect(sandbox().store.webhooks.size).toBe(0);
	});

	it('pages webhooks 15 at a time by default', async () => {
		for (let i = 0; i < 16; i++) await createWebhook(`Hook ${i}`);
		const first = await call(sandbox(), 'GET', '/webhooks');
		expect(first.body.data).toHaveLength(15);
		expect(first.body.links.next).toBe(`${sandbox().url}/webhooks?page=2`);
		const second = await call(sandbox(), 'GET', '/webhooks?page=2');
		expect(second.body.data.map((w: { name: string }) => w.name)).toEqual(['Hook 15']);
		expect(second.body.links.next).toBeNull();
	});
});

describe('keywords', () => {
	it('creates a keyword with the documented shape, echoing call_webhook truthfully', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Opt-outs' });
		const webhook = await createWebhook();
		const created = await call(sandbox(), 'POST', '/keywords/', {
			keyword: 'OPTOUT',
			message: 'Keyword Message info',
			help: 'Tooltip help text',
			add_contact_to_group: true,
			call_webhook: true,
			contact_groups_uuid: [group.uuid],
			webhooks_uuid: [webhook.uuid],
		});
		expect(created.status).toBe(201);
		const uuid = created.body.data.uuid;
		expect(created.body).toEqual({
			data: {
				uuid,
				keyword: 'OPTOUT',
				message: 'Keyword Message info',
				status: '1',
				help: 'Tooltip help text',
				add_contact_to_group: true,
				contact_groups_uuid: [group.uuid],
				call_webhook: true,
				webhooks_uuid: [webhook.uuid],
				links: [{ rel: 'self', uri: `${sandbox().url}/keywords/${uuid}` }],
			},
		});
		expect((await call(sandbox(), 'GET', `/keywords/${uuid}`)).body).toEqual(created.body);
	});

	it('changes only the fields given on update, and deletes', async () => {
		const created = await call(sandbox(), 'POST', '/keywords', {
			keyword: 'INFO',
			message: 'Hello',
		});
		expect(created.body.data).toMatchObject({
			message: 'Hello',
			help: '',
			add_contact_to_group: false,
			contact_groups_uuid: [],
			call_webhook: false,
			webhooks_uuid: [],
		});
		const uuid = created.body.data.uuid;
		const updated = await call(sandbox(), 'PUT', `/keywords/${uuid}`, {
			keyword: 'INFO-UPDATE',
			help: 'Help',
		});
		expect(updated.status).toBe(200);
		expect(updated.body.data).toMatchObject({
			keyword: 'INFO-UPDATE',
			message: 'Hello',
			help: 'Help',
		});
		expect(sandbox().store.keywords.get(uuid)!.keyword).toBe('INFO-UPDATE');

		expect((await call(sandbox(), 'DELETE', `/keywords/${uuid}`)).status).toBe(204);
		const gone = await call(sandbox(), 'PUT', `/keywords/${uuid}`, { help: 'x' });
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ message: `No query results for model [Keyword] ${uuid}` });
	});

	it('refuses a taken keyword (any case), unknown uuids and missing lists', async () => {
		const first = await call(sandbox(), 'POST', '/keywords', { keyword: 'STOP' });
		expect(first.status).toBe(201);
		const taken = await call(sandbox(), 'POST', '/keywords', { keyword: 'stop' });
		expect(taken.status).toBe(422);
		expect(taken.body).toEqual({
			message: 'The keyword has already been taken.',
			errors: { keyword: ['The keyword has already been taken.'] },
		});
		// Keeping its own keyword on update is no conflict.
		const same = await call(sandbox(), 'PUT', `/keywords/${first.body.data.uuid}`, {
			keyword: 'Stop',
		});
		expect(same.status).toBe(200);

		const unknown = await call(sandbox(), 'POST', '/keywords', {
			keyword: 'JOIN',
			add_contact_to_group: true,
			contact_groups_uuid: ['missing-group'],
			call_webhook: true,
		});
		expect(unknown.status).toBe(422);
		expect(unknown.body.errors).toEqual({
			'contact_groups_uuid.0': ['The selected contact_groups_uuid.0 is invalid.'],
			webhooks_uuid: ['The webhooks_uuid field is required when call webhook is true.'],
		});
		const missing = await call(sandbox(), 'POST', '/keywords', { message: 'no keyword' });
		expect(missing.body.errors).toEqual({ keyword: ['The keyword field is required.'] });
		expect(sandbox().store.keywords.size).toBe(1);
	});

	it('pages keywords 15 at a time by default and honours per_page', async () => {
		for (let i = 0; i < 20; i++) await call(sandbox(), 'POST', '/keywords', { keyword: `K${i}` });
		const first = await call(sandbox(), 'GET', '/keywords/');
		expect(first.body.data).toHaveLength(15);
		expect(first.body.meta).toMatchObject({
			per_page: 15,
			last_page: 2,
			total: 20,
			path: `${sandbox().url}/keywords`,
		});
		const big = await call(sandbox(), 'GET', '/keywords?per_page=100');
		expect(big.body.data).toHaveLength(20);
		expect(big.body.links).toMatchObject({
			next: null,
			last: `${sandbox().url}/keywords?page=1&per_page=100`,
		});
	});

	it('drops a deleted webhook from the keywords that called it', async () => {
		const kept = await createWebhook('Kept');
		const dropped = await createWebhook('Dropped');
		const keyword = await call(sandbox(), 'POST', '/keywords', {
			keyword: 'HOOK',
			call_webhook: true,
			webhooks_uuid: [kept.uuid, dropped.uuid],
		});
		expect((await call(sandbox(), 'DELETE', `/webhooks/${dropped.uuid}`)).status).toBe(204);
		const shown = await call(sandbox(), 'GET', `/keywords/${keyword.body.data.uuid}`);
		expect(shown.body.data.webhooks_uuid).toEqual([kept.uuid]);
	});
});
