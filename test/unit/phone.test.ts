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

describe('numbers that would reach a stranger (issue 20, section 4)', () => {
	test.each([
		// A UK mobile whose 0 a spreadsheet dropped: a complete +7 number has 11 digits, not 10.
		['7700900123', '447700900123'],
		[7700900123, '447700900123'],
		['7700 900123', '447700900123'],
		// CSV floats: the `.0` goes, then the usual rule.
		['07700900123.0', '447700900123'],
		['447700900123.0', '447700900123'],
		['447700900123.00', '447700900123'],
		['7700900123.0', '447700900123'],
		['+447700900123.0', '447700900123'],
		[447700900123.0, '447700900123'],
		// The international prefix written twice counts once.
		['+0044 7700 900123', '447700900123'],
		['+00447700900123', '447700900123'],
		['0000 44 7700 900123', '447700900123'],
		['(+44) 7700 900123', '447700900123'],
		// Still international: dots between groups, and a +7 number of 11 digits.
		['44.7700.900.123', '447700900123'],
		['+7 700 900 1234', '77009001234'],
		['77009001234', '77009001234'],
	])('%p → %p with Default Country Code 44', (input, expected) => {
		expect(normalisePhoneNumber(input)).toBe(expected);
		expect(normalisePhoneNumber(input, '44')).toBe(expected);
	});

	test.each([
		['447700900123.5', 'has a decimal part'],
		['07700900123.25', 'has a decimal part'],
		[
			'4.47700900123E+11',
			'scientific notation, in which a spreadsheet may have rounded the digits',
		],
		['4.477E11', 'scientific notation'],
		['+07700 900123', 'a 0 right after the international prefix'],
		['+0007700900123', 'a 0 right after the international prefix'],
		['000447700900123', 'a 0 right after the international prefix'],
		[7700900123.5, 'number 7700900123.5 where a phone number should be'],
	])('%p is refused (%s)', (input, reason) => {
		expect(() => normalisePhoneNumber(input)).toThrow(InputError);
		expect(() => normalisePhoneNumber(input)).toThrow(reason);
	});

	test('ten digits starting with 7 are refused with any Default Country Code but 44', () => {
		for (const code of ['353', '1', '']) {
			expect(() => normalisePhoneNumber('7700900123', code)).toThrow(
				'"7700900123", which is not a complete international number (+7 numbers have 11 digits) and looks like a UK mobile number without its 0',
			);
			expect(() => normalisePhoneNumber(7700900123, code)).toThrow('not a complete international');
		}
		// Written with its country code, the UK number is read whatever the Default Country Code.
		expect(normalisePhoneNumber('+44 7700 900123', '353')).toBe('447700900123');
	});

	test('lists read each entry by the same rule', () => {
		expect(parsePhoneNumberList('7700900123\n447700900123.0\n+0044 7700 900123')).toEqual([
			'447700900123',
		]);
		expect(parsePhoneNumberList([7700900123, 447700900123.0])).toEqual(['447700900123']);
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
