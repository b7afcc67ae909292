import { dedupeContacts, parseContactList, parseCustomFields } from '../../core/contacts';
import { pairsToObject, parseHeaders } from '../../core/input';

describe('contacts', () => {
	test('parseContactList reads JSON text, a list or one contact, normalising numbers', () => {
		const expected = [{ phone_number: '447713252151', custom_fields: { first_name: 'John' } }];
		expect(
			parseContactList(
				'[{"phone_number": "+44 7713 252151", "custom_fields": {"first_name": "John"}}]',
			),
		).toEqual(expected);
		expect(
			parseContactList([{ phone_number: 447713252151, custom_fields: { first_name: 'John' } }]),
		).toEqual(expected);
		expect(
			parseContactList({ phone_number: '447713252151', custom_fields: { first_name: 'John' } }),
		).toEqual(expected);
		expect(parseContactList([{ phone_number: '447713252151' }])).toEqual([
			{ phone_number: '447713252151', custom_fields: {} },
		]);
	});

	test('parseContactList refuses what is not a list of contacts', () => {
		expect(() => parseContactList('')).toThrow('is empty');
		expect(() => parseContactList('{')).toThrow('is not valid JSON');
		expect(() => parseContactList('[]')).toThrow('is an empty list');
		expect(() => parseContactList(42)).toThrow('must be a list of contacts');
		expect(() => parseContactList(['447713252151'])).toThrow(
			'has "447713252151" at position 1 instead of a contact',
		);
		expect(() => parseContactList([{ phone: '447713252151' }])).toThrow(
			'without "phone_number" at position 1',
		);
	});

	test('custom fields are flat text', () => {
		expect(parseCustomFields({ age: 40, vip: true, note: null, ' city ': 'Leeds' })).toEqual({
			age: '40',
			vip: 'true',
			note: '',
			city: 'Leeds',
		});
		expect(() => parseCustomFields({ a: [1] })).toThrow('custom field "a" set to a list');
		expect(() => parseCustomFields('x')).toThrow('not name/value pairs');
		expect(() => parseCustomFields({ ' ': 'x' })).toThrow('without a name');
	});

	test('pairsToObject turns Custom Fields rows into an object, the last repeated name winning', () => {
		expect(
			pairsToObject([
				{ name: 'a', value: '1' },
				{ name: ' a ', value: '2' },
				{ name: 'b', value: 'x' },
			]),
		).toEqual({ a: '2', b: 'x' });
		expect(pairsToObject(undefined)).toEqual({});
		expect(() => pairsToObject([{ name: '', value: '1' }])).toThrow('has a row without a name');
	});

	test('a field named __proto__, constructor or prototype is refused (n8n would drop it), like a header', () => {
		for (const name of ['__proto__', 'constructor', 'prototype']) {
			expect(() =>
				parseContactList(
					`[{"phone_number": "447713252151", "custom_fields": {"${name}": "x", "city": "y"}}]`,
				),
			).toThrow(`has custom field "${name}", which n8n cannot send as a custom field name`);
			expect(() => parseCustomFields(pairsToObject([{ name: ` ${name} `, value: 'x' }]))).toThrow(
				`has custom field "${name}", which n8n cannot send as a custom field name`,
			);
		}
		expect(Object.keys(pairsToObject([{ name: '__proto__', value: false }]))).toEqual([
			'__proto__',
		]);
		expect(parseCustomFields({ Constructor: 'x', __proto__x: 'y' })).toEqual({
			Constructor: 'x',
			__proto__x: 'y',
		});
		expect(() => parseHeaders([{ name: '__proto__', value: 'v' }])).toThrow(
			'has "__proto__", which n8n cannot send as a header name',
		);
	});

	test('dedupeContacts keeps the last entry of a number, in the order of last appearance', () => {
		const a1 = { phone_number: '1111111', custom_fields: { n: '1' } };
		const b = { phone_number: '2222222', custom_fields: {} };
		const a2 = { phone_number: '1111111', custom_fields: { n: '2' } };
		expect(dedupeContacts([a1, b, a2])).toEqual([b, a2]);
	});
});
