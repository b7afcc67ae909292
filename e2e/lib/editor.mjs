// n8n's editor in Debian's headless Chromium, driven by playwright-core (never a downloaded browser).
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Text n8n shows when a node or its options cannot be loaded.
const PANEL_ERRORS = [
	/Install this node to use it/i,
	/node is not currently installed/i,
	/Could not load/i,
	/problem loading/i,
	/Error fetching options/i,
	/ERROR: /,
];

export async function launchBrowser(paths) {
	const { chromium } = createRequire(join(paths.nodeModules, 'playwright-core', 'package.json'))(
		'playwright-core',
	);
	const profile = await mkdtemp(join(tmpdir(), 'passona-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultTimeout(30_000);
	return {
		context,
		close: async () => {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		},
	};
}

async function page(browser) {
	return browser.context.pages()[0] ?? (await browser.context.newPage());
}

/** Fills n8n's first-run "Set up owner account" form. */
export async function setupOwner(browser, origin, owner, artifacts) {
	const tab = await page(browser);
	await tab.goto(`${origin}/setup`);
	try {
		await tab.locator('input[name="email"]').fill(owner.email);
		await tab.locator('input[name="firstName"]').fill(owner.firstName);
		await tab.locator('input[name="lastName"]').fill(owner.lastName);
		await tab.locator('input[name="password"]').fill(owner.password);
		await tab
			.getByRole('button', { name: /next|get started|set up/i })
			.first()
			.click();
		await tab.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: 30_000 });
	} catch (error) {
		await tab
			.screenshot({ path: join(artifacts, 'failed-owner-setup.png') })
			.catch(() => undefined);
		throw error;
	}
	await tab.screenshot({ path: join(artifacts, '01-after-owner-setup.png') });
}

async function assertNoPanelError(tab, what) {
	const text = await tab.locator('body').innerText();
	const found = PANEL_ERRORS.find((pattern) => pattern.test(text));
	if (found) throw new Error(`${what} shows an error (${found}): ${text.slice(0, 1500)}`);
}

/** Adds the Passona nodes on a new canvas and screenshots the operation list and the trigger panel. */
export async function screenshotNodes(browser, origin, artifacts, log) {
	const tab = await page(browser);
	try {
		await tab.goto(`${origin}/workflow/new`);
		// The node creator: "Add first step" on an empty canvas, else the plus button / Tab.
		const firstStep = tab.locator('[data-test-id="canvas-add-button"]');
		await firstStep.first().waitFor({ timeout: 30_000 });
		await firstStep.first().click();
		const search = tab
			.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder^="Search"]')
			.first();
		await search.fill('Passona');
		const items = tab.locator(
			'[data-test-id="node-creator-node-item"], [data-test-id="node-creator-item-name"]',
		);
		await items.filter({ hasText: 'Passona' }).first().waitFor({ timeout: 15_000 });
		await tab.screenshot({ path: join(artifacts, '02-node-creator-search.png') });
		const names = await items.allInnerTexts();
		log(`  node creator shows: ${names.map((name) => name.split('\n')[0]).join(', ')}`);
		// Open the Passona app: its actions (the operation list) and its trigger.
		await items
			.filter({ hasText: /^Passona$/ })
			.first()
			.click()
			.catch(async () => {
				await items.filter({ hasText: 'Passona' }).first().click();
			});
		// On an empty canvas the app view opens on its trigger; the actions are folded under "Actions (N)".
		await tab
			.getByText(/^Actions \(\d+\)/)
			.first()
			.click();
		await tab
			.getByText(/Create a contact group/i)
			.first()
			.waitFor({ timeout: 15_000 });
		await tab.screenshot({ path: join(artifacts, '03-passona-operations.png'), fullPage: true });
		await assertNoPanelError(tab, 'the Passona operation list');
		// The trigger, from the same app view.
		const trigger = tab.getByText(/On inbound SMS matching a keyword|Passona Trigger/i).first();
		await trigger.click();
		await tab
			.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]')
			.first()
			.waitFor({ timeout: 15_000 });
		await tab
			.getByText(/Keyword/)
			.first()
			.waitFor({ timeout: 15_000 });
		await tab.waitForTimeout(1500); // the keyword list loads from the sandbox
		await tab.screenshot({ path: join(artifacts, '04-passona-trigger-panel.png'), fullPage: true });
		await assertNoPanelError(tab, 'the Passona Trigger panel');
	} catch (error) {
		await tab
			.screenshot({ path: join(artifacts, 'failed-editor.png'), fullPage: true })
			.catch(() => undefined);
		throw error;
	}
}
