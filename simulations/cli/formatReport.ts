/**
 * The report as a table for a terminal, at most 100 columns wide: per-endpoint availability and
 * latency percentiles, the overall line, the busiest services, datastores and events, and the
 * scorecard when the analyses ran.
 */
import type { LatencySummary, Report } from '../report/types.ts';

const WIDTH = 100;

export function formatReport(report: Report): string {
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
  const latencyRow = (requests: number, availability: number, l: LatencySummary) => [
    count(requests),
    percent(availability, 3),
    ms(l.p50),
    ms(l.p95),
    ms(l.p99),
    ms(l.max),
  ];
  const endpointRows = Object.entries(report.endpoints).map(([name, e]) => [
    name,
    ...latencyRow(e.requests, e.availability, e.latencyMs),
  ]);
  const o = report.overall;
  endpointRows.push(['overall', ...latencyRow(o.requests, o.availability, o.latencyMs)]);
  lines.push(...table(['endpoint', ...latencyHeader], endpointRows, endpointRows.length - 1));
  if (o.unfinished > 0) {
    lines.push(clip(`${count(o.unfinished)} requests never answered (counted as failed).`));
  }
  lines.push('');

  const services = Object.entries(report.services).sort(
    ([a, x], [b, y]) => y.utilization - x.utilization || a.localeCompare(b),
  );
  const shown = services.slice(0, 8);
  lines.push(
    ...table(
      [
        'busiest services',
        'utilisation',
        'attempts',
        'retries',
        'errors',
        'rejected',
        'timeouts',
        'max queue',
      ],
      shown.map(([name, s]) => [
        name,
        percent(s.utilization, 1),
        count(s.attempts),
        count(s.retries),
        count(s.errors),
        count(s.rejected),
        count(s.timeouts),
        count(s.maxQueue),
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

  if (report.scorecard) {
    lines.push('');
    lines.push('scorecard');
    for (const [name, entry] of Object.entries(report.scorecard)) {
      lines.push(clip(`  ${entry.verdict.padEnd(4)} ${name}: ${entry.why}`));
    }
  }
  return `${lines.join('\n')}\n`;
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

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function percent(share: number, digits: number): string {
  return `${(share * 100).toFixed(digits)}%`;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function seconds(millis: number): string {
  return millis >= 1000 ? `${(millis / 1000).toFixed(1)} s` : `${millis.toFixed(0)} ms`;
}
