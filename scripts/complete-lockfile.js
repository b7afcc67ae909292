#!/usr/bin/env node
// The registry this project is built against serves only the Linux builds of unrs-resolver's
// platform bindings, so `npm install` leaves the others out of package-lock.json and `npm ci`
// then refuses the lock. This adds the missing optional entries (never installed on Linux x64)
// with the os/cpu/libc that the package names state. Run after any `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const CPUS = ['arm64', 'x64', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'ia32', 'wasm32'];

let added = 0;
for (const entry of Object.values(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const target = `node_modules/${name}`;
		if (!name.startsWith('@unrs/resolver-binding-') || lock.packages[target]) continue;
		const parts = name.slice('@unrs/resolver-binding-'.length).split('-');
		const os = parts[0] === 'wasm32' ? undefined : parts[0];
		const cpu = parts.find((part) => CPUS.includes(part));
		const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') ? 'glibc' : undefined;
		lock.packages[target] = {
			version,
			...(cpu && { cpu: [cpu] }),
			dev: entry.dev,
			...(libc && { libc: [libc] }),
			license: 'MIT',
			optional: true,
			...(os && { os: [os] }),
		};
		added++;
	}
}
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform binding entries`);
