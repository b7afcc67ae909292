// A small client for n8n's internal REST API (/rest/*), logged in by cookie.
export class N8nRest {
	constructor(origin) {
		this.origin = origin;
		this.cookie = '';
	}

	async request(method, path, body, { expect = [200] } = {}) {
		const response = await fetch(`${this.origin}/rest${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...(this.cookie ? { Cookie: this.cookie } : {}),
				'browser-id': 'passona-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const cookies = response.headers.getSetCookie?.() ?? [];
		const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!expect.includes(response.status)) {
			throw new Error(`${method} /rest${path} answered ${response.status}: ${text.slice(0, 1000)}`);
		}
		// n8n wraps most answers in { data }.
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	get(path, options) {
		return this.request('GET', path, undefined, options);
	}

	post(path, body, options) {
		return this.request('POST', path, body ?? {}, options);
	}

	patch(path, body, options) {
		return this.request('PATCH', path, body ?? {}, options);
	}
}
