/**
 * Latency distribution as a CDF: for each architecture (or scenario), the share of successful
 * requests answered within x ms, with p50, p95 and p99 marked. A CDF keeps several series
 * legible on one chart where overlapping histograms would not; the log scale shows the tail.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import { formatMs } from './format.ts';
import { seriesColour } from './palette.ts';

export interface LabelledReport {
  readonly label: string;
  readonly report: Report;
}

export interface LatencyOptions {
  /** Logarithmic time axis (default true: tails are the story). */
  readonly log?: boolean;
  readonly width?: number;
  readonly height?: number;
}

interface CdfPoint {
  readonly label: string;
  readonly ms: number;
  readonly share: number;
}

interface Marker {
  readonly label: string;
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Points of each series' CDF, from the quantiles the engine reported. */
export function cdfPoints(series: readonly LabelledReport[]): CdfPoint[] {
  const points: CdfPoint[] = [];
  for (const { label, report } of series) {
    const cdf = report.overall.latencyCdf;
    if (!cdf) continue;
    cdf.levels.forEach((share, i) => {
      const ms = cdf.values[i];
      if (ms !== undefined && ms > 0) points.push({ label, ms, share });
    });
  }
  return points;
}

function markers(series: readonly LabelledReport[]): Marker[] {
  return series.flatMap(({ label, report }) => {
    const l = report.overall.latencyMs;
    return [
      { label, name: 'p50', ms: l.p50, share: 0.5 },
      { label, name: 'p95', ms: l.p95, share: 0.95 },
      { label, name: 'p99', ms: l.p99, share: 0.99 },
    ].filter((m) => m.ms > 0);
  });
}

/** Plot options for the latency CDF of one or more reports. */
export function latencyPlot(
  series: readonly LabelledReport[],
  { log = true, width = 640, height = 320 }: LatencyOptions = {},
): Plot.PlotOptions {
  const labels = series.map((s) => s.label);
  const marks = markers(series);
  return {
    width,
    height,
    marginLeft: 48,
    marginRight: 24,
    marginBottom: 44,
    style: { fontSize: '14px', background: 'transparent', color: 'currentColor' },
    x: { type: log ? 'log' : 'linear', label: 'Latency (ms) →', grid: true, nice: true },
    y: { domain: [0, 1], label: '↑ Share of successful requests', tickFormat: '%', grid: true },
    color: { domain: labels, range: labels.map(seriesColour), legend: labels.length > 1 },
    marks: [
      Plot.line(cdfPoints(series), {
        x: 'ms',
        y: 'share',
        stroke: 'label',
        strokeWidth: 2.5,
        curve: 'step-after',
      }),
      Plot.dot(marks, { x: 'ms', y: 'share', fill: 'label', r: 4.5, stroke: 'var(--bg, white)' }),
      // With several series the comparison table carries the numbers; labels would collide.
      Plot.text(series.length === 1 ? marks : [], {
        x: 'ms',
        y: 'share',
        text: (d: Marker) => `${d.name} ${formatMs(d.ms)}`,
        dx: 8,
        textAnchor: 'start',
        fill: 'currentColor',
        fontSize: 12,
      }),
    ],
  };
}
