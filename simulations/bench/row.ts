/**
 * One bench row in a fresh process (`node --expose-gc simulations/bench/row.ts KIND N`), so its
 * memory is its own: KIND is `mm1` (the one-service M/M/1 document at ρ = 0.5) or a preset name.
 * Prints one JSON line: wall time of a first (cold: the JIT still compiling) and a second (warm)
 * run, requests, mean latency, and peak heap and RSS of the first run, sampled between slices of
 * 50,000 events. A third argument `traced` asks for request traces (`simulate`'s `traces`).
 */
import { parseTopology } from '../model/parse.ts';
import { loadPreset } from '../presets/index.ts';
import { simulateSync } from '../simulate.ts';
import { MM1_DOCUMENT } from './mm1.ts';

const [kind = 'mm1', requestsArg = '200000', tracedArg = ''] = process.argv.slice(2);
const traces = tracedArg === 'traced';
const text = kind === 'mm1' ? MM1_DOCUMENT : loadPreset(kind);
const parsed = parseTopology(text, { file: kind });
if (!parsed.ok) throw new Error(`bench document ${kind} is invalid`);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const base = process.memoryUsage();
let heapPeak = base.heapUsed;
let rssPeak = base.rss;
const sample = () => {
  const m = process.memoryUsage();
  if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  if (m.rss > rssPeak) rssPeak = m.rss;
};
const started = performance.now();
const report = simulateSync(parsed.model, {
  requests: Number(requestsArg),
  sliceEvents: 50_000,
  onProgress: sample,
  traces,
});
const wallMs = performance.now() - started;
sample();
// No forced collection here: `gc()` let V8 throw away the code it had just optimised
// (`--trace-opt`: every function of the hot path compiled again in the second run), so a
// "warm" run after it measured the JIT's warm-up a second time and was slower than the first.
const warmStarted = performance.now();
simulateSync(parsed.model, { requests: Number(requestsArg), traces });
const warmWallMs = performance.now() - warmStarted;
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    wallMs,
    warmWallMs,
    requests: report.requests,
    events: report.eventCount,
    meanMs: report.overall.latencyMs.mean,
    p99Ms: report.overall.latencyMs.p99,
    heapPeakMB: heapPeak / MB,
    rssPeakMB: rssPeak / MB,
  }),
);
