import { describePassonaError, maskSecrets, passonaMessages } from '../../core/errors';

describe('passonaMessages', () => {
	test('prefers the per-field validation messages, without repeats', () => {
		expect(
			passonaMessages({ message: 'x (and 2 more errors)', errors: { a: ['A.', 'B.'], b: ['A.'] } }),
		).toEqual(['A.', 'B.']);
	});

	test('falls back to message, or short plain text, and ignores HTML pages', () => {
		expect(passonaMessages({ message: ' Locked ' })).toEqual(['Locked']);
		expect(passonaMessages('Service Unavailable')).toEqual(['Service Unavailable']);
		expect(passonaMessages('<html>Bad gateway</html>')).toEqual([]);
		expect(passonaMessages(null)).toEqual([]);
	});
});

describe('describePassonaError', () => {
	const group = { subject: 'contact group', uuid: 'abc' };

	test('409 on deleting a group explains the attached keywords; elsewhere it is generic', () => {
		expect(describePassonaError(409, {}, { ...group, operation: 'delete' }).message).toBe(
			'The contact group cannot be deleted because keywords are attached to it',
		);
		expect(
			describePassonaError(409, {}, { subject: 'keyword', uuid: 'k', operation: 'delete' }).message,
		).toBe('Passona refused because of the current state of the keyword k');
	});

	test('404 names the ID when the request had one', () => {
		expect(describePassonaError(404, {}, group).message).toBe('Passona has no contact group abc');
		expect(describePassonaError(404, {}, { subject: 'keyword' }).message).toBe(
			'Passona has no such keyword',
		);
	});

	test('unknown statuses still say something', () => {
		expect(describePassonaError(418, { message: 'teapot' }, group)).toEqual({
			message: 'Passona answered with an unexpected error (HTTP 418)',
			description: 'Passona said: teapot',
		});
		expect(describePassonaError(400, {}, group).message).toBe(
			'Passona could not understand the request',
		);
	});
});

describe('423 by what is locked', () => {
	test.each([
		[
			{ subject: 'contact group', operation: 'update' },
			'The contact group is locked because a campaign using it is sending right now',
		],
		[
			{ subject: 'keyword', operation: 'create' },
			'The contact group is locked because a campaign using it is sending right now',
		],
		[
			{ subject: 'campaign', operation: 'update' },
			'The campaign is sending right now, so it cannot be changed or deleted',
		],
		[
			{ subject: 'campaign', operation: 'delete' },
			'The campaign is sending right now, so it cannot be changed or deleted',
		],
		[
			{ subject: 'campaign', operation: 'sendTest' },
			'Something this campaign uses is locked by a campaign sending right now',
		],
		[
			{ subject: 'template', operation: 'update' },
			'The template is locked because a campaign using it is sending right now',
		],
		[
			{ subject: 'sender', operation: 'update' },
			'The sender is locked because a campaign using it is sending right now',
		],
	])('%o', (context, message) => {
		const text = describePassonaError(423, { message: 'Locked' }, context);
		expect(text.message).toBe(message);
		expect(text.description).toMatch(
			/Try again when the campaign has finished.*Passona said: Locked$/,
		);
	});

	test('422 for a sender the team lacks says Passona creates none, and how to make one', () => {
		const said = {
			message: 'The given data was invalid.',
			errors: { sender: ['The selected sender is invalid.'] },
		};
		expect(
			describePassonaError(422, said, { subject: 'template', operation: 'create' }).description,
		).toBe(
			'Fix these and run again:\n• The selected sender is invalid.\nPassona sends only from a sender your team already has, and creates none: pick one from the Sender list, or create it first with Sender → Create (Passona moderates a new sender before it can send).',
		);
	});

	test('422 on updating a campaign adds what Passona allows', () => {
		expect(
			describePassonaError(422, {}, { subject: 'campaign', operation: 'update' }).description,
		).toMatch(/A campaign can be changed only before it starts sending/);
		expect(
			describePassonaError(422, {}, { subject: 'campaign', operation: 'create' }).description,
		).not.toMatch(/can be changed only/);
	});
});

describe('maskSecrets', () => {
	const token = '1|abcdefghijklmnop';
	test('masks the token wherever it appears, and whatever follows "Bearer", at any depth and in keys', () => {
		expect(
			maskSecrets(
				{
					message: `Authorization: Bearer ${token}`,
					errors: { [token]: [`token ${token}, again ${token}`], other: ['bearer xyz; kept'] },
					list: [1, null, { deep: [[`x${token}y`]] }],
				},
				[token],
			),
		).toEqual({
			message: 'Authorization: Bearer [hidden]',
			errors: { '[hidden]': ['token [hidden], again [hidden]'], other: ['bearer [hidden]; kept'] },
			list: [1, null, { deep: [['x[hidden]y']] }],
		});
	});

	test('leaves everything else as it was, a key named __proto__ included', () => {
		const body = JSON.parse('{"__proto__": "x", "n": 2, "ok": true, "text": "no secret here"}');
		const masked = maskSecrets(body, [token]);
		expect(JSON.stringify(masked)).toBe(JSON.stringify(body));
		expect(maskSecrets('plain', [])).toBe('plain');
		expect(maskSecrets(undefined, [token])).toBeUndefined();
	});
});
