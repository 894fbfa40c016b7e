/**
 * The `check` command's text and Markdown output. Text fits 100 columns for a terminal or a CI
 * log; Markdown is a pull-request comment: a heading, three tables and the reasons.
 */
import type { CheckResult } from './check.ts';
import { verdictCounts } from './check.ts';
import { compareNames } from './compareNames.ts';
import { formatDuration, formatPercent } from './format.ts';
import { blastRadiusMarkdown, blastRadiusText } from './renderBlastRadius.ts';
import { clip, escapeCell, wrap } from './textLayout.ts';
import type { DeployChange, ScorecardEntry, ScorecardKey } from './types.ts';

export { wrap } from './textLayout.ts';

const WIDTH = 100;

const KEYS: readonly ScorecardKey[] = [
  'changeCoupling',
  'lockstepDeploys',
  'chattiness',
  'sharedTeams',
  'sharedDatastores',
  'sharedModels',
];

/** How each entry's value reads in a table. */
export function formatValue(key: ScorecardKey, entry: ScorecardEntry): string {
  if (key === 'changeCoupling') return formatPercent(entry.value);
  if (key === 'chattiness') return (Math.round(entry.value * 10) / 10).toFixed(1);
  return String(entry.value);
}

/** One row of the lockstep table: changes that ship the same way, by the same services. */
export interface CoupledRow {
  /** The costliest change of the row. */
  readonly change: DeployChange;
  /** How many other changes ship the same way. */
  readonly more: number;
}

/**
 * Changes worth listing: coordinated ones (two or more services, or a release train) and those
 * that ship as independent releases in sequence; the same group and path on one row, largest
 * group first.
 */
export function coupledChanges(result: CheckResult): CoupledRow[] {
  const rows = new Map<string, DeployChange[]>();
  for (const c of result.analyses.deploy.changes) {
    const sequenced = c.path === 'expand-contract' || c.path === 'new-version';
    if (!c.coordinated && !sequenced) continue;
    const key = `${c.path}|${c.lockstep.join()}|${c.sequence.join()}|${c.origin}`;
    rows.set(key, [...(rows.get(key) ?? []), c]);
  }
  return [...rows.values()]
    .map((changes) => {
      const sortedChanges = [...changes].sort(
        (a, b) => b.leadTimeMs - a.leadTimeMs || b.likelihood - a.likelihood,
      );
      const targets = new Set(changes.map((c) => c.target));
      return { change: sortedChanges[0] as DeployChange, more: targets.size - 1 };
    })
    .sort(
      (a, b) =>
        b.change.lockstep.length - a.change.lockstep.length ||
        b.change.leadTimeMs - a.change.leadTimeMs ||
        compareNames(a.change.target, b.change.target),
    );
}

/** `lockstep`, `train (3 teams)`, `expand/contract`, `new version`. */
export function pathLabel(c: DeployChange): string {
  if (c.path === 'expand-contract') return 'expand/contract';
  if (c.path === 'new-version') return 'new version';
  if (c.lockstep.length === 1) return `train (${c.teams.length} teams)`;
  return c.path;
}

/** The services of a row: the group, or the releases in order for a sequence. */
function rowServices(c: DeployChange): string {
  return c.sequence.length > 0 ? c.sequence.join(' → ') : c.lockstep.join(', ');
}

function rowTarget(row: CoupledRow): string {
  const { change, more } = row;
  return `${change.target}${change.origin === 'document' ? '*' : ''}${more > 0 ? ` +${more}` : ''}`;
}

function describeDocumentChange(c: DeployChange): string {
  const how =
    c.path === 'versioned'
      ? 'no deploy waits on it'
      : `${pathLabel(c).replace(/^alone$/, 'one service')}, lead time ${formatDuration(c.leadTimeMs)}`;
  return `${c.target}: ${c.breaking ? 'breaking' : 'not breaking'} (${how}). ${c.reason}`;
}

function releaseLine(result: CheckResult): string {
  const { release, handoff } = result.organization;
  return release === 'one-click'
    ? 'one-click releases'
    : `per-team releases, ${formatDuration(handoff)} per handoff`;
}

function summaryLine(result: CheckResult): string {
  const counts = verdictCounts(result.analyses.scorecard);
  return `${counts.bad} bad, ${counts.warn} warn, ${counts.ok} ok`;
}

