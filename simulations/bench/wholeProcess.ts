/**
 * Whole-process rows of `npm run bench`: what a team's CI pays for one `simulate` run of the
 * one-file command line (`node lockstep.mjs simulate …`: start Node, load the bundle, parse the
 * document, simulate, analyse, print) against a whole SimPy process on the same M/M/1 model
 * (start Python, import SimPy, simulate, print). Wall times are taken from outside the process,
 * runs alternate between the two so a busy moment on the machine hits both, and medians are kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MM1_DOCUMENT } from './mm1.ts';

export interface ProcessRun {
  readonly wallMs: number;
  readonly requests: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  /** Peak resident memory of the whole process, from the kernel (`ru_maxrss`). */
  readonly peakRssMB: number;
}

export interface ProcessComparison {
  readonly ours: ProcessRun;
  readonly simpy: ProcessRun;
  /** Median wall times of each side, over `runs` alternating runs. */
  readonly runs: number;
}

/** Where the bench keeps its bundle and document; fresh per run of the bench. */
export function benchFolder(): { dir: string; bundle: string; document: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const document = join(dir, 'mm1.yaml');
  writeFileSync(document, MM1_DOCUMENT);
  return { dir, bundle: join(dir, 'cli', 'lockstep.mjs'), document };
}

/** Bundles the command line exactly as `npm run build` does, into `outDir/cli/lockstep.mjs`. */
export function buildBundle(root: string, outDir: string): void {
  const r = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'build-cli.mjs'), '--outDir', outDir],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`could not bundle the command line:\n${r.stderr}`);
}

const MB_PER_KB = 1 / 1024;

/** One `node lockstep.mjs simulate DOCUMENT --requests N --json` process, timed from outside. */
export function oneFileRun(
  node: string,
  bundle: string,
  document: string,
  requests: number,
  preload: string,
): ProcessRun {
  const started = performance.now();
  const r = spawnSync(
    node,
    ['--import', preload, bundle, 'simulate', document, '--requests', String(requests), '--json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`lockstep.mjs simulate exited ${r.status}:\n${r.stderr}`);
  const report = JSON.parse(r.stdout) as {
    requests: number;
    overall: { latencyMs: { mean: number; p99: number } };
  };
  const rss = /lockstep-bench-max-rss-kb (\d+)/.exec(r.stderr);
  if (rss === null) throw new Error('lockstep.mjs simulate did not report its peak memory');
  return {
    wallMs,
    requests: report.requests,
    meanMs: report.overall.latencyMs.mean,
    p99Ms: report.overall.latencyMs.p99,
    peakRssMB: Number(rss[1]) * MB_PER_KB,
  };
}

/** One whole SimPy process (`python3 mm1_simpy.py N 1`), timed from outside. */
export function simpyRun(python: string, script: string, requests: number): ProcessRun {
  const started = performance.now();
  const r = spawnSync(python, [script, String(requests), '1'], { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`SimPy exited ${r.status}:\n${r.stderr}`);
  const m = JSON.parse(r.stdout.trim()) as {
    requests: number;
    meanMs: number;
    p99Ms: number;
    peakRssMB: number;
  };
  return { wallMs, requests: m.requests, meanMs: m.meanMs, p99Ms: m.p99Ms, peakRssMB: m.peakRssMB };
}

/** The run whose wall time is the median (the upper one of an even count). */
export function medianRun(runs: readonly ProcessRun[]): ProcessRun {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs to take a median of');
  return middle;
}

/** `runs` alternating pairs, ours first in even pairs and SimPy first in odd ones. */
export function compareProcesses(
  runs: number,
  ours: () => ProcessRun,
  simpy: () => ProcessRun,
): ProcessComparison {
  const a: ProcessRun[] = [];
  const b: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(ours());
      b.push(simpy());
    } else {
      b.push(simpy());
      a.push(ours());
    }
  }
  return { ours: medianRun(a), simpy: medianRun(b), runs };
}
