/**
 * The sandbox stands in for Passona in the tests: it must not run the node's code (a bug in the
 * node would then be a bug in its judge). Every import under sandbox/ is Node's own (`node:…`) or
 * another sandbox file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SANDBOX = join(ROOT, 'sandbox');

/** The module names a TypeScript source imports, re-exports or requires. */
function importsOf(source: string): string[] {
	const found: string[] = [];
	const patterns = [
		/\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
		/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
	];
	for (const pattern of patterns) {
		for (const match of source.matchAll(pattern)) found.push(match[1]);
	}
	return found;
}

/** Each import of `file` that is neither Node's own nor inside sandbox/, as `file: module`. */
function foreignImports(file: string): string[] {
	return importsOf(readFileSync(file, 'utf8'))
		.filter((module) => {
			if (module.startsWith('node:')) return false;
			if (!module.startsWith('.')) return true;
			const target = resolve(dirname(file), module);
			return target !== SANDBOX && !target.startsWith(SANDBOX + sep);
		})
		.map((module) => `${relative(ROOT, file)}: ${module}`);
}

function sourcesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourcesUnder(path);
		return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
	});
}

test('nothing under sandbox/ imports from nodes/, credentials/ or anywhere else outside it', () => {
	const files = sourcesUnder(SANDBOX);
	expect(files.length).toBeGreaterThan(5);
	expect(files.flatMap(foreignImports)).toEqual([]);
});

test('the import reader sees every form an import of node code can take', () => {
	const source = [
		"import { parseDateInput } from '../nodes/Passona/shared/dates';",
		"import type { InputError } from '../nodes/Passona/shared/input';",
		'import {',
		'\tPASSONA_TIME_ZONE,',
		"} from '../nodes/Passona/shared/dates';",
		"export { transport } from '../nodes/Passona/shared/transport';",
		"export * from '../credentials/PassonaApi.credentials';",
		"import '../nodes/Passona/Passona.node';",
		"import { randomUUID } from 'node:crypto';",
		"const lazy = require('../nodes/Passona/shared/phone');",
		"const later = import('../nodes/Passona/shared/sms');",
	].join('\n');
	expect(importsOf(source)).toEqual([
		'../nodes/Passona/shared/dates',
		'../nodes/Passona/shared/input',
		'../nodes/Passona/shared/dates',
		'../nodes/Passona/shared/transport',
		'../credentials/PassonaApi.credentials',
		'../nodes/Passona/Passona.node',
		'node:crypto',
		'../nodes/Passona/shared/phone',
		'../nodes/Passona/shared/sms',
	]);
});
