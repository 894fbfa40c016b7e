/**
 * `npm run bench`: the engine's speed and memory, against SimPy 3 on the same model.
 *
 * Rows: M/M/1 at ρ = 0.5 with 200,000 requests in our engine and in SimPy (same run, ratio of
 * wall times); M/M/1 with 1,000,000 requests (target ≥ 1,000,000 requests/s of wall time, heap
 * < 100 MB); each preset at 100,000 requests (target < 1 s); the microservices preset again with
 * request traces (`traces: true` replays the run to record them: target under 2.5× the plain
 * row); then whole processes (`wholeProcess.ts`): the one-file `lockstep.mjs simulate` against a
 * SimPy process at 200,000 requests (alternating, medians), and the one-file process's peak RSS
 * at 1,000,000 requests (target ≤ 100 MB). Each in-process row runs in its own
 * `node --expose-gc` process so its memory peak is its own. Each row runs `REPEATS` times and
 * keeps the fastest (the run least disturbed by other work on the machine), SimPy's too. Times
 * are of a first run in a fresh process, so they include the JIT's warm-up; `warm ms` is a second
 * run in the same process. Prints a table and writes `artifacts/bench.json`. Not a test: numbers
 * depend on the machine and on what else it is doing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shopPresetNames } from '../presets/index.ts';
import {
  benchFolder,
  buildBundle,
  compareProcesses,
  medianRun,
  oneFileRun,
  simpyRun,
} from './wholeProcess.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PYTHON = '/usr/bin/python3';
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
/** Alternating pairs of whole processes (one-file CLI, SimPy) whose medians the rows keep. */
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 5);

interface Measurement {
  wallMs: number;
  warmWallMs?: number;
  requests: number;
  meanMs: number;
  p99Ms: number;
  heapPeakMB?: number;
  rssPeakMB?: number;
  peakRssMB?: number;
}

interface Row {
  row: string;
  engine: 'lockstep' | 'simpy';
  requests: number;
  wallMs: number;
  warmWallMs: number | null;
  requestsPerSecond: number;
  meanMs: number;
  p99Ms: number;
  heapPeakMB: number | null;
  rssPeakMB: number;
  target: string;
  met: boolean | null;
}

/** The fastest of `REPEATS` measurements. */
function best(measure: () => Measurement): Measurement {
  let fastest = measure();
  for (let i = 1; i < REPEATS; i++) {
    const m = measure();
    if (m.wallMs < fastest.wallMs) fastest = m;
  }
  return fastest;
}

function ours(kind: string, requests: number, traced = false): Measurement {
  return best(() => oursOnce(kind, requests, traced));
}

function oursOnce(kind: string, requests: number, traced: boolean): Measurement {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', join(here, 'row.ts'), kind, String(requests), traced ? 'traced' : ''],
    { encoding: 'utf8', cwd: root },
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Measurement;
}

