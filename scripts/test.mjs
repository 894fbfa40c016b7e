#!/usr/bin/env node
// Runs every check Lockstep has, in order, and ends with one line `N passed, N failed`.
//
// It must work straight after a fresh clone on a machine whose system Node is 20: so this file
// uses only what Node 20 has, installs the project (and with it Node 24) when node_modules is
// missing, then re-runs itself on the project's Node 24. Chromium comes from Debian.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH as CHROMIUM } from './chromium.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = join(root, 'node_modules', '.bin');
const projectNode = join(bin, 'node');
const artifacts = join(root, 'artifacts');
const env = {
  ...process.env,
  PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
  // Astro would otherwise try to send usage data to another host.
  ASTRO_TELEMETRY_DISABLED: '1',
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) console.error(`Could not start ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function banner(text) {
  console.log(`\n━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`);
}

// 1. Install what is missing (first run after a clone, or a changed lock file).
const installed = join(root, 'node_modules', '.package-lock.json');
const stale =
  !existsSync(projectNode) ||
  !existsSync(installed) ||
  statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  banner('Installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed; see above.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// 2. Continue on the project's own Node 24.
if (Number(process.versions.node.split('.')[0]) !== 24) {
  const status = run(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)]);
  process.exit(status);
}

// 3. The browser for end-to-end tests: Debian's Chromium (Playwright cannot download its own here).
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `End-to-end tests need Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\nthen run npm test again.`,
    );
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  banner('Installing Chromium (apt-get install -y chromium)');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env: aptEnv });
  if (run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: aptEnv }) !== 0) {
    console.error('apt-get could not install chromium.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

rmSync(join(artifacts, 'results'), { recursive: true, force: true });
mkdirSync(join(artifacts, 'results'), { recursive: true });

/** Each check is one pass or fail; test suites add their own counts from their JSON reports. */
let passed = 0;
let failed = 0;
const summary = [];

function check(name, command, args) {
  banner(name);
  const ok = run(command, args) === 0;
  if (ok) passed += 1;
  else failed += 1;
  summary.push(`${ok ? '✓' : '✗'} ${name}`);
  return ok;
}

function suite(name, command, args, reportFile, count) {
  banner(name);
  const status = run(command, args);
  let counts = { passed: 0, failed: 0 };
  try {
    counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  } catch {
    // No report means the runner itself failed before testing anything.
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(
    `${status === 0 ? '✓' : '✗'} ${name}: ${counts.passed} passed, ${counts.failed} failed`,
  );
}

check('Node version', projectNode, ['scripts/print-node.mjs']);
check('Astro sync', 'astro', ['sync']);
check('Type check (astro check)', 'astro', ['check', '--minimumFailingSeverity', 'hint']);
check('Type check (tsc --noEmit)', 'tsc', ['--noEmit', '-p', '.']);
check('Type check (svelte-check)', 'svelte-check', [
  '--tsconfig',
  './tsconfig.json',
  '--fail-on-warnings',
]);
check('Lint and format (biome ci)', 'biome', ['ci', '.']);
// Words it does not know but that are right go in project-words.txt (cspell.json says which files).
check('Spelling (cspell)', 'cspell', ['--no-progress', '--no-summary']);

const vitestReport = join(artifacts, 'results', 'vitest.json');
suite(
  'Unit tests (vitest)',
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  (r) => ({
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0),
  }),
);

const built =
  check('Build (astro build)', 'astro', ['build']) &&
  // The one-file command line the about page offers for download (`npm run build` writes it too).
  check('Command line bundle (dist/cli/lockstep.mjs)', projectNode, ['scripts/build-cli.mjs']);
if (built) {
  // Every internal link and #anchor of the built site resolves; other sites are not fetched
  // (the site must work offline, and the checks must not depend on another host).
  check('Links and anchors (linkinator over dist/)', 'linkinator', [
    'dist',
    '--recurse',
    '--check-fragments',
    '--skip',
    '^(https?://(?!localhost)|mailto:)',
  ]);
  const playwrightReport = join(artifacts, 'results', 'playwright.json');
  suite(
    'End-to-end tests (playwright, Chromium)',
    'playwright',
    ['test'],
    playwrightReport,
    (r) => ({
      passed: r.stats?.expected ?? 0,
      failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0),
    }),
  );
} else {
  failed += 1;
  summary.push('✗ End-to-end tests: skipped because the build failed');
}

banner('Summary');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
