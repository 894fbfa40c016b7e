/** The `simulate` command, run as a user runs it: exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'simulate.ts');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('simulate command', () => {
  it('--json prints one JSON report and nothing else', () => {
    const r = run('monolith', '--requests', '2000', '--seed', '3', '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.requests).toBe(2000);
    expect(report.seed).toBe(3);
    expect(report.endpoints.checkout.requests).toBeGreaterThan(0);
  });

  it('prints a table that fits 100 columns', () => {
    const r = run('distributed-monolith', '--requests=2000');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/overall/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('with faults, shows a compact timeline, fault rows marked; a line per breaker', () => {
    const r = run('retry-storm');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    const rows = lines.filter((l) => /^[ *]\d+(\.\d)?–\d+(\.\d)? s /.test(l));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(20);
    expect(rows.some((l) => l.startsWith('*'))).toBe(true);
    // No breakers in the preset itself, so no breaker lines.
    expect(r.stdout).not.toMatch(/^breaker/m);
  });

  it('an invalid document: exit 2, nothing on stdout, located messages on stderr', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockstep-')), 'bad.yaml');
    writeFileSync(
      file,
      'name: bad\nservices:\n  a:\n    operations:\n      op: { work: 5ms }\nendpoints:\n  e: { operation: a.opp }\n',
    );
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replaceAll('.', '\\.')}:7:\\d+: .*did you mean "a\\.op"`, 'm'),
    );
  });

  it('bad flags and unknown presets: exit 2 with a message', () => {
    const flag = run('monolith', '--requests', 'lots');
    expect(flag.status).toBe(2);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toMatch(/--requests: found "lots"; expected an integer/);
    expect(flag.stderr).toMatch(/^usage:/m);
    const preset = run('monolit');
    expect(preset.status).toBe(2);
    expect(preset.stderr).toMatch(/did you mean "monolith"/);
  });
});