/** True when SimPy 3 imports; installs Debian's package when missing and running as root. */
function ensureSimpy(): boolean {
  const has = () => spawnSync(PYTHON, ['-c', 'import simpy'], { stdio: 'ignore' }).status === 0;
  if (has()) return true;
  if (process.getuid?.() !== 0) {
    console.warn('SimPy is missing and this is not root: skipping the SimPy row.');
    return false;
  }
  console.warn('SimPy is missing: apt-get install -y python3-simpy3 …');
  const install = () =>
    spawnSync('apt-get', ['install', '-y', 'python3-simpy3'], { stdio: 'ignore' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    install();
  }
  if (has()) return true;
  console.warn('Could not install python3-simpy3: skipping the SimPy row.');
  return false;
}

function simpy(requests: number): Measurement {
  return best(() => simpyOnce(requests));
}

function simpyOnce(requests: number): Measurement {
  const out = execFileSync(PYTHON, [join(here, 'mm1_simpy.py'), String(requests), '1'], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim()) as Measurement;
}

function row(
  name: string,
  engine: Row['engine'],
  m: Measurement,
  target: string,
  met: boolean | null,
): Row {
  return {
    row: name,
    engine,
    requests: m.requests,
    wallMs: round(m.wallMs),
    warmWallMs: m.warmWallMs === undefined ? null : round(m.warmWallMs),
    requestsPerSecond: Math.round((m.requests / m.wallMs) * 1000),
    meanMs: round(m.meanMs),
    p99Ms: round(m.p99Ms),
    heapPeakMB: m.heapPeakMB === undefined ? null : round(m.heapPeakMB),
    rssPeakMB: round(m.rssPeakMB ?? m.peakRssMB ?? 0),
    target,
    met,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

const rows: Row[] = [];
const mm1 = ours('mm1', 200_000);
let ratio: number | null = null;
let simpyMs = 0;
if (ensureSimpy()) {
  const sp = simpy(200_000);
  simpyMs = sp.wallMs;
  ratio = sp.wallMs / mm1.wallMs;
  rows.push(row('M/M/1 ρ=0.5, 200k', 'lockstep', mm1, '≥ 10× SimPy (aim 20×)', ratio >= 10));
  rows.push(row('M/M/1 ρ=0.5, 200k', 'simpy', sp, '', null));
} else {
  rows.push(row('M/M/1 ρ=0.5, 200k', 'lockstep', mm1, '≥ 10× SimPy (skipped)', null));
}
const big = ours('mm1', 1_000_000);
rows.push(
  row(
    'M/M/1 ρ=0.5, 1M',
    'lockstep',
    big,
    '≥ 1M req/s, heap < 100 MB',
    (big.requests / big.wallMs) * 1000 >= 1_000_000 && (big.heapPeakMB ?? 0) < 100,
  ),
);
const presetMs = new Map<string, number>();
for (const preset of shopPresetNames) {
  const m = ours(preset, 100_000);
  presetMs.set(preset, m.wallMs);
  rows.push(row(`${preset}, 100k`, 'lockstep', m, '< 1 s', m.wallMs < 1000));
}
// Traces cost a second pass; the plain runs above never pay for them.
const traced = ours('microservices', 100_000, true);
const tracedRatio = traced.wallMs / (presetMs.get('microservices') ?? traced.wallMs);
rows.push(
  row(
    `microservices, 100k, traced (${tracedRatio.toFixed(2)}×)`,
    'lockstep',
    traced,
    '< 2.5× untraced',
    tracedRatio < 2.5,
  ),
);

// Whole processes, as a team's CI runs them: `node lockstep.mjs simulate` (the bundle, built here
// as `npm run build` builds it) against a whole SimPy process, then the bundle's peak memory at
// 1,000,000 requests. These rows add to the ones above; they change none of them.
const folder = benchFolder();
buildBundle(root, folder.dir);
const preload = join(here, 'maxRss.mjs');
const oneFile = (requests: number) => () =>
  oneFileRun(process.execPath, folder.bundle, folder.document, requests, preload);
let processRatio: number | null = null;
if (ratio !== null) {
  const pair = compareProcesses(PROCESS_RUNS, oneFile(200_000), () =>
    simpyRun(PYTHON, join(here, 'mm1_simpy.py'), 200_000),
  );
  processRatio = pair.simpy.wallMs / pair.ours.wallMs;
  rows.push(
    row(
      `whole process: lockstep.mjs simulate vs SimPy, M/M/1 ρ=0.5, 200k (${processRatio.toFixed(1)}×)`,
      'lockstep',
      pair.ours,
      `median of ${PROCESS_RUNS}, alternating`,
      null,
    ),
  );
  rows.push(row('whole process: python3 mm1_simpy.py, 200k', 'simpy', pair.simpy, '', null));
} else {
  rows.push(
    row(
      'whole process: lockstep.mjs simulate, M/M/1 ρ=0.5, 200k',
      'lockstep',
      medianRun(Array.from({ length: PROCESS_RUNS }, oneFile(200_000))),
      `median of ${PROCESS_RUNS} (SimPy skipped)`,
      null,
    ),
  );
}
const bigProcess = medianRun(Array.from({ length: REPEATS }, oneFile(1_000_000)));
rows.push(
  row(
    'whole process: lockstep.mjs simulate, M/M/1 1M',
    'lockstep',
    bigProcess,
    'peak RSS ≤ 100 MB',
    (bigProcess.peakRssMB ?? 0) <= 100,
  ),
);
rmSync(folder.dir, { recursive: true, force: true });

const header = [
  'row',
  'engine',
  'wall ms',
  'warm ms',
  'req/s',
  'mean ms',
  'heap MB',
  'RSS MB',
  'target',
  'met',
];
const cells = rows.map((r) => [
  r.row,
  r.engine,
  r.wallMs.toFixed(1),
  r.warmWallMs === null ? '-' : r.warmWallMs.toFixed(1),
  r.requestsPerSecond.toLocaleString('en-US'),
  r.meanMs.toFixed(3),
  r.heapPeakMB === null ? '-' : r.heapPeakMB.toFixed(1),
  r.rssPeakMB.toFixed(1),
  r.target,
  r.met === null ? '' : r.met ? 'yes' : 'NO',
]);
const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
const left = new Set([0, 1, 8, 9]);
const line = (r: string[]) =>
  r.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
console.log(line(header).trimEnd());
for (const r of cells) console.log(line(r).trimEnd());
if (ratio !== null) {
  const warm =
    mm1.warmWallMs === undefined ? '' : `; ${(simpyMs / mm1.warmWallMs).toFixed(1)}× warm`;
  console.log(`\nLockstep is ${ratio.toFixed(1)}× SimPy on M/M/1, 200,000 requests (cold${warm}).`);
}
if (processRatio !== null) {
  console.log(
    `As whole processes (start, load, simulate, print), lockstep.mjs is ${processRatio.toFixed(1)}× a SimPy process.`,
  );
}
console.log(
  `Fastest of ${REPEATS} runs per row (whole-process rows: medians); load average ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs.`,
);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  loadAverage: loadavg()[0],
  repeats: REPEATS,
  simpyRatio: ratio === null ? null : round(ratio),
  simpyRatioWarm:
    ratio === null || mm1.warmWallMs === undefined ? null : round(simpyMs / mm1.warmWallMs),
  simpyRatioWholeProcess: processRatio === null ? null : round(processRatio),
  rows,
};
mkdirSync(join(root, 'artifacts'), { recursive: true });
writeFileSync(join(root, 'artifacts', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote artifacts/bench.json');
