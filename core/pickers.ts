/**
 * What the editor's pickers show when there is nothing to pick: a line saying what to do (choose a
 * credential, check it, create something first), never n8n's bare "Error fetching options", "No
 * data" or "No results".
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from './constants';

/** A line in place of a list: what happened, and what to do. */
interface PickerLine {
	name: string;
	description: string;
}

const REFRESH = "choose Refresh List in this field's ⋮ menu";

/** An empty list: what to create first, and with which operation (`subject` e.g. "contact group"). */
export function emptyListLine(subject: string): PickerLine {
	const resource = subject.replace(/\b\w/g, (letter) => letter.toUpperCase());
	return {
		name: `No ${subject}s in this Passona team yet`,
		description: `Create one first with the Passona node's ${resource} → Create (or in Passona), then ${REFRESH}`,
	};
}

/** A line as an entry of a From List picker, which shows names only. */
export const listItemOf = (line: PickerLine) => ({
	name: `${line.name}: ${line.description.replace(/^\w/, (letter) => letter.toLowerCase())}`,
	value: '',
});

/** A line as an option of a list that cannot be chosen. */
const optionOf = (line: PickerLine): INodePropertyOptions => ({
	...line,
	value: '',
	disabled: true,
});

/**
 * A picker's options (`subject` e.g. "contact group"): `load`'s, or one line instead of them. n8n
 * asks for a list before it attaches the credential to a node added after another (n8n 2.40 then
 * shows "Error fetching options" until the panel is reopened); Passona refusing (a wrong token:
 * 401) is said in the words a From List picker shows; an empty list says what to create first.
 */
export async function pickerOptions(
	this: ILoadOptionsFunctions,
	subject: string,
	load: (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>,
): Promise<INodePropertyOptions[]> {
	if (!this.getNode().credentials?.[CREDENTIAL_TYPE]) {
		return [
			optionOf({
				name: `Choose a Passona credential above to list your ${subject}s`,
				description: `Chosen already? n8n asked for this list before it attached the credential: ${REFRESH}`,
			}),
		];
	}
	let options: INodePropertyOptions[];
	try {
		options = await load.call(this);
	} catch (error) {
		const { httpCode, message, description } = error as {
			httpCode?: string | null;
			message: string;
			description?: string | null;
		};
		return [
			optionOf({
				name: httpCode ? `${httpCode} - ${message}` : message,
				description: description ?? '',
			}),
		];
	}
	return options.length > 0 ? options : [optionOf(emptyListLine(subject))];
}
