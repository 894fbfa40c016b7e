/**
 * One big pool against many small ones: p99 against offered load for one pool of all the cores
 * and for the reader's split, simulated (dots) and from Erlang's M/M/c formula (lines). Loads are
 * fixed shares of the known capacity, so no probe is needed and every configuration is run at the
 * same loads. Numbers come from the reports and `simulations/scenarios/pool.ts`; this module only
 * plans the runs and arranges what they report.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import {
  POOL_CORES,
  POOL_WORK_MS,
  poolCapacity,
  poolLabel,
  poolYaml,
  responseQuantile,
} from '../../simulations/scenarios/pool.ts';
import { formatMs } from './format.ts';
import { SERIES_COLOURS } from './palette.ts';
import { logTicks } from './timeline.ts';

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };

/** Offered loads, as shares of the cores' capacity. */
export const POOL_LOADS = [0.2, 0.4, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95] as const;

/** Ways to split the cores a reader can pick (each divides `POOL_CORES`). */
export const POOL_SPLITS = [2, 4, 8, 16] as const;

/** One run of the plan: a configuration at a load. */
export interface PoolRun {
  readonly pools: number;
  /** Share of capacity offered. */
  readonly utilisation: number;
  /** Requests per second, all pools together. */
  readonly load: number;
  readonly yaml: string;
}

/** The runs for one pool and `split` pools, at every load of `POOL_LOADS`. */
export function poolPlan(split: number): PoolRun[] {
  const capacity = poolCapacity();
  return [1, split].flatMap((pools) =>
    POOL_LOADS.map((utilisation) => {
      const load = Math.round(capacity * utilisation);
      return { pools, utilisation, load, yaml: poolYaml({ pools, rate: load }) };
    }),
  );
}

export interface PoolPoint {
  readonly label: string;
  readonly pools: number;
  readonly utilisation: number;
  readonly load: number;
  /** Simulated p99, ms. */
  readonly p99: number;
  /** Erlang C's p99 for an M/M/c queue with the pool's cores and share of the load, ms. */
  readonly theory: number;
}

/** Erlang C's p99 for `pools` equal pools of the cores at `load` requests per second in all. */
export function theoryP99(pools: number, load: number): number {
  return responseQuantile(POOL_CORES / pools, load / pools / 1000, POOL_WORK_MS, 0.99);
}

/** The points, from the plan and its reports (in the same order). */
export function poolPoints(plan: readonly PoolRun[], reports: readonly Report[]): PoolPoint[] {
  return plan.map((run, i) => ({
    label: poolLabel(run.pools),
    pools: run.pools,
    utilisation: run.utilisation,
    load: run.load,
    p99: reports[i]?.overall.latencyMs.p99 ?? Number.NaN,
    theory: theoryP99(run.pools, run.load),
  }));
}

/** Plot options: theory as lines, simulation as dots, p99 on a log axis against load. */
export function poolPlot(
  points: readonly PoolPoint[],
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const labels = [...new Set(points.map((p) => p.label))];
  const capacity = poolCapacity();
  const theory = labels.flatMap((label) => {
    const pools = points.find((p) => p.label === label)?.pools ?? 1;
    return Array.from({ length: 40 }, (_, i) => {
      const load = capacity * (0.2 + (0.75 * i) / 39);
      return { label, load, ms: theoryP99(pools, load) };
    });
  });
  const values = [...points.map((p) => p.p99), ...theory.map((t) => t.ms)].filter((v) => v > 0);
  const last = labels.map((label) => theory.filter((t) => t.label === label).at(-1));
  return {
    width,
    height: 360,
    marginLeft: 64,
    marginRight: 170,
    marginTop: 20,
    marginBottom: 44,
    style: STYLE,
    x: { domain: [0, capacity], label: 'Offered load (requests per second) →', grid: false },
    y: {
      type: 'log',
      domain: [Math.min(...values) / 1.15, Math.max(...values) * 1.15],
      label: null,
      grid: true,
      ticks: logTicks(values),
      tickFormat: (ms: number) => formatMs(ms),
    },
    color: { domain: labels, range: SERIES_COLOURS.slice(0, labels.length) },
    marks: [
      Plot.ruleX([capacity], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.line(theory, {
        x: 'load',
        y: 'ms',
        z: 'label',
        stroke: 'label',
        strokeWidth: 2,
        strokeDasharray: '6 4',
      }),
      Plot.dot(points, {
        x: 'load',
        y: 'p99',
        fill: 'label',
        r: 6,
        stroke: 'var(--bg, white)',
        strokeWidth: 1.5,
      }),
      Plot.text(
        last.filter((t) => t !== undefined),
        {
          x: 'load',
          y: 'ms',
          text: 'label',
          dx: 10,
          textAnchor: 'start',
          fill: 'label',
          fontWeight: 600,
          fontSize: 15,
        },
      ),
      Plot.text([{ load: capacity }], {
        x: 'load',
        frameAnchor: 'middle',
        rotate: -90,
        dx: 14,
        textAnchor: 'middle',
        text: () => 'all cores busy',
        fill: 'currentColor',
        fontSize: 14,
      }),
    ],
  };
}

/** A table row per configuration at one load: simulated and Erlang C. */
export interface PoolRow {
  readonly label: string;
  readonly simulated: string;
  readonly theory: string;
}

/** The rows at the load nearest `utilisation` (default 80% of capacity). */
export function poolRows(points: readonly PoolPoint[], utilisation = 0.8): PoolRow[] {
  return points
    .filter((p) => Math.abs(p.utilisation - utilisation) < 1e-9)
    .map((p) => ({ label: p.label, simulated: formatMs(p.p99), theory: formatMs(p.theory) }));
}

/** The text alternative and the sentence under the chart. */
export function describePools(points: readonly PoolPoint[], utilisation = 0.8): string {
  const rows = points.filter((p) => Math.abs(p.utilisation - utilisation) < 1e-9);
  const [one, split] = rows;
  if (!one || !split) return '';
  const ratio = split.p99 / one.p99;
  return `At ${Math.round(utilisation * 100)}% of capacity, p99 is ${formatMs(one.p99)} with ${one.label} (Erlang C: ${formatMs(one.theory)}) and ${formatMs(split.p99)} with ${split.label} (Erlang C: ${formatMs(split.theory)}): ${ratio.toFixed(1)} times as long, with the same cores and the same traffic.`;
}
