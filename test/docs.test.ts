/** The documentation's links: every relative link and anchor in the README, CONTRIBUTING.md and docs/ resolves. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS = [
	'README.md',
	'CONTRIBUTING.md',
	...readdirSync(join(ROOT, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];

/** Markdown without fenced code blocks and code spans, where brackets are not links. */
const withoutCode = (markdown: string) =>
	markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, numbered as GitHub numbers repeated ones. */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	const markdown = readFileSync(file, 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
	for (const [, heading] of markdown.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

interface Link {
	from: string;
	target: string;
}

/** Relative links and images of a Markdown file (not http(s), mailto or other schemes). */
function relativeLinks(from: string): Link[] {
	const markdown = withoutCode(readFileSync(join(ROOT, from), 'utf8'));
	return [...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
		.map(([, target]) => ({ from, target }))
		.filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with a link, or undefined when it resolves. */
function problem({ from, target }: Link): string | undefined {
	const [path, anchor] = target.split('#', 2);
	const file = path === '' ? join(ROOT, from) : resolve(dirname(join(ROOT, from)), path);
	if (!file.startsWith(ROOT)) return `${from}: ${target} leaves the repository`;
	if (!existsSync(file)) return `${from}: ${target} — no ${relative(ROOT, file)}`;
	if (anchor === undefined) return undefined;
	if (statSync(file).isDirectory() || !file.endsWith('.md'))
		return `${from}: ${target} — an anchor into something that is not Markdown`;
	if (!anchorsOf(file).has(decodeURIComponent(anchor)))
		return `${from}: ${target} — ${relative(ROOT, file)} has no heading #${anchor}`;
	return undefined;
}

describe('documentation links', () => {
	test('anchors are made as GitHub makes them', () => {
		expect(slug('Campaign → Create')).toBe('campaign--create');
		expect(slug("Passona's errors in plain words")).toBe('passonas-errors-in-plain-words');
		expect(slug('The demo: `npm start`')).toBe('the-demo-npm-start');
		expect(slug('Links, vanity domains and contact sync')).toBe(
			'links-vanity-domains-and-contact-sync',
		);
	});

	test('the README, CONTRIBUTING.md and every file of docs/ are checked', () => {
		expect(DOCS).toEqual(
			expect.arrayContaining([
				'README.md',
				'CONTRIBUTING.md',
				'docs/behaviour.md',
				'docs/triggers.md',
				'docs/reliability.md',
				'docs/performance.md',
				'docs/sandbox.md',
				'docs/compatibility.md',
			]),
		);
	});

	test.each(DOCS)('every relative link in %s points at a file (and heading) that exists', (doc) => {
		const links = relativeLinks(doc);
		expect(links.length).toBeGreaterThan(0);
		expect(links.map(problem).filter(Boolean)).toEqual([]);
	});

	test('a broken link or anchor is reported', () => {
		expect(problem({ from: 'README.md', target: 'docs/missing.md' })).toContain(
			'no docs/missing.md',
		);
		expect(problem({ from: 'README.md', target: 'docs/behaviour.md#no-such-heading' })).toContain(
			'has no heading #no-such-heading',
		);
		expect(problem({ from: 'docs/triggers.md', target: '../README.md#credentials' })).toBe(
			undefined,
		);
	});

	test("the nodes' and the credential's documentation links find their README sections", () => {
		const sources = [
			// The nodes' own documentationUrl (`${DOCS_URL}#…`, which n8n opens as it is) and codex.
			...readdirSync(join(ROOT, 'nodes'), { recursive: true, encoding: 'utf8' })
				.filter((name) => /\.node\.(json|ts)$/.test(name))
				.map((name) => join(ROOT, 'nodes', name)),
			...readdirSync(join(ROOT, 'credentials'))
				.filter((name) => name.endsWith('.ts'))
				.map((name) => join(ROOT, 'credentials', name)),
		];
		const anchors = sources.flatMap((file) =>
			[
				...readFileSync(file, 'utf8').matchAll(
					/(?:https:\/\/www\.npmjs\.com\/package\/n8n-nodes-passona|\$\{DOCS_URL\})#([\w-]+)/g,
				),
			].map(([, anchor]) => anchor),
		);
		expect(anchors).toEqual(
			expect.arrayContaining([
				'credentials',
				'operations',
				'passona-trigger',
				'passona-campaign-trigger',
			]),
		);
		const readme = anchorsOf(join(ROOT, 'README.md'));
		expect(anchors.filter((anchor) => !readme.has(anchor))).toEqual([]);
	});
});
