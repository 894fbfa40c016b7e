/**
 * Whole-process rows of `npm run bench`: what a team's CI pays for one `simulate` run of the
 * one-file command line (`node lockstep.mjs simulate …`: start Node, load the bundle, parse the
 * document, simulate, analyse, print) against a whole SimPy process on the same M/M/1 model
 * (start Python, import SimPy, simulate, print). Wall times are taken from outside the process,
 * runs alternate between the two so a busy moment on the machine hits both, and medians are kept.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MM1_DOCUMENT, mm1Document, SMALL_REQUESTS } from './mm1.ts';

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

/**
 * Where the bench keeps its bundle and documents (the M/M/1 at 200,000 requests, and the small
 * one of the start rows); fresh per run of the bench.
 */
export function benchFolder(): { dir: string; bundle: string; document: string; small: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const document = join(dir, 'mm1.yaml');
  writeFileSync(document, MM1_DOCUMENT);
  const small = join(dir, 'small.yaml');
  writeFileSync(small, mm1Document(SMALL_REQUESTS));
  return { dir, bundle: join(dir, 'cli', 'lockstep.mjs'), document, small };
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

/**
 * Wall time of one whole `node ARGS` process (`lockstep.mjs …`, or `-e 0` for Node's own start),
 * timed from outside, with nothing preloaded: what a CI step waits for. Throws unless it exits 0.
 */
export function startRun(node: string, args: readonly string[]): number {
  const started = performance.now();
  const r = spawnSync(node, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return wallMs;
}

/**
 * Node binaries for the start rows: the one running the bench, and the system's own when it is a
 * different release (a team's CI is as likely to have Node 20 as the project's Node 24), each
 * with its version.
 */
export function nodesToStart(): { path: string; version: string }[] {
  const version = (node: string) =>
    spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const nodes = [{ path: process.execPath, version: process.version }];
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const v = version(candidate);
    if (v !== '' && nodes.every((n) => n.version !== v))
      nodes.push({ path: candidate, version: v });
  }
  return nodes;
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
export function medianRun<T extends { readonly wallMs: number }>(runs: readonly T[]): T {
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
