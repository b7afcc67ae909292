import { InputError } from '../../core/input';
import { normalisePhoneNumber, parseCountryCode, parsePhoneNumberList } from '../../core/phone';

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
		expect(parsePhoneNumberList(['447713252151', 447713252152])).toEqual([
			'447713252151',
			'447713252152',
		]);
		expect(parsePhoneNumberList(447713252151)).toEqual(['447713252151']);
	});

	test('refuses empty lists and things that are not lists', () => {
		expect(() => parsePhoneNumberList('  ,\n')).toThrow('is empty');
		expect(() => parsePhoneNumberList([])).toThrow('is empty');
		expect(() => parsePhoneNumberList({})).toThrow('must be a list of phone numbers');
		expect(() => parsePhoneNumberList(['447713252151', 'x'])).toThrow(
			'"x", which is not a phone number',
		);
	});
});

describe('UK numbers and the Default Country Code', () => {
	test.each([
		['07700 900123', '447700900123'],
		['07700-900-123', '447700900123'],
		['(0)7700 900123', '447700900123'],
		['+44 (0)7700 900123', '447700900123'],
		['+44(0)7700900123', '447700900123'],
		['0044 (0) 7700 900123', '447700900123'],
		['+353 (0)87 123 4567', '353871234567'],
	])('%p → %p with the default (44)', (input, expected) => {
		expect(normalisePhoneNumber(input)).toBe(expected);
	});

	test('a leading single 0 takes the country code given', () => {
		expect(normalisePhoneNumber('087 123 4567', '353')).toBe('353871234567');
		expect(normalisePhoneNumber('+44 7700 900123', '353')).toBe('447700900123');
		expect(parsePhoneNumberList('07700 900123, 07700 900456', '33')).toEqual([
			'337700900123',
			'337700900456',
		]);
	});

	test('national and international spellings of one number are one contact', () => {
		expect(parsePhoneNumberList('07700 900123\n+44 (0)7700 900123\n447700900123')).toEqual([
			'447700900123',
		]);
	});

	test.each([
		['+4407700900123', 'has a 0 after the country code 44'],
		['4407700900123', 'has a 0 after the country code 44'],
	])('%p is refused (%s)', (input, reason) => {
		expect(() => normalisePhoneNumber(input)).toThrow(reason);
	});

	test('with no Default Country Code, a national number is refused with words', () => {
		expect(() => normalisePhoneNumber('07700 900123', '')).toThrow(
			'"07700 900123", a national number that cannot be made international: the Passona API credential has no Default Country Code',
		);
		expect(normalisePhoneNumber('+44 7700 900123', '')).toBe('447700900123');
	});
});

describe('parseCountryCode', () => {
	test.each([
		[undefined, '44'],
		[null, '44'],
		['44', '44'],
		[' +353 ', '353'],
		['001', '1'],
		[44, '44'],
		['', ''],
		['  ', ''],
	])('%p → %p', (input, expected) => {
		expect(parseCountryCode(input)).toBe(expected);
	});

	test.each(['UK', '0', '4444', '+', '4 4'])('%p is refused', (input) => {
		expect(() => parseCountryCode(input)).toThrow('not a country calling code');
	});
});
