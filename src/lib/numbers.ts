/**
 * Numbers about a simulation, computed by the engine when the site is built (the `<Num>`
 * component). A run is named by its source (a preset or a shop description), the settings applied
 * to it, its seed and its request count; identical runs share one promise for the whole build, so a
 * page quoting ten numbers from one run simulates it once.
 *
 * Runs in Node during `astro build` and in vitest; nothing here reaches the browser.
 */
import { check } from '../../simulations/analyses/check.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { isPresetName, loadPreset, unknownPresetMessage } from '../../simulations/presets/index.ts';
import { type ShopOptions, shopYaml } from '../../simulations/presets/shop/index.ts';
import { applyControls, type ControlSetting } from '../../simulations/scenarios/controls.ts';
import { simulateWithAnalyses } from '../../simulations/withAnalyses.ts';

/** Where the numbers come from: the simulation report with its analyses, or the `check` result. */
export type NumMode = 'report' | 'check';

export type NumFormat = 'ms' | 'percent' | 'count' | 'number' | 'rate';

export interface NumRun {
  /** A preset name, or a shop description for `shopYaml`; exactly one of the two. */
  readonly preset?: string | undefined;
  readonly shop?: ShopOptions | undefined;
  readonly settings?: readonly ControlSetting[] | undefined;
  readonly seed?: number | undefined;
  /** User requests per run (default: the document's; for `check`, check's own per-run default). */
  readonly requests?: number | undefined;
  readonly mode: NumMode;
}

/** The model a run starts from, with its settings applied. */
export function runModel(run: NumRun): Model {
  let text: string;
  let file: string;
  if (run.preset !== undefined) {
    if (!isPresetName(run.preset)) throw new Error(unknownPresetMessage(run.preset));
    text = loadPreset(run.preset);
    file = `${run.preset}.yaml`;
  } else if (run.shop !== undefined) {
    text = shopYaml(run.shop);
    file = `shop-${run.shop.cut}.yaml`;
  } else {
    throw new Error('give `preset` or `shop`');
  }
  const parsed = parseTopology(text, { file });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return run.settings && run.settings.length > 0
    ? applyControls(parsed.model, run.settings)
    : parsed.model;
}

/** A stable key for a run: same key, same result (the engine is deterministic per seed). */
export function runKey(run: NumRun): string {
  return JSON.stringify([
    run.mode,
    run.preset ?? null,
    run.shop ?? null,
    run.settings ?? [],
    run.seed ?? 1,
    run.requests ?? null,
  ]);
}

const cache = new Map<string, Promise<unknown>>();
let simulations = 0;

/** How many distinct runs this process has started (for the cache's test). */
export function runsStarted(): number {
  return simulations;
}

/** The result of a run (the report with analyses, or the check result), cached for the build. */
export function runResult(run: NumRun): Promise<unknown> {
  const key = runKey(run);
  const known = cache.get(key);
  if (known) return known;
  const seed = run.seed ?? 1;
  const started = (async (): Promise<unknown> => {
    const model = runModel(run);
    simulations += 1;
    if (run.mode === 'check') {
      return check(model, {
        seed,
        ...(run.requests === undefined ? {} : { requests: run.requests }),
      });
    }
    return simulateWithAnalyses(model, {
      seed,
      ...(run.requests === undefined ? {} : { requests: run.requests }),
    });
  })();
  cache.set(key, started);
  // A failed run is not kept, so the error is reported by every page that asks.
  started.catch(() => cache.delete(key));
  return started;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The steps of a path: dotted (`endpoints.browse.latencyMs.p50`), with keys that hold dots in
 * brackets (`sideEffects.byOperation[payments.charge].duplicates`).
 */
export function pathParts(path: string): string[] {
  return [...path.matchAll(/\[([^\]]+)\]|[^.[\]]+/g)].map((m) => m[1] ?? m[0]);
}

/**
 * The number at a path (see `pathParts`), or a message that says which step of the path is
 * missing and what is there instead.
 */
export function pick(
  root: unknown,
  path: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const parts = pathParts(path);
  let here: unknown = root;
  const walked: string[] = [];
  for (const part of parts) {
    if (!isRecord(here) || !Object.hasOwn(here, part)) {
      const keys = isRecord(here) ? Object.keys(here) : [];
      const where = walked.length > 0 ? walked.join('.') : 'the result';
      const offer =
        keys.length > 0
          ? `; ${where} has ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}`
          : `; ${where} is ${JSON.stringify(here)}`;
      return { ok: false, message: `no "${part}" in ${where}${offer}` };
    }
    here = here[part];
    walked.push(part);
  }
  if (typeof here !== 'number' || !Number.isFinite(here)) {
    const shown = isRecord(here) ? `an object with ${Object.keys(here).join(', ')}` : String(here);
    return { ok: false, message: `${path} is not a number but ${shown}` };
  }
  return { ok: true, value: here };
}

const NBSP = '\u00a0';

/** Thousands separated; `fixed` keeps trailing zeros (explicit `digits`), otherwise they go. */
function grouped(value: number, digits: number, fixed = false): string {
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: fixed ? digits : 0,
    maximumFractionDigits: digits,
  });
}

/** Decimals that show a value with about three significant figures, at most `cap`. */
function naturalDigits(value: number, cap = 2): number {
  const size = Math.abs(value);
  if (size === 0 || size >= 100) return 0;
  if (size >= 10) return Math.min(1, cap);
  return cap;
}

/**
 * A share as a percentage: one decimal, two from 99% up (availability lives there), and more
 * when needed to tell it from 0% and 100% (99.996%, not 100%; 0.04%, not 0%).
 */
function percentDigits(share: number): number {
  let digits = share >= 0.99 && share < 1 ? 2 : 1;
  while (digits < 4) {
    const shown = Number((share * 100).toFixed(digits));
    const clipped = (shown >= 100 && share < 1) || (shown <= 0 && share > 0);
    if (!clipped) break;
    digits += 1;
  }
  return digits;
}

/** The number as prose shows it: `42 ms`, `99.7%`, `1,200`, `0.35`, `1,950 req/s`. */
export function formatNum(value: number, format: NumFormat, digits?: number): string {
  const fixed = digits !== undefined;
  switch (format) {
    case 'ms':
      return `${grouped(value, digits ?? (Math.abs(value) < 10 ? 1 : 0), fixed)}${NBSP}ms`;
    case 'percent':
      return `${grouped(value * 100, digits ?? percentDigits(value), fixed)}%`;
    case 'count':
      return grouped(value, digits ?? 0, fixed);
    case 'rate':
      return `${grouped(value, digits ?? (Math.abs(value) < 10 ? 1 : 0), fixed)}${NBSP}req/s`;
    case 'number':
      return grouped(value, digits ?? naturalDigits(value), fixed);
  }
}
