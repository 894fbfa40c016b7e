/**
 * Availability per endpoint as a dot plot: one row per endpoint, one dot per architecture, so a
 * reader sees which user action a failure takes down. The axis starts at the lowest value shown
 * (not 0), because the interesting differences are between 99% and 100%.
 */
import * as Plot from '@observablehq/plot';
import { formatShare } from './format.ts';
import type { LabelledReport } from './latency.ts';
import { seriesColour } from './palette.ts';

interface Row {
  readonly label: string;
  readonly endpoint: string;
  readonly availability: number;
  readonly requests: number;
}

export function availabilityRows(series: readonly LabelledReport[]): Row[] {
  return series.flatMap(({ label, report }) =>
    Object.entries(report.endpoints).map(([endpoint, e]) => ({
      label,
      endpoint,
      availability: e.availability,
      requests: e.requests,
    })),
  );
}

export function availabilityPlot(
  series: readonly LabelledReport[],
  { width = 640 }: { width?: number } = {},
): Plot.PlotOptions {
  const rows = availabilityRows(series);
  const labels = series.map((s) => s.label);
  const lowest = Math.min(0.99, ...rows.map((r) => r.availability));
  const endpoints = [...new Set(rows.map((r) => r.endpoint))];
  return {
    width,
    height: 48 + endpoints.length * 40,
    marginLeft: 110,
    marginRight: 64,
    marginBottom: 44,
    style: { fontSize: '14px', background: 'transparent', color: 'currentColor' },
    x: {
      domain: [Math.max(0, lowest - 0.002), 1],
      tickFormat: '%',
      label: 'Availability →',
      grid: true,
    },
    y: { domain: endpoints, label: null },
    color: { domain: labels, range: labels.map(seriesColour), legend: labels.length > 1 },
    marks: [
      Plot.ruleY(endpoints, { stroke: 'currentColor', strokeOpacity: 0.15 }),
      Plot.dot(rows, {
        x: 'availability',
        y: 'endpoint',
        fill: 'label',
        r: 7,
        stroke: 'var(--bg, white)',
      }),
      Plot.text(
        rows.filter((r) => labels.length === 1 || r.label === labels[labels.length - 1]),
        {
          x: 'availability',
          y: 'endpoint',
          text: (r: Row) => formatShare(r.availability),
          dx: 12,
          textAnchor: 'start',
          fill: 'currentColor',
        },
      ),
    ],
  };
}
