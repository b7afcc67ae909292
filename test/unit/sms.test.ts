import fc from 'fast-check';
import '../properties/config'; // the shared, printed seed (npm run test:fuzz varies it)
import { checkSmsBody, smsLength } from '../../core/sms';
import { InputError } from '../../core/input';
import { parseSender } from '../../nodes/Passona/resources/sender/fields';
import { parseTemplateBody } from '../../nodes/Passona/resources/template/fields';

describe('smsLength', () => {
	test('GSM-7: one per character, two for the extension characters', () => {
		expect(smsLength('Hello £5 off!')).toEqual({
			encoding: 'GSM-7',
			length: 13,
			singleLimit: 160,
			parts: 1,
			nonGsm: [],
		});
		expect(smsLength('{€}').length).toBe(6);
		expect(smsLength('x'.repeat(160)).parts).toBe(1);
		expect(smsLength('x'.repeat(161)).parts).toBe(2);
		expect(smsLength('x'.repeat(306)).parts).toBe(2);
		expect(smsLength('x'.repeat(307)).parts).toBe(3);
	});

	test('UCS-2 as soon as one character is outside GSM-7; emoji take two units', () => {
		expect(smsLength('Say “hi” 😀')).toEqual({
			encoding: 'UCS-2',
			length: 11,
			singleLimit: 70,
			parts: 1,
			nonGsm: ['“', '”', '😀'],
		});
		expect(smsLength('ł'.repeat(71)).parts).toBe(2);
		expect(smsLength('ł'.repeat(134)).parts).toBe(2);
		expect(smsLength('ł'.repeat(135)).parts).toBe(3);
	});

	test('property: a GSM-7 body of basic characters is as long as its text', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9 .,!?]{0,400}$/), (text) => {
				const measured = smsLength(text);
				expect(measured.encoding).toBe('GSM-7');
				expect(measured.length).toBe(text.length);
				expect(measured.parts).toBe(text.length <= 160 ? 1 : Math.ceil(text.length / 153));
			}),
			{ numRuns: 200 },
		);
	});
});

describe('checkSmsBody and parseTemplateBody', () => {
	test('accepts what fits one SMS, placeholders counted as written', () => {
		expect(checkSmsBody('x'.repeat(160))).toHaveLength(160);
		expect(parseTemplateBody('  Welcome! ::LINK:: Text OPTOUT to stop ')).toBe(
			'Welcome! ::LINK:: Text OPTOUT to stop',
		);
	});

	test('refuses with the count and the encoding', () => {
		expect(() => checkSmsBody('x'.repeat(161))).toThrow(
			'is 161 characters long; one SMS holds 160 (it would need 2 parts)',
		);
		expect(() => checkSmsBody(`${'x'.repeat(70)}😀`)).toThrow(
			/is 72 characters long and contains "😀".*one SMS holds 70/,
		);
		expect(() => parseTemplateBody('')).toThrow(InputError);
	});

	test('property: any text is either accepted unchanged or refused with an InputError, never anything else', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 250, unit: 'grapheme' }), (text) => {
				try {
					expect(checkSmsBody(text)).toBe(text);
					expect(smsLength(text).parts).toBe(1);
				} catch (error) {
					expect(error).toBeInstanceOf(InputError);
					expect(smsLength(text).length).toBeGreaterThan(smsLength(text).singleLimit);
				}
			}),
			{ numRuns: 300 },
		);
	});
});

describe('parseSender', () => {
	test('3 to 11 characters, trimmed', () => {
		expect(parseSender(' 88440 ')).toBe('88440');
		expect(parseSender('QA_Test_Tea')).toBe('QA_Test_Tea');
		expect(parseSender(88440)).toBe('88440');
		expect(() => parseSender('AB')).toThrow(
			'is 2 characters long ("AB"); a Passona sender has 3 to 11 characters',
		);
		expect(() => parseSender('QA_Test_Team')).toThrow(InputError);
		expect(() => parseSender('')).toThrow('is empty');
	});

	test('property: accepted exactly when the trimmed text has 3 to 11 characters', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 20 }), (text) => {
				const length = text.trim().length;
				if (length >= 3 && length <= 11) expect(parseSender(text)).toBe(text.trim());
				else expect(() => parseSender(text)).toThrow(InputError);
			}),
			{ numRuns: 300 },
		);
	});
});
