/**
 * The blast-radius section of the `check` output: one row per component with every column —
 * static; simulated down, hang and slow (user traffic lost); and the deferred blast radius of
 * each (work lost or late behind the bus) — then a why under each row wherever a column differs
 * from the static one or work was deferred.
 */
import type { CheckResult } from './check.ts';
import { compareNames } from './compareNames.ts';
import { formatDuration, formatPercent } from './format.ts';
import {
  type ComponentBlastRadius,
  INJECTED_FAILURES,
  type SimulatedBlastRadius,
} from './simulatedBlastRadius.ts';
import { clip, escapeCell, wrap } from './textLayout.ts';

const WIDTH = 100;
const NAME = 20;
const CELL = 6;

/** Components, largest static blast radius first. */
function sortedBlast(result: CheckResult) {
  return Object.entries(result.analyses.blastRadius).sort(
    (a, b) => b[1].share - a[1].share || compareNames(a[0], b[0]),
  );
}

/** `37 runs of 2000 requests, slow = work × 10, 1.8 s`. */
function runLine(simulated: SimulatedBlastRadius, wallMs: number): string {
  const partial = simulated.partial ? ' (partial: stopped before the end)' : '';
  return (
    `${simulated.runs} runs of ${simulated.requests} requests, slow = work × ${simulated.slowFactor}; ` +
    `check took ${formatSeconds(wallMs)}${partial}`
  );
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? formatDuration(ms) : `${(ms / 1000).toFixed(1)} s`;
}

function usesBus(result: CheckResult): boolean {
  return result.analyses.blastRadius.bus !== undefined;
}

/** The cells of one row: static, down, hang, slow, then deferred down, hang, slow. */
function cells(result: CheckResult, staticShare: number, sim?: ComponentBlastRadius): string[] {
  const bus = usesBus(result);
  return [
    formatPercent(staticShare),
    ...INJECTED_FAILURES.map((k) => (sim === undefined ? '-' : formatPercent(sim[k].share))),
    ...INJECTED_FAILURES.map((k) =>
      sim === undefined || !bus ? '-' : formatPercent(sim[k].deferred),
    ),
  ];
}

/** Plain text, at most 100 columns a line. */
export function blastRadiusText(result: CheckResult): string[] {
  const simulated = result.simulated;
  const out: string[] = [];
  if (simulated === undefined) {
    out.push('BLAST RADIUS (share of user traffic an outage takes down; static)');
    out.push(`  ${'component'.padEnd(24)}  ${'static'.padStart(7)}  endpoints`);
    for (const [name, entry] of sortedBlast(result)) {
      const endpoints = entry.endpoints.length === 0 ? '-' : entry.endpoints.join(', ');
      const line = `  ${clip(name, 24).padEnd(24)}  ${formatPercent(entry.share).padStart(7)}  ${endpoints}`;
      out.push(clip(line, WIDTH));
    }
    return out;
  }
  out.push(
    'BLAST RADIUS (user traffic lost: failed, never answered or over its endpoint objective;',
    '  deferred: deliveries behind the bus dead-lettered, dropped, stuck or late)',
    ...wrap(runLine(simulated, result.wallMs), WIDTH - 2).map((l) => `  ${l}`),
  );
  const cell = (text: string) => text.padStart(CELL);
  const pad = ' '.repeat(2 + NAME + 2 + CELL);
  out.push(
    `${pad}  ${'users lose'.padEnd(3 * CELL + 4)}    deferred work`,
    `  ${'component'.padEnd(NAME)}  ${['static', 'down', 'hang', 'slow'].map(cell).join('  ')}  ` +
      `  ${['down', 'hang', 'slow'].map(cell).join('  ')}`,
  );
  for (const [name, entry] of sortedBlast(result)) {
    const sim = simulated.components[name];
    const [s, ...rest] = cells(result, entry.share, sim);
    const users = rest.slice(0, 3).map(cell).join('  ');
    const deferred = rest.slice(3).map(cell).join('  ');
    out.push(
      clip(`  ${clip(name, NAME).padEnd(NAME)}  ${cell(s ?? '')}  ${users}    ${deferred}`, WIDTH),
    );
    for (const why of sim?.why ?? []) {
      const lines = wrap(why, WIDTH - 8);
      out.push(...lines.map((l, i) => (i === 0 ? `      ${l}` : `        ${l}`)));
    }
  }
  return out;
}

/** A Markdown table with every column, the endpoints and the whys. */
export function blastRadiusMarkdown(result: CheckResult): string[] {
  const simulated = result.simulated;
  const out: string[] = ['#### Blast radius', ''];
  if (simulated === undefined) {
    out.push('| Component | Static | Endpoints |', '|---|---:|---|');
    for (const [name, entry] of sortedBlast(result)) {
      const endpoints = entry.endpoints.length === 0 ? '–' : entry.endpoints.join(', ');
      out.push(`| \`${name}\` | ${formatPercent(entry.share)} | ${endpoints} |`);
    }
    return out;
  }
  out.push(
    `*User traffic lost (failed, never answered or over its endpoint's objective) and deferred work ` +
      `(deliveries dead-lettered, dropped, stuck or late); ${escapeCell(runLine(simulated, result.wallMs))}.*`,
    '',
    '| Component | Static | Down | Hang | Slow | Deferred: down | hang | slow | Endpoints | Why they differ |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  );
  for (const [name, entry] of sortedBlast(result)) {
    const sim = simulated.components[name];
    const endpoints = entry.endpoints.length === 0 ? '–' : entry.endpoints.join(', ');
    const why = (sim?.why ?? []).map(escapeCell).join('<br>');
    out.push(
      `| \`${name}\` | ${cells(result, entry.share, sim).join(' | ')} | ${endpoints} | ${why} |`,
    );
  }
  return out;
}
