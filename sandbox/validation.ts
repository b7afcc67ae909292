// Laravel-style request validation for the sandbox: errors are collected per field and thrown
// together as a 422 whose message is the first error plus "(and N more errors)".

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(
			typeof body === 'object' && body && 'message' in body
				? String(body.message)
				: `HTTP ${status}`,
		);
	}
}

/** 423: what a sending campaign uses (or what was locked by hand) cannot change. */
export const locked = (what: string) =>
	new HttpError(423, { message: `The ${what} is locked: a campaign using it is sending.` });

export type JsonObject = Record<string, unknown>;

const PHONE_PATTERN = /^\d{7,15}$/;

/** Digits of a phone number written with spaces, dashes, brackets or a leading +; null when it is not 7–15 digits. */
function normalisePhone(value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const digits = String(value).replace(/[\s()+-]/g, '');
	return PHONE_PATTERN.test(digits) ? digits : null;
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Validator {
	readonly errors: Record<string, string[]> = {};

	constructor(readonly body: JsonObject) {}

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	/** Whether the field (or one of its items, `field.N`) already has an error. */
	failed(field: string): boolean {
		return Object.keys(this.errors).some((key) => key === field || key.startsWith(`${field}.`));
	}

	has(field: string): boolean {
		return this.body[field] !== undefined;
	}

	/** Throws the 422 when any error was recorded. */
	check(): void {
		const fields = Object.values(this.errors);
		if (fields.length === 0) return;
		const all = fields.flat();
		const more = all.length - 1;
		const message =
			more === 0 ? all[0] : `${all[0]} (and ${more} more error${more === 1 ? '' : 's'})`;
		throw new HttpError(422, { message, errors: this.errors });
	}

	/** A string field; null or "" count as absent ("" is answered for an optional one). */
	string(field: string, options: { required?: boolean; max?: number } = {}): string | undefined {
		const value = this.body[field];
		if (value === undefined || value === null || value === '') {
			if (options.required) this.add(field, `The ${field} field is required.`);
			return value === undefined || options.required ? undefined : '';
		}
		if (typeof value !== 'string') {
			this.add(field, `The ${field} field must be a string.`);
			return undefined;
		}
		if (options.max !== undefined && value.length > options.max) {
			this.add(field, `The ${field} field must not be greater than ${options.max} characters.`);
			return undefined;
		}
		return value;
	}

	boolean(field: string): boolean | undefined {
		const value = this.body[field];
		if (value === undefined) return undefined;
		if (value === true || value === 1 || value === '1' || value === 'true') return true;
		if (value === false || value === 0 || value === '0' || value === 'false') return false;
		this.add(field, `The ${field} field must be true or false.`);
		return undefined;
	}

	array(field: string, options: { required?: boolean } = {}): unknown[] | undefined {
		const value = this.body[field];
		if (value === undefined || value === null) {
			if (options.required) this.add(field, `The ${field} field is required.`);
			return undefined;
		}
		if (!Array.isArray(value)) {
			this.add(field, `The ${field} field must be an array.`);
			return undefined;
		}
		if (options.required && value.length === 0) this.add(field, `The ${field} field is required.`);
		return value;
	}

	/** An array of uuids that must all be keys of `known`; answers the distinct valid ones. */
	uuids(
		field: string,
		known: ReadonlyMap<string, unknown>,
		options: { required?: boolean } = {},
	): string[] | undefined {
		const list = this.array(field, options);
		if (!list) return undefined;
		const valid: string[] = [];
		list.forEach((item, index) => {
			if (typeof item === 'string' && known.has(item)) {
				if (!valid.includes(item)) valid.push(item);
			} else {
				this.add(`${field}.${index}`, `The selected ${field}.${index} is invalid.`);
			}
		});
		return valid;
	}

	phone(field: string, value: unknown): string | undefined {
		if (value === undefined || value === null || value === '') {
			this.add(field, `The ${field} field is required.`);
			return undefined;
		}
		const phone = normalisePhone(value);
		if (phone === null)
			this.add(field, `The ${field} field must be a phone number of 7 to 15 digits.`);
		return phone ?? undefined;
	}
}
