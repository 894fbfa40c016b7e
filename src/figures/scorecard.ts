/**
 * The scorecard explorer's view logic: turns the analyses' scorecard into the six rows a reader
 * sees (symptom, verdict, value, why), marks what changed since the document as written, and
 * says it in one sentence. Computes no verdict: every verdict and why comes from
 * `simulations/analyses/scorecard.ts`, run in the engine worker or at build time.
 */
import type {
  Scorecard,
  ScorecardEntry,
  ScorecardKey,
  Verdict,
} from '../../simulations/analyses/types.ts';

export interface SymptomInfo {
  readonly key: ScorecardKey;
  /** The symptom as the seeds' rubric states it. */
  readonly label: string;
  /** How its value reads: `{value} services in the largest group`. */
  readonly unit: (value: number) => string;
}

function count(n: number, one: string, many: string): string {
  return `${Math.round(n).toLocaleString('en-GB')} ${Math.round(n) === 1 ? one : many}`;
}

/** The six symptoms in the rubric's order. */
export const SYMPTOMS: readonly SymptomInfo[] = [
  {
    key: 'changeCoupling',
    label: 'A change in one service needs changes in others',
    unit: (v) => `${(Math.round(v * 1000) / 10).toLocaleString('en-GB')}% of changes coordinated`,
  },
  {
    key: 'lockstepDeploys',
    label: 'Deploying one means deploying others with it',
    unit: (v) => `${count(v, 'service', 'services')} in the largest group`,
  },
  {
    key: 'chattiness',
    label: 'Services call each other a lot',
    unit: (v) => `${(Math.round(v * 10) / 10).toLocaleString('en-GB')} remote calls per request`,
  },
  {
    key: 'sharedTeams',
    label: 'The same people work across many services',
    unit: (v) => `${count(v, 'service', 'services')} for the busiest team`,
  },
  {
    key: 'sharedDatastores',
    label: 'Many services share one datastore',
    unit: (v) => count(v, 'shared datastore', 'shared datastores'),
  },
  {
    key: 'sharedModels',
    label: 'Services share the same models',
    unit: (v) => count(v, 'shared model library', 'shared model libraries'),
  },
];

/** How a verdict is shown: a word and a symbol, so colour is never the only cue. */
export const VERDICT_LOOK: Readonly<
  Record<Verdict, { readonly word: string; readonly mark: string }>
> = {
  ok: { word: 'ok', mark: '✓' },
  warn: { word: 'warn', mark: '!' },
  bad: { word: 'bad', mark: '✕' },
};

export interface ScorecardRow {
  readonly key: ScorecardKey;
  readonly label: string;
  readonly verdict: Verdict;
  readonly value: string;
  readonly why: string;
  /** The verdict as written (the document before the reader's settings), when it differs. */
  readonly was?: Verdict;
}

/** Removes the Markdown backticks of the analyses' sentences (the view shows plain text). */
export function plainWhy(why: string): string {
  return why.replaceAll('`', '');
}

/** The six rows, each marked with its verdict as written when the reader's settings changed it. */
export function scorecardRows(card: Scorecard, asWritten?: Scorecard): ScorecardRow[] {
  return SYMPTOMS.map((symptom) => {
    const entry: ScorecardEntry = card[symptom.key];
    const before = asWritten?.[symptom.key].verdict;
    const row: ScorecardRow = {
      key: symptom.key,
      label: symptom.label,
      verdict: entry.verdict,
      value: symptom.unit(entry.value),
      why: plainWhy(entry.why),
    };
    return before !== undefined && before !== entry.verdict ? { ...row, was: before } : row;
  });
}

/** Verdict → how many rows have it. */
export function tally(rows: readonly ScorecardRow[]): Readonly<Record<Verdict, number>> {
  const out: Record<Verdict, number> = { ok: 0, warn: 0, bad: 0 };
  for (const row of rows) out[row.verdict] += 1;
  return out;
}

/** "3 bad, 2 warn, 1 ok; 2 verdicts changed from as written (sharing a datastore: bad → warn, …)." */
export function describeScorecard(rows: readonly ScorecardRow[]): string {
  const t = tally(rows);
  const head = `${t.bad} bad, ${t.warn} warn, ${t.ok} ok`;
  const changed = rows.filter((r) => r.was !== undefined);
  if (changed.length === 0) return `${head}; no verdict differs from the shop as written.`;
  const list = changed.map((r) => `${r.label.toLowerCase()}: ${r.was} → ${r.verdict}`).join('; ');
  return `${head}; ${changed.length === 1 ? '1 verdict differs' : `${changed.length} verdicts differ`} from the shop as written (${list}).`;
}
