#!/usr/bin/env node
// Refuses a release that would ship a missing or stale build, or package.json metadata that is
// unset or a placeholder (n8n's verification matches the npm package's author and repository with
// the source repository, and npm's provenance needs the repository). Runs from `prepack` (after
// the build) and in .github/workflows/publish.yml before anything is installed.
//
//   node scripts/release-check.js               dist/ only; plus metadata when npm runs it for `npm publish`
//   node scripts/release-check.js --dist        dist/ holds every file of package.json's n8n section, newer than every source
//   node scripts/release-check.js --metadata [--tag 0.1.1] [--repo owner/name]
//                                               author and repository filled in; the tag is the version; the repository is this one
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SOURCE_DIRS = ['nodes', 'credentials'];
const PLACEHOLDER =
	/\bunset\b|\bexample\.(invalid|com|org|net)\b|[<>]|\.\.\.|\btodo\b|\btbd\b|\bchangeme\b|\byour[-_ ]|^(owner|user|username)\/|n8n-nodes-passona contributors|n8n-nodes-passona@passona\.co\.uk/i;

const isPlaceholder = (value) =>
	typeof value !== 'string' || value.trim() === '' || PLACEHOLDER.test(value);

/** owner/name of a GitHub repository URL as npm accepts it, or undefined. */
function githubRepository(repository) {
	const url = typeof repository === 'string' ? repository : repository?.url;
	if (typeof url !== 'string') return undefined;
	const match =
		/^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url) ??
		/^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
	return match ? `${match[1]}/${match[2]}` : undefined;
}

/** What is wrong with package.json's release metadata (empty when nothing). */
function metadataProblems(manifest, { tag, repo } = {}) {
	const problems = [];
	const author = typeof manifest.author === 'string' ? { name: manifest.author } : manifest.author;
	if (!author || isPlaceholder(author.name)) {
		problems.push(
			`package.json "author.name" is ${JSON.stringify(author?.name ?? null)}: put the maintainer's name (CONTRIBUTING.md, Release)`,
		);
	}
	if (!author || isPlaceholder(author.email) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(author.email)) {
		problems.push(
			`package.json "author.email" is ${JSON.stringify(author?.email ?? null)}: put the maintainer's real email (CONTRIBUTING.md, Release)`,
		);
	}
	const repository = githubRepository(manifest.repository);
	if (!manifest.repository) {
		problems.push(
			'package.json has no "repository": put the GitHub repository this is published from (CONTRIBUTING.md, Release)',
		);
	} else if (!repository || isPlaceholder(repository)) {
		problems.push(
			`package.json "repository" is ${JSON.stringify(manifest.repository)}: it must be the GitHub repository, e.g. {"type": "git", "url": "git+https://github.com/OWNER/n8n-nodes-passona.git"} with the real owner`,
		);
	} else if (repo && repository.toLowerCase() !== repo.toLowerCase()) {
		problems.push(
			`package.json "repository" is ${repository} but this workflow runs in ${repo}: npm's provenance needs them to match`,
		);
	}
	if (tag !== undefined && tag.replace(/^v/, '') !== manifest.version) {
		problems.push(`the tag ${tag} is not package.json's version ${manifest.version}`);
	}
	return problems;
}

function filesUnder(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/** What is wrong with dist/ (missing files, or older than a source file); empty when nothing. */
function distProblems(root = ROOT) {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const expected = [...(manifest.n8n?.credentials ?? []), ...(manifest.n8n?.nodes ?? [])];
	const missing = expected.filter((file) => !fs.existsSync(path.join(root, file)));
	if (missing.length) return [`dist/ lacks ${missing.join(', ')}: run npm run build`];
	const built = filesUnder(path.join(root, 'dist')).filter((file) => file.endsWith('.js'));
	const oldestBuilt = Math.min(...built.map((file) => fs.statSync(file).mtimeMs));
	const newer = SOURCE_DIRS.flatMap((dir) => filesUnder(path.join(root, dir)))
		.filter((file) => fs.statSync(file).mtimeMs > oldestBuilt)
		.map((file) => path.relative(root, file));
	return newer.length
		? [
				`dist/ is older than ${newer.slice(0, 5).join(', ')}${newer.length > 5 ? ` and ${newer.length - 5} more` : ''}: run npm run build`,
			]
		: [];
}

function main(argv) {
	const option = (name) => {
		const index = argv.indexOf(name);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const explicit = argv.includes('--dist') || argv.includes('--metadata');
	const checkDist = argv.includes('--dist') || !explicit;
	const checkMetadata =
		argv.includes('--metadata') || (!explicit && process.env.npm_command === 'publish');
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const problems = [
		...(checkDist ? distProblems() : []),
		...(checkMetadata
			? metadataProblems(manifest, { tag: option('--tag'), repo: option('--repo') })
			: []),
	];
	for (const problem of problems) console.error(`release-check: ${problem}`);
	if (problems.length) {
		console.error('release-check: refusing to release');
		process.exitCode = 1;
	} else {
		console.log(
			`release-check: ${[checkDist && 'dist/ is complete and fresh', checkMetadata && 'author and repository are filled in'].filter(Boolean).join('; ')}`,
		);
	}
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { metadataProblems, distProblems, githubRepository };
