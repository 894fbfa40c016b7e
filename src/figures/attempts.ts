/**
 * Retry amplification: attempts each service received, split into first attempts and retries.
 * With naive retries in layers the bottom service's bar grows as (r+1)^depth; a budget or a
 * breaker keeps it near the first attempts.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import { OUTCOME_COLOURS } from './palette.ts';

interface Bar {
  readonly service: string;
  readonly kind: 'first attempts' | 'retries';
  readonly count: number;
}

export function attemptBars(report: Report): Bar[] {
  return Object.entries(report.services).flatMap(([service, s]) => [
    { service, kind: 'first attempts' as const, count: s.attempts - s.retries },
    { service, kind: 'retries' as const, count: s.retries },
  ]);
}

export function attemptsPlot(
  report: Report,
  { width = 640 }: { width?: number } = {},
): Plot.PlotOptions {
  const bars = attemptBars(report);
  const services = Object.keys(report.services);
  const perRequest = (n: number) => (report.requests > 0 ? n / report.requests : 0);
  return {
    width,
    height: 48 + services.length * 34,
    marginLeft: 130,
    marginRight: 80,
    marginBottom: 44,
    style: { fontSize: '14px', background: 'transparent', color: 'currentColor' },
    x: { label: 'Attempts per user request →', grid: true },
    y: { domain: services, label: null },
    color: {
      domain: ['first attempts', 'retries'],
      range: [OUTCOME_COLOURS.succeeded, OUTCOME_COLOURS.failed],
      legend: true,
    },
    marks: [
      Plot.barX(bars, { x: (b: Bar) => perRequest(b.count), y: 'service', fill: 'kind' }),
      Plot.text(services, {
        x: (s: string) => perRequest(report.services[s]?.attempts ?? 0),
        y: (s: string) => s,
        text: (s: string) => `${perRequest(report.services[s]?.attempts ?? 0).toFixed(2)}×`,
        dx: 6,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  };
}
