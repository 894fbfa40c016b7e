/**
 * The `check` command's text and Markdown output. Text fits 100 columns for a terminal or a CI
 * log; Markdown is a pull-request comment: a heading, three tables and the reasons.
 */
import type { CheckResult } from './check.ts';
import { verdictCounts } from './check.ts';
import { formatDuration, formatPercent } from './format.ts';
import type { DeployChange, ScorecardEntry, ScorecardKey } from './types.ts';

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

/** Lockstep groups worth listing: changes that need two or more services, largest first. */
export function coupledChanges(result: CheckResult): DeployChange[] {
  return result.analyses.deploy.changes
    .filter((c) => c.lockstep.length >= 2)
    .sort(
      (a, b) =>
        b.lockstep.length - a.lockstep.length ||
        b.leadTimeMs - a.leadTimeMs ||
        a.target.localeCompare(b.target),
    );
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

  const simulated = result.simulated;
  out.push(
    simulated === undefined
      ? 'BLAST RADIUS (share of user traffic an outage takes down; static)'
      : `BLAST RADIUS (share of user traffic an outage takes down; simulated with ${simulated.requests} requests)`,
  );
  out.push(
    `  ${'component'.padEnd(24)}  ${'static'.padStart(7)}  ${'simul.'.padStart(7)}  endpoints`,
  );
  for (const [name, entry] of sortedBlast(result)) {
    const sim = simulated?.components[name];
    const simText = sim === undefined ? '-' : formatPercent(sim.share);
    const endpoints = entry.endpoints.length === 0 ? '-' : entry.endpoints.join(', ');
    const line =
      `  ${clip(name, 24).padEnd(24)}  ${formatPercent(entry.share).padStart(7)}  ` +
      `${simText.padStart(7)}  ${endpoints}`;
    out.push(clip(line, WIDTH));
    if (sim?.explanation !== undefined) {
      out.push(...wrap(sim.explanation, WIDTH - 6).map((l) => `      ${l}`));
    }
  }
  out.push('');

  const coupled = coupledChanges(result);
  out.push(
    `LOCKSTEP GROUPS (largest ${deploy.largestLockstep}, mean ${deploy.meanLockstep.toFixed(2)} ` +
      `over ${deploy.changes.length} changes; ${coupled.length} need two or more services)`,
  );
  if (coupled.length === 0) out.push('  Every change ships with a single service.');
  else {
    out.push(
      `  ${'change'.padEnd(26)}  ${'lead time'.padEnd(11)}  ${'risk'.padStart(5)}  ` +
        `${'n'.padStart(2)}  services`,
    );
    for (const c of coupled) {
      const target = c.origin === 'document' ? `${c.target}*` : c.target;
      const line =
        `  ${clip(target, 26).padEnd(26)}  ${formatDuration(c.leadTimeMs).padEnd(11)}  ` +
        `${formatPercent(c.failureRisk).padStart(5)}  ${String(c.lockstep.length).padStart(2)}  ` +
        c.lockstep.join(', ');
      out.push(clip(line, WIDTH));
    }
    if (coupled.some((c) => c.origin === 'document')) out.push('  * a change from the document');
  }
  const documented = deploy.changes.filter((c) => c.origin === 'document');
  if (documented.length > 0) {
    out.push('', 'DOCUMENT CHANGES');
    for (const c of documented) {
      const text = `${c.target}: ${c.breaking ? 'breaking' : 'not breaking'}. ${c.reason}`;
      out.push(...wrap(text, WIDTH - 4).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`)));
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
  const simulated = result.simulated;
  out.push('', '#### Blast radius', '');
  out.push(
    simulated === undefined
      ? '| Component | Static | Endpoints |\n|---|---:|---|'
      : '| Component | Static | Simulated | Endpoints | Why they differ |\n|---|---:|---:|---|---|',
  );
  for (const [name, entry] of sortedBlast(result)) {
    const endpoints = entry.endpoints.length === 0 ? '–' : entry.endpoints.join(', ');
    const sim = simulated?.components[name];
    out.push(
      sim === undefined
        ? `| \`${name}\` | ${formatPercent(entry.share)} | ${endpoints} |`
        : `| \`${name}\` | ${formatPercent(entry.share)} | ${formatPercent(sim.share)} | ` +
            `${endpoints} | ${escapeCell(sim.explanation ?? '')} |`,
    );
  }
  const coupled = coupledChanges(result);
  out.push(
    '',
    '#### Lockstep groups',
    '',
    `Largest ${deploy.largestLockstep}, mean ${deploy.meanLockstep.toFixed(2)} over ` +
      `${deploy.changes.length} changes; ${coupled.length} need two or more services.`,
  );
  if (coupled.length > 0) {
    out.push(
      '',
      '| Change | Services | Teams | Lead time | Failure risk |',
      '|---|---|---|---:|---:|',
    );
    for (const c of coupled) {
      const origin = c.origin === 'document' ? ' (document)' : '';
      out.push(
        `| \`${escapeCell(c.target)}\`${origin} | ${c.lockstep.join(', ')} | ` +
          `${c.teams.join(', ') || '–'} | ${formatDuration(c.leadTimeMs)} | ` +
          `${formatPercent(c.failureRisk)} |`,
      );
    }
  }
  const documented = deploy.changes.filter((c) => c.origin === 'document');
  if (documented.length > 0) {
    out.push('', '#### Document changes', '');
    for (const c of documented) {
      out.push(
        `- \`${escapeCell(c.target)}\`: ${c.breaking ? '**breaking**' : 'not breaking'}. ${escapeCell(c.reason)}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function sortedBlast(result: CheckResult) {
  return Object.entries(result.analyses.blastRadius).sort(
    (a, b) => b[1].share - a[1].share || a[0].localeCompare(b[0]),
  );
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => clip(l, width));
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Pipes would end a table cell; newlines would end the table. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
