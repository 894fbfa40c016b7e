/**
 * The one-file command line (`dist/cli/lockstep.mjs`), bundled here as `npm run build` bundles it
 * and run the way a team's CI runs it: on the system's Node 20 (`/usr/bin/node`, with nothing
 * installed beside the file) and on the project's Node. For each case it must print what the npm
 * scripts print and exit as they do. Wall-clock times are the one thing allowed to differ.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'lockstep-cli-'));
/** Outside the project, so the bundle cannot lean on `node_modules` by accident. */
const bundle = join(work, 'cli', 'lockstep.mjs');
const SYSTEM_NODE = '/usr/bin/node';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawn(node: string, args: readonly string[], cwd: string): Run {
  const r = spawnSync(node, args, { encoding: 'utf8', cwd, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The npm scripts' own entry points, on the project's Node (what `npm run --silent X` runs). */
function typescript(command: 'simulate' | 'check', ...args: string[]): Run {
  return spawn(
    process.execPath,
    [join(root, 'simulations', 'cli', `${command}.ts`), ...args],
    root,
  );
}

/** The bundle, run from an empty folder: it must need nothing beside itself. */
function oneFile(node: string, ...args: string[]): Run {
  return spawn(node, [bundle, ...args], work);
}

/** Wall-clock times differ from run to run; everything else must be byte for byte the same. */
function withoutWallClock(text: string): string {
  return text
    .replace(/events in [\d.,]+ (ms|s)/g, 'events in T')
    .replace(/check took [\d.,]+ (ms|s)/g, 'check took T')
    .replace(/"wallMs": [\d.e+-]+/g, '"wallMs": T');
}

function same(a: Run, b: Run): void {
  expect(b.status).toBe(a.status);
  expect(withoutWallClock(b.stdout)).toBe(withoutWallClock(a.stdout));
  expect(withoutWallClock(b.stderr)).toBe(withoutWallClock(a.stderr));
}

const badFile = join(work, 'bad.yaml');

beforeAll(() => {
  const built = spawn(
    process.execPath,
    [join(root, 'scripts', 'build-cli.mjs'), '--outDir', work],
    root,
  );
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  writeFileSync(
    badFile,
    'name: bad\nservices:\n  a:\n    operations:\n      op: { work: 5ms }\nendpoints:\n  e: { operation: a.opp }\n',
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const runtimes: { readonly name: string; readonly node: string }[] = [
  { name: 'the project Node', node: process.execPath },
  { name: 'system Node 20', node: SYSTEM_NODE },
];

describe.each(runtimes)('lockstep.mjs on $name', ({ node }) => {
  // A machine without a system Node (a laptop with a version manager) has nothing to test here.
  const missing = !existsSync(node);

  it.skipIf(missing)('runs on a Node 20 or newer', () => {
    const r = spawn(node, ['--version'], work);
    expect(Number(r.stdout.trim().slice(1).split('.')[0])).toBeGreaterThanOrEqual(20);
  });

  it.skipIf(missing)('simulate: the same report as the npm script, as text and as JSON', () => {
    const args = ['distributed-monolith', '--requests', '2000', '--seed', '3'];
    same(typescript('simulate', ...args), oneFile(node, 'simulate', ...args));
    const json = oneFile(node, 'simulate', ...args, '--json');
    same(typescript('simulate', ...args, '--json'), json);
    expect(JSON.parse(json.stdout).requests).toBe(2000);
  });

  it.skipIf(missing)('check --fail-on bad on a preset that fails: exit 1, same output', () => {
    const args = ['distributed-monolith', '--fail-on', 'bad', '--requests', '500'];
    const ts = typescript('check', ...args);
    expect(ts.status).toBe(1);
    const bundled = oneFile(node, 'check', ...args);
    same(ts, bundled);
    expect(bundled.stdout).toMatch(/scorecard/i);
    expect(bundled.stderr).toMatch(/at or above bad/);
  });

  it.skipIf(missing)('a bad file: exit 2, nothing on stdout, the same located message', () => {
    for (const command of ['simulate', 'check'] as const) {
      const ts = typescript(command, badFile);
      const bundled = oneFile(node, command, badFile);
      same(ts, bundled);
      expect(bundled.status).toBe(2);
      expect(bundled.stdout).toBe('');
      expect(bundled.stderr).toMatch(/bad\.yaml:7:\d+: .*did you mean "a\.op"/);
    }
    const nowhere = oneFile(node, 'check', 'no/such/file.yaml');
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toBe('no/such/file.yaml: no such file\n');
  });

  it.skipIf(missing)(
    '--help: each command as the npm script prints it; the tool lists both',
    () => {
      for (const command of ['simulate', 'check'] as const) {
        const bundled = oneFile(node, command, '--help');
        same(typescript(command, '--help'), bundled);
        expect(bundled.status).toBe(0);
        expect(bundled.stdout).toMatch(/^usage: /);
        expect(bundled.stdout).toContain(`node lockstep.mjs ${command}`);
      }
      const help = oneFile(node, '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/node lockstep\.mjs simulate/);
      expect(help.stdout).toMatch(/node lockstep\.mjs check/);
      const unknown = oneFile(node, 'simulat', 'monolith');
      expect(unknown.status).toBe(2);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/unknown command "simulat"; expected simulate or check/);
    },
  );
});
