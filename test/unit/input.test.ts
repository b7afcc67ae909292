import {
	describeValue,
	InputError,
	parseBoolean,
	parseText,
	parseUuid,
	parseUuidList,
	uuidFromLocator,
	uuidFromUrl,
} from '../../core/input';

const UUID = '09e0a326-fb2e-11e9-ba2a-0242ac120008';

describe('IDs', () => {
	test('parseUuid trims and lower-cases, refuses anything else', () => {
		expect(parseUuid(` ${UUID.toUpperCase()} `)).toBe(UUID);
		for (const bad of [
			'',
			'  ',
			UUID.slice(1),
			`${UUID}0`,
			UUID.replace('a', 'g'),
			42,
			null,
			[UUID],
			{},
		]) {
			expect(() => parseUuid(bad)).toThrow(/is not a (valid )?Passona ID/);
		}
	});

	test('parseUuidList reads arrays or separated text, drops duplicates, may demand one', () => {
		expect(parseUuidList([UUID, UUID.toUpperCase()], { allowEmpty: false })).toEqual([UUID]);
		expect(parseUuidList(`${UUID}, \n${UUID}`, { allowEmpty: false })).toEqual([UUID]);
		expect(parseUuidList([], { allowEmpty: true })).toEqual([]);
		expect(parseUuidList(undefined, { allowEmpty: true })).toEqual([]);
		expect(() => parseUuidList([], { allowEmpty: false })).toThrow('is empty: choose at least one');
		expect(() => parseUuidList({ uuid: UUID }, { allowEmpty: true })).toThrow(
			'must be a list of Passona IDs',
		);
		expect(() => parseUuidList([UUID, 'nope'], { allowEmpty: true })).toThrow('"nope"');
	});

	test('uuidFromUrl reads Passona API links of the right collection only', () => {
		expect(
			uuidFromUrl(`https://passona.co.uk/api/2.0/contact-groups/${UUID}`, 'contact-groups'),
		).toBe(UUID);
		expect(uuidFromUrl(`http://passona.test/api/2.0/keywords/${UUID}?x=1#y`, 'keywords')).toBe(
			UUID,
		);
		expect(() =>
			uuidFromUrl(`https://passona.co.uk/api/2.0/keywords/${UUID}`, 'contact-groups'),
		).toThrow('is not a link to a Passona contact group');
		expect(() => uuidFromUrl(`/contact-groups/${UUID}`, 'contact-groups')).toThrow('is not a link');
		// A broken %-escape used to escape as a bare "URI malformed", naming neither field nor item.
		for (const broken of ['%E0%A4%A', '%zz', '%']) {
			expect(() =>
				uuidFromUrl(`https://passona.co.uk/api/2.0/contact-groups/${broken}`, 'contact-groups'),
			).toThrow(InputError);
		}
		expect(() =>
			uuidFromUrl('https://passona.co.uk/api/2.0/contact-groups/abc', 'contact-groups'),
		).toThrow('is not a valid Passona ID');
	});

	test('uuidFromLocator follows the locator mode, and takes a bare ID', () => {
		expect(uuidFromLocator({ mode: 'list', value: UUID }, 'keywords')).toBe(UUID);
		expect(uuidFromLocator({ mode: 'id', value: UUID }, 'keywords')).toBe(UUID);
		expect(
			uuidFromLocator({ mode: 'url', value: `https://x.test/keywords/${UUID}` }, 'keywords'),
		).toBe(UUID);
		expect(uuidFromLocator(UUID, 'keywords')).toBe(UUID);
		expect(() => uuidFromLocator({ mode: 'id', value: '' }, 'keywords')).toThrow('got empty text');
	});
});

describe('text and switches', () => {
	test('parseText trims, accepts numbers, enforces required and length', () => {
		expect(parseText('  a  ', { required: true })).toBe('a');
		expect(parseText(12, { required: true })).toBe('12');
		expect(parseText(undefined, { required: false })).toBe('');
		expect(() => parseText(' ', { required: true })).toThrow('is empty');
		expect(() => parseText(['a'], { required: false })).toThrow('must be text, got a list');
		expect(() => parseText('x'.repeat(256), { required: true, maxLength: 255 })).toThrow(
			'is 256 characters long',
		);
	});

	test('parseBoolean accepts true/false and their text only', () => {
		expect(parseBoolean(true)).toBe(true);
		expect(parseBoolean(' FALSE ')).toBe(false);
		for (const bad of ['yes', 1, 0, null, undefined, ''])
			expect(() => parseBoolean(bad)).toThrow('must be true or false');
	});

	test('describe says what a value is, clipping long text', () => {
		expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(57)}..."`);
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue(3)).toBe('number 3');
	});
});
