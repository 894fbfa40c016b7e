/**
 * The report as a table for a terminal, at most 100 columns wide: per-endpoint availability and
 * latency percentiles, the overall line, the busiest services, datastores and events, the
 * timeline when the run has faults (in at most `TIMELINE_ROWS` rows), the breakers, and the
 * scorecard when the analyses ran.
 */

import { compareNames } from '../analyses/compareNames.ts';
import type { Fault } from '../model/types.ts';
import type { LatencyNoise, LatencySummary, Report, TimelineBucket } from '../report/types.ts';

const WIDTH = 100;
/** Most rows of the timeline section: buckets are grouped to fit. */
const TIMELINE_ROWS = 20;

export interface FormatOptions {
  /** The run's faults: when there are any, the timeline is shown, fault windows marked. */
  readonly faults?: readonly Fault[];
}

export function formatReport(report: Report, options: FormatOptions = {}): string {
  const lines: string[] = [];
  const simulated = seconds(report.simulatedMs);
  lines.push(clip(`${report.name}`));
  lines.push(
    clip(
      `${count(report.requests)} requests, seed ${report.seed}, ${simulated} simulated, ` +
        `${count(report.eventCount)} events in ${seconds(report.wallMs)}` +
        (report.partial ? ' (partial: stopped early)' : ''),
    ),
  );
  lines.push('');

  const latencyHeader = ['requests', 'availability', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const latencyRow = (
    requests: number,
    availability: number,
    l: LatencySummary,
    noise: LatencyNoise | null,
  ) => [
    count(requests),
    percent(availability, 3),
    withNoise(l.p50, noise?.p50),
    ms(l.p95),
    withNoise(l.p99, noise?.p99),
    ms(l.max),
  ];
  const endpointRows = Object.entries(report.endpoints).map(([name, e]) => [
    name,
    ...latencyRow(e.requests, e.availability, e.latencyMs, e.noise),
  ]);
  const o = report.overall;
  endpointRows.push(['overall', ...latencyRow(o.requests, o.availability, o.latencyMs, o.noise)]);
  lines.push(...table(['endpoint', ...latencyHeader], endpointRows, endpointRows.length - 1));
  lines.push('± one standard error by batch means: how far the figure would move on another seed');
  if (o.unfinished > 0) {
    lines.push(clip(`${count(o.unfinished)} requests never answered (counted as failed).`));
  }
  lines.push(
    clip(
      `cost: ${o.cores === null ? 'unbounded' : count(o.cores)} cores, ` +
        `${o.coreMsPerRequest.toFixed(2)} CPU-ms per request` +
        (o.networkErrors > 0 ? `; ${count(o.networkErrors)} remote hops lost to the network` : ''),
    ),
  );
  lines.push('');

  // Busiest by whichever of its resources is fuller: threads or cores.
  const busiest = (s: Report['services'][string]) => Math.max(s.utilization, s.cpuUtilization ?? 0);
  const services = Object.entries(report.services).sort(
    ([a, x], [b, y]) => busiest(y) - busiest(x) || compareNames(a, b),
  );
  const shown = services.slice(0, 8);
  lines.push(
    ...table(
      [
        'busiest services',
        'threads',
        'cores',
        'CPU',
        'CPU ms/req',
        'attempts',
        'errors',
        'rejected',
        'timeouts',
      ],
      shown.map(([name, s]) => [
        name,
        percent(s.utilization, 1),
        s.cores === null ? '∞' : count(s.cores),
        s.cpuUtilization === null ? '-' : percent(s.cpuUtilization, 1),
        s.coreMsPerRequest.toFixed(3),
        count(s.attempts),
        count(s.errors),
        count(s.rejected),
        count(s.timeouts),
      ]),
    ),
  );
  if (services.length > shown.length) lines.push(`… and ${services.length - shown.length} more`);

  const datastores = Object.entries(report.datastores);
  if (datastores.length > 0) {
    lines.push('');
    lines.push(
      ...table(
        ['datastore', 'utilisation', 'queries', 'errors', 'rejected', 'timeouts', 'max queue'],
        datastores.map(([name, d]) => [
          name,
          percent(d.utilization, 1),
          count(d.queries),
          count(d.errors),
          count(d.rejected),
          count(d.timeouts),
          count(d.maxQueue),
        ]),
      ),
    );
  }

  const events = Object.entries(report.events);
  if (events.length > 0) {
    lines.push('');
    lines.push(
      ...table(
        [
          'event',
          'published',
          'delivered',
          'duplicates',
          'dead-lettered',
          'lag p50 ms',
          'lag p99 ms',
        ],
        events.map(([name, e]) => [
          name,
          count(e.published),
          count(e.delivered),
          count(e.duplicates),
          count(e.deadLettered),
          ms(e.lagMs.p50),
          ms(e.lagMs.p99),
        ]),
      ),
    );
  }

  const faults = options.faults ?? [];
  if (faults.length > 0 && report.timeline && report.timeline.length > 0) {
    lines.push('');
    lines.push(...timelineSection(report, report.timeline, faults));
  }

  const breakers = report.breakers ?? [];
  if (breakers.length > 0) {
    lines.push('');
    lines.push(
      ...table(
        ['breaker', 'open', 'opened', 'shed'],
        breakers.map((b) => [
          `${b.caller} → ${b.callee}`,
          seconds(b.openMs),
          count(b.transitions.filter((t) => t.to === 'open').length),
          count(b.rejected),
        ]),
      ),
    );
  }

  if (report.scorecard) {
    lines.push('');
    lines.push('scorecard');
    for (const [name, entry] of Object.entries(report.scorecard)) {
      lines.push(clip(`  ${entry.verdict.padEnd(4)} ${name}: ${entry.why}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The timeline in at most `TIMELINE_ROWS` rows of consecutive buckets: time, requests arriving,
 * availability of those finishing, the worst bucket p99, and attempts at the services that
 * received the most; `*` marks rows that overlap a fault.
 */
function timelineSection(
  report: Report,
  timeline: readonly TimelineBucket[],
  faults: readonly Fault[],
): string[] {
  const group = Math.ceil(timeline.length / TIMELINE_ROWS);
  const width = timeline.length > 1 ? timeline[1].startMs - timeline[0].startMs : 1000;
  const busiest = Object.entries(report.services)
    .sort(([a, x], [b, y]) => y.attempts - x.attempts || compareNames(a, b))
    .slice(0, 3)
    .map(([name]) => name);
  const rows: string[][] = [];
  for (let i = 0; i < timeline.length; i += group) {
    const slice = timeline.slice(i, i + group);
    const from = slice[0].startMs;
    const to = slice[slice.length - 1].startMs + width;
    const ok = slice.reduce((s, b) => s + b.succeeded, 0);
    const bad = slice.reduce((s, b) => s + b.failed, 0);
    const faulty = faults.some((f) => f.from < to && f.until > from);
    rows.push([
      `${faulty ? '*' : ' '}${trim(from / 1000)}–${trim(to / 1000)} s`,
      count(slice.reduce((s, b) => s + b.requests, 0)),
      ok + bad === 0 ? '-' : percent(ok / (ok + bad), 1),
      ms(Math.max(...slice.map((b) => b.p99))),
      ...busiest.map((name) => count(slice.reduce((s, b) => s + (b.attempts[name] ?? 0), 0))),
    ]);
  }
  return [
    ...table(
      [
        'timeline',
        'requests',
        'availability',
        'p99 ms',
        ...busiest.map((name) => truncate(`${name} attempts`, 18)),
      ],
      rows,
    ),
    '* overlaps a fault; availability of the requests finishing in the row; p99 the worst bucket’s',
  ];
}

function trim(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** Left-aligned first column, right-aligned others; a rule above row `ruleBefore`. */
function table(header: string[], rows: string[][], ruleBefore = -1): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Squeeze the first column if the table would be wider than the terminal.
  const rest = widths.slice(1).reduce((s, w) => s + w + 2, 0);
  widths[0] = Math.max(8, Math.min(widths[0], WIDTH - rest));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) =>
        c === 0 ? truncate(cell, widths[0]).padEnd(widths[0]) : cell.padStart(widths[c]),
      )
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  rows.forEach((row, i) => {
    if (i === ruleBefore)
      out.push(
        '-'.repeat(
          Math.min(
            WIDTH,
            widths.reduce((s, w) => s + w + 2, -2),
          ),
        ),
      );
    out.push(line(row));
  });
  return out;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function clip(text: string): string {
  return truncate(text, WIDTH);
}

/**
 * `12,345`: a whole number as `toLocaleString('en-US')` writes it, without calling it, since its
 * first call sets up ICU's number formatting, about 8 ms of the command line's start on Node 20.
 */
function count(n: number): string {
  const whole = Math.round(n);
  if (!Number.isSafeInteger(whole)) return whole.toLocaleString('en-US');
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 || Object.is(whole, -0) ? `-${digits}` : digits;
}

function percent(share: number, digits: number): string {
  return `${(share * 100).toFixed(digits)}%`;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `12.3 ±0.4`: a percentile with its standard error, when the run has one. */
function withNoise(value: number, se: number | undefined): string {
  return se === undefined ? ms(value) : `${ms(value)} ±${ms(se)}`;
}

function seconds(millis: number): string {
  return millis >= 1000 ? `${(millis / 1000).toFixed(1)} s` : `${millis.toFixed(0)} ms`;
}
