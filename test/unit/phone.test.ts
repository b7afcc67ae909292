import { InputError } from '../../nodes/Passona/shared/input';
import { normalisePhoneNumber, parsePhoneNumberList } from '../../nodes/Passona/shared/phone';

describe('normalisePhoneNumber', () => {
	test.each([
		['447713252151', '447713252151'],
		['+44 7713 252151', '447713252151'],
		['0044 (7713) 252-151', '447713252151'],
		['44.7713.252.151', '447713252151'],
		[447713252151, '447713252151'],
		['1234567', '1234567'],
		['123456789012345', '123456789012345'],
	])('%p → %p', (input, expected) => {
		expect(normalisePhoneNumber(input)).toBe(expected);
	});

	test.each([
		['123456', 'has 6 digits'],
		['1234567890123456', 'has 16 digits'],
		['07700 CALL', 'not a phone number'],
		['+', 'empty phone number'],
		['', 'empty phone number'],
		['++447713252151', 'not a phone number'],
		[null, 'null where a phone number should be'],
		[{ phone: '1' }, 'an object where a phone number should be'],
		[-447713252151, 'number -447713252151 where a phone number should be'],
		[4.5, 'number 4.5 where'],
	])('%p is refused (%s)', (input, reason) => {
		expect(() => normalisePhoneNumber(input)).toThrow(InputError);
		expect(() => normalisePhoneNumber(input)).toThrow(reason);
	});
});

describe('parsePhoneNumberList', () => {
	test('splits text on commas, semicolons and new lines, normalises and drops duplicates', () => {
		expect(parsePhoneNumberList(' 447713252151 ,\r\n+447713252152; 00447713252151\n\n')).toEqual([
			'447713252151',
			'447713252152',
		]);
	});

	test('takes arrays of text or numbers, and a single number', () => {
		expect(parsePhoneNumberList(['447713252151', 447713252152])).toEqual(['447713252151', '447713252152']);
		expect(parsePhoneNumberList(447713252151)).toEqual(['447713252151']);
	});

	test('refuses empty lists and things that are not lists', () => {
		expect(() => parsePhoneNumberList('  ,\n')).toThrow('is empty');
		expect(() => parsePhoneNumberList([])).toThrow('is empty');
		expect(() => parsePhoneNumberList({})).toThrow('must be a list of phone numbers');
		expect(() => parsePhoneNumberList(['447713252151', 'x'])).toThrow('"x", which is not a phone number');
	});
});
