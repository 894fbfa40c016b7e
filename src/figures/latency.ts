/**
 * Latency distribution as a CDF: for each architecture (or scenario), the share of successful
 * requests answered within x ms, with p50, p95 and p99 marked. A CDF keeps several series
 * legible on one chart where overlapping histograms would not; the log scale shows the tail.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import { batchNoise, type Noise } from '../../simulations/scenarios/noise.ts';
import { formatMs } from './format.ts';
import { seriesColour } from './palette.ts';

export interface LabelledReport {
  readonly label: string;
  readonly report: Report;
  /** Standard errors of p50 and p99; default: the report's batch means. */
  readonly noise?: Noise | undefined;
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

interface Whisker {
  readonly label: string;
  readonly share: number;
  readonly low: number;
  readonly high: number;
}

/** ± one standard error around each series' p50 and p99, where the noise is known. */
export function noiseWhiskers(series: readonly LabelledReport[]): Whisker[] {
  return series.flatMap(({ label, report, noise }) => {
    const se = noise ?? batchNoise(report)?.overall;
    if (!se) return [];
    const l = report.overall.latencyMs;
    return [
      { label, share: 0.5, low: l.p50 - se.p50, high: l.p50 + se.p50 },
      { label, share: 0.99, low: l.p99 - se.p99, high: l.p99 + se.p99 },
    ].filter((w) => w.low > 0 && w.high > w.low);
  });
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
      // With several series, the noise of each p50 and p99: a difference inside it may be luck.
      Plot.ruleY(series.length > 1 ? noiseWhiskers(series) : [], {
        y: 'share',
        x1: 'low',
        x2: 'high',
        stroke: 'label',
        strokeWidth: 7,
        strokeOpacity: 0.45,
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
