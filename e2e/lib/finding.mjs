// Finding the Passona node in n8n's editor (issue 21): the node panel's search lists Passona for
// what a user who wants to send an SMS types, and "What happens next?" (the panel after a trigger)
// describes Passona by what its action node does.
import { join } from 'node:path';
import { page } from './editor.mjs';

/** What a newcomer types; each must list Passona. */
const SEARCHES = ['SMS', 'send sms', 'Passona send', 'contact group'];

/** The node panel's entries (name and description) once the search has settled. */
async function listed(tab) {
	await tab.waitForTimeout(500); // the panel filters as one types, a moment after the last key
	return await tab.evaluate(() =>
		[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].map((name) => ({
			name: name.textContent.trim(),
			description:
				name
					.closest('[data-test-id="item-iterator-item"]')
					?.querySelector('[data-test-id="node-creator-item-description"]')
					?.textContent.trim() ?? '',
		})),
	);
}

/** Types `query` into the open node panel. */
async function type(tab, query) {
	await tab
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
		)
		.first()
		.fill(query);
}

/** Types `query` into the open node panel and waits until Passona is listed, or fails with what is. */
async function search(tab, query) {
	await type(tab, query);
	const passona = tab.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Passona$/ });
	try {
		await passona.first().waitFor({ timeout: 10_000 });
	} catch {
		const entries = await listed(tab);
		throw new Error(
			`a search for "${query}" does not list Passona; it lists: ${entries.map(({ name }) => name).join(', ') || 'nothing'}`,
		);
	}
	return await listed(tab);
}

export async function findingTheNode(
	browser,
	origin,
	artifacts,
	log,
	description,
	listsDescriptions,
) {
	const tab = await page(browser);
	try {
		await tab.goto(`${origin}/workflow/new`);
		await tab.locator('[data-test-id="canvas-add-button"]').first().click();
		for (const query of SEARCHES) {
			const entries = await search(tab, query);
			log(`  "${query}" lists: ${entries.map(({ name }) => name).join(', ')}`);
			if (query === 'SMS') await tab.screenshot({ path: join(artifacts, '05-search-sms.png') });
		}
		// A trigger first, then the panel of what comes after it.
		await type(tab, 'manual');
		await tab
			.locator('[data-test-id="node-creator-item-name"]', { hasText: /Trigger manually|Manual/i })
			.first()
			.click();
		await tab.locator('[data-test-id="canvas-handle-plus"]').first().click();
		await tab.getByText('What happens next?').first().waitFor({ timeout: 15_000 });
		const entries = await search(tab, 'Passona');
		await tab.screenshot({ path: join(artifacts, '06-what-happens-next.png') });
		const passona = entries.find(({ name }) => name === 'Passona');
		// n8n before 2.40 (2.0.3, 1.123.81: seen) lists no descriptions there, so none can be wrong.
		if (passona.description === '' && !listsDescriptions) {
			log('  "What happens next?" lists Passona without a description in this n8n');
			return;
		}
		if (passona.description !== description)
			throw new Error(
				`"What happens next?" describes Passona as "${passona.description}", not as its action node: "${description}"`,
			);
		log(`  "What happens next?" → Passona: ${passona.description}`);
	} catch (error) {
		await tab
			.screenshot({ path: join(artifacts, 'failed-finding.png'), fullPage: true })
			.catch(() => undefined);
		throw error;
	}
}
