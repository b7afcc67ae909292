/**
 * How long an SMS body is as a phone counts it. GSM-7 (the default alphabet) holds 160
 * characters in one SMS, with ^ { } [ ] ~ \ | € and form feed taking two; a body with any
 * character outside GSM-7 (an emoji, curly quotes, most accents) is sent as UCS-2, where one
 * SMS holds 70 UTF-16 units. Longer bodies are split into parts of 153 (GSM-7) or 67 (UCS-2).
 */
import { InputError } from './input';

const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

export interface SmsLength {
	encoding: 'GSM-7' | 'UCS-2';
	/** Characters as the phone counts them (GSM-7 septets, or UTF-16 units). */
	length: number;
	/** What one SMS holds in this encoding. */
	singleLimit: number;
	/** How many SMS parts the body needs. */
	parts: number;
	/** The characters that forced UCS-2, each once. */
	nonGsm: string[];
}

export function smsLength(text: string): SmsLength {
	let septets = 0;
	const nonGsm: string[] = [];
	for (const character of text) {
		if (GSM_BASIC.has(character)) septets += 1;
		else if (GSM_EXTENDED.has(character)) septets += 2;
		else if (!nonGsm.includes(character)) nonGsm.push(character);
	}
	if (nonGsm.length === 0) {
		return {
			encoding: 'GSM-7',
			length: septets,
			singleLimit: 160,
			parts: septets <= 160 ? 1 : Math.ceil(septets / 153),
			nonGsm,
		};
	}
	const units = text.length;
	return {
		encoding: 'UCS-2',
		length: units,
		singleLimit: 70,
		parts: units <= 70 ? 1 : Math.ceil(units / 67),
		nonGsm,
	};
}

/**
 * A template body that fits one SMS, as written (placeholders counted as typed: Passona swaps
 * `::LINK::` for a tracked link and custom fields for their values, which changes the length).
 */
export function checkSmsBody(text: string): string {
	const measured = smsLength(text);
	if (measured.length <= measured.singleLimit) return text;
	if (measured.encoding === 'GSM-7') {
		throw new InputError(
			`is ${measured.length} characters long; one SMS holds 160 (it would need ${measured.parts} parts)`,
			'Shorten the text. ^ { } [ ] ~ \\ | and € count as two characters each.',
		);
	}
	const shown = measured.nonGsm
		.slice(0, 5)
		.map((character) => `"${character}"`)
		.join(', ');
	throw new InputError(
		`is ${measured.length} characters long and contains ${shown}, outside the standard SMS alphabet (GSM-7), so it is sent as Unicode (UCS-2), where one SMS holds 70 characters (it would need ${measured.parts} parts)`,
		'Replace those characters (for example curly quotes and emoji) to get the 160-character limit back, or shorten the text.',
	);
}
