/**
 * A design review as Markdown, for a pull request or a wiki: the engine's own `check` rendering
 * (scorecard with its reasons, blast radius with every column, lockstep groups), the key
 * percentiles of the simulation, the document itself, and the command that gives the same check
 * in CI. Every number comes from the engine's results; this module only lays them out.
 */
import type { CheckResult } from '../../simulations/analyses/check.ts';
import { renderMarkdown } from '../../simulations/analyses/renderCheck.ts';
import type { Report } from '../../simulations/report/types.ts';
import { formatMs, formatShare } from '../figures/format.ts';

export interface ReviewInput {
  /** The `check` result of the document (with its simulated blast radius when it has finished). */
  readonly check: CheckResult;
  /** The simulation of the document as written. */
  readonly report: Report;
  readonly text: string;
  /** File name the CI command reads (what the reader downloads the document as). */
  readonly file: string;
}

/** The command that fails a CI build on any `bad` verdict, for the document saved as `file`. */
export function ciCommand(file: string): string {
  const quoted = /^[\w./-]+$/.test(file) ? file : `'${file.replaceAll("'", "'\\''")}'`;
  return `npm run --silent check -- ${quoted} --fail-on bad`;
}

/** A fence longer than any run of backticks in the text, so the document cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The review, ready to paste. */
export function reviewMarkdown({ check, report, text, file }: ReviewInput): string {
  const out: string[] = [renderMarkdown(check).trimEnd(), ''];
  const partial = report.partial
    ? ' The run was cut short by the time budget: a partial result.'
    : '';
  out.push(
    '#### Latency and availability',
    '',
    `*${report.requests.toLocaleString('en')} simulated requests, seed ${report.seed}.${partial}*`,
    '',
    '| Endpoint | Requests | Availability | p50 | p95 | p99 | p99.9 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  const row = (
    name: string,
    e: { requests: number; availability: number; latencyMs: Report['overall']['latencyMs'] },
  ) =>
    `| ${cell(name)} | ${e.requests.toLocaleString('en')} | ${formatShare(e.availability)} | ${formatMs(e.latencyMs.p50)} | ${formatMs(e.latencyMs.p95)} | ${formatMs(e.latencyMs.p99)} | ${formatMs(e.latencyMs.p999)} |`;
  out.push(row('**all**', report.overall));
  for (const [name, endpoint] of Object.entries(report.endpoints)) out.push(row(name, endpoint));
  if (report.overall.cores !== null) {
    out.push(
      '',
      `Cost: ${report.overall.cores.toLocaleString('en')} cores provisioned, ${report.overall.coreMsPerRequest.toFixed(2)} CPU ms per request.`,
    );
  }
  const f = fence(text);
  out.push(
    '',
    '#### The same check in CI',
    '',
    '```sh',
    ciCommand(file),
    '```',
    '',
    `#### The document (\`${cell(file)}\`)`,
    '',
    `${f}yaml`,
    text.trimEnd(),
    f,
    '',
  );
  return out.join('\n');
}
