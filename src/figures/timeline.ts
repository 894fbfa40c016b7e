/**
 * Load, failures and recovery over simulated time, from the report's `timeline`: stacked
 * succeeded/failed requests per bucket above, p99 latency below, fault windows shaded on both.
 */
import * as Plot from '@observablehq/plot';
import type { Fault } from '../../simulations/model/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import { formatMs } from './format.ts';
import { OUTCOME_COLOURS } from './palette.ts';

interface Stack {
  readonly s: number;
  readonly outcome: 'succeeded' | 'failed';
  readonly count: number;
}

export function timelineStacks(report: Report): Stack[] {
  return (report.timeline ?? []).flatMap((b) => [
    { s: b.startMs / 1000, outcome: 'succeeded' as const, count: b.succeeded },
    { s: b.startMs / 1000, outcome: 'failed' as const, count: b.failed },
  ]);
}

function faultWindows(faults: readonly Fault[], endMs: number) {
  return faults.map((f) => ({ from: f.from / 1000, to: Math.min(f.until, endMs) / 1000 }));
}

/** 1, 2, 5 × 10^k ticks covering the positive values. */
export function logTicks(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [];
  const low = Math.min(...positive);
  const high = Math.max(...positive);
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(low)); decade <= high * 10; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = decade * step;
      if (tick >= low / 1.5 && tick <= high * 1.5) ticks.push(tick);
    }
  }
  return ticks;
}

export function timelinePlots(
  report: Report,
  faults: readonly Fault[] = [],
  { width = 640 }: { width?: number } = {},
): Plot.PlotOptions[] {
  const windows = faultWindows(faults, report.simulatedMs);
  const shade = Plot.rectX(windows, {
    x1: 'from',
    x2: 'to',
    fill: 'currentColor',
    fillOpacity: 0.08,
  });
  const common = {
    width,
    marginLeft: 56,
    style: { fontSize: '14px', background: 'transparent', color: 'currentColor' },
  };
  const buckets = report.timeline ?? [];
  return [
    {
      ...common,
      height: 220,
      x: { label: null, grid: true },
      y: { label: '↑ Requests per bucket', grid: true },
      color: {
        domain: ['succeeded', 'failed'],
        range: [OUTCOME_COLOURS.succeeded, OUTCOME_COLOURS.failed],
        legend: true,
      },
      marks: [
        shade,
        Plot.areaY(timelineStacks(report), {
          x: 's',
          y: 'count',
          fill: 'outcome',
          curve: 'step-after',
        }),
        Plot.ruleY([0]),
      ],
    },
    {
      ...common,
      height: 160,
      x: { label: 'Simulated time (s) →', grid: true },
      // 1-2-5 ticks: on a short log domain Plot would label only the powers of ten.
      y: {
        label: '↑ p99',
        grid: true,
        type: 'log',
        ticks: logTicks(buckets.map((b) => b.p99)),
        tickFormat: (ms: number) => formatMs(ms),
      },
      marks: [
        shade,
        Plot.line(
          buckets.filter((b) => b.p99 > 0),
          {
            x: (b) => b.startMs / 1000,
            y: 'p99',
            stroke: 'currentColor',
            strokeWidth: 2,
            curve: 'step-after',
          },
        ),
      ],
    },
  ];
}