/** Plain text for a terminal: every line at most 100 columns. */
export function renderText(result: CheckResult): string {
  const out: string[] = [];
  const { scorecard, deploy } = result.analyses;
  out.push(...wrap(`${result.name} (${result.style}; ${releaseLine(result)})`, WIDTH));
  out.push(`Scorecard: ${summaryLine(result)}`, '');

  out.push('SCORECARD');
  const whyIndent = 2 + 4 + 2 + 16 + 2 + 5 + 2;
  for (const key of KEYS) {
    const entry = scorecard[key];
    const head = `  ${entry.verdict.padEnd(4)}  ${key.padEnd(16)}  ${formatValue(key, entry).padStart(5)}  `;
    const lines = wrap(entry.why, WIDTH - whyIndent);
    out.push(head + (lines[0] ?? ''), ...lines.slice(1).map((l) => ' '.repeat(whyIndent) + l));
  }
  out.push('');

  out.push(...blastRadiusText(result), '');

  const coupled = coupledChanges(result);
  const coordinated = deploy.changes.filter((c) => c.coordinated).length;
  out.push(
    `LOCKSTEP GROUPS (largest ${deploy.largestLockstep}, mean ${deploy.meanLockstep.toFixed(2)} ` +
      `over ${deploy.changes.length} changes; ${coordinated} coordinated)`,
  );
  if (coupled.length === 0)
    out.push('  Every change ships with a single service of a single team.');
  else {
    out.push(
      `  ${'change'.padEnd(28)}  ${'path'.padEnd(15)}  ${'lead time'.padEnd(10)}  ` +
        `${'risk'.padStart(5)}  ${'n'.padStart(2)}  services`,
    );
    for (const row of coupled) {
      const c = row.change;
      const n = new Set(c.sequence.length > 0 ? c.sequence : c.lockstep).size;
      const line =
        `  ${clip(rowTarget(row), 28).padEnd(28)}  ${pathLabel(c).padEnd(15)}  ` +
        `${formatDuration(c.leadTimeMs).padEnd(10)}  ${formatPercent(c.failureRisk).padStart(5)}  ` +
        `${String(n).padStart(2)}  ${rowServices(c)}`;
      out.push(clip(line, WIDTH));
    }
    out.push('  +N: as many more changes ship the same way; * a change from the document');
  }
  const documented = deploy.changes.filter((c) => c.origin === 'document');
  if (documented.length > 0) {
    out.push('', 'DOCUMENT CHANGES');
    for (const c of documented) {
      out.push(
        ...wrap(describeDocumentChange(c), WIDTH - 4).map((l, i) =>
          i === 0 ? `  ${l}` : `    ${l}`,
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Markdown for a pull request: a heading, the scorecard, blast radius and lockstep tables. */
export function renderMarkdown(result: CheckResult): string {
  const { scorecard, deploy } = result.analyses;
  const icon = { ok: '🟢 ok', warn: '🟡 warn', bad: '🔴 bad' } as const;
  const out: string[] = [
    `### Lockstep check: ${escapeCell(result.name)}`,
    '',
    `*${result.style}, ${releaseLine(result)}. Scorecard: ${summaryLine(result)}.*`,
    '',
    '| Verdict | Symptom | Value | Why |',
    '|---|---|---:|---|',
  ];
  for (const key of KEYS) {
    const e = scorecard[key];
    out.push(`| ${icon[e.verdict]} | \`${key}\` | ${formatValue(key, e)} | ${escapeCell(e.why)} |`);
  }
  out.push('', ...blastRadiusMarkdown(result));
  const coupled = coupledChanges(result);
  const coordinated = deploy.changes.filter((c) => c.coordinated).length;
  out.push(
    '',
    '#### Lockstep groups',
    '',
    `Largest ${deploy.largestLockstep}, mean ${deploy.meanLockstep.toFixed(2)} over ` +
      `${deploy.changes.length} changes; ${coordinated} coordinated.`,
  );
  if (coupled.length > 0) {
    out.push(
      '',
      '| Change | Path | Services | Teams | Lead time | Failure risk |',
      '|---|---|---|---|---:|---:|',
    );
    for (const row of coupled) {
      const c = row.change;
      const origin = c.origin === 'document' ? ' (document)' : '';
      const more = row.more > 0 ? ` and ${row.more} more` : '';
      out.push(
        `| \`${escapeCell(c.target)}\`${origin}${more} | ${pathLabel(c)} | ${escapeCell(rowServices(c))} | ` +
          `${c.teams.join(', ') || '–'} | ${formatDuration(c.leadTimeMs)} | ` +
          `${formatPercent(c.failureRisk)} |`,
      );
    }
  }
  const documented = deploy.changes.filter((c) => c.origin === 'document');
  if (documented.length > 0) {
    out.push('', '#### Document changes', '');
    for (const c of documented) out.push(`- ${escapeCell(describeDocumentChange(c))}`);
  }
  return `${out.join('\n')}\n`;
}
