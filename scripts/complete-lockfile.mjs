#!/usr/bin/env node
// The npm registry mirror these machines reach serves Linux builds only, so `npm install` leaves
// the other platforms' optional binaries (Astro's compiler binding, Biome's CLI) out of
// package-lock.json, and `npm ci` then refuses the lock file ("Missing: … from lock file").
// This adds an entry for each such package with the version its parent pins and the os/cpu/libc
// its name states; npm skips them on install exactly as it skips any other platform's binary.
// Run it after changing dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
];
const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const where = `node_modules/${name}`;
    if (packages[where]) continue;
    // Platform packages name themselves `…-<os>-<cpu>[-<libc>]` or `…-wasm32-wasi`.
    const parts = (name.split('/').pop() ?? '').split('-');
    const at = parts.findIndex((part) => OSES.includes(part) || part === 'wasm32');
    if (at < 0) continue;
    const [os, cpu, libcPart] = parts.slice(at);
    const platform = { version, optional: true };
    if (entry.dev) platform.dev = true;
    if (os === 'wasm32') platform.cpu = ['wasm32'];
    else {
      platform.os = [os];
      platform.cpu = [cpu];
    }
    if (libcPart === 'musl') platform.libc = ['musl'];
    else if (libcPart === 'gnu') platform.libc = ['glibc'];
    packages[where] = platform;
    added += 1;
    console.log(`added ${name}@${version} (for ${key || 'the project'})`);
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} platform entries added`);
