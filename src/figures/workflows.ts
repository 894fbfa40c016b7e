/**
 * Orchestration against choreography: what became of the orders each document took, as one
 * stacked bar per document (done; failed where the user saw it; half-done where nobody did; still
 * in flight), and the times that matter: the user's answer and the work being done. Every number
 * is the engine's workflow report (`report.endpoints[…].workflow`); this module arranges them and
 * says whether a difference is larger than its binomial noise.
 */
import * as Plot from '@observablehq/plot';
import type { Report, WorkflowReport } from '../../simulations/report/types.ts';
import type { WorkflowSettings } from '../../simulations/scenarios/workflows.ts';
import { formatMs, formatShare } from './format.ts';

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };

/** Outcome colours: done green, seen failures vermillion, unseen ones purple, pending grey-blue. */
export const WORKFLOW_COLOURS = {
  done: '#009E73',
  failed: '#D55E00',
  halfDone: '#CC79A7',
  inFlight: '#56B4E9',
} as const;

export type WorkflowOutcome = keyof typeof WORKFLOW_COLOURS;

export const OUTCOME_LABELS: Readonly<Record<WorkflowOutcome, string>> = {
  done: 'done',
  failed: 'failed: the user saw it',
  halfDone: 'half-done: nobody saw it',
  inFlight: 'still in flight',
};

/** One document's column of the comparison. */
export interface WorkflowColumn {
  readonly label: 'Orchestrated' | 'Choreographed';
  readonly requests: number;
  readonly done: number;
  readonly failed: number;
  readonly failedAfterEffects: number;
  readonly halfDone: number;
  readonly inFlight: number;
  /** Of done orders: arrival to the last step finished. */
  readonly completionP50: number;
  readonly completionP99: number;
  /** The user's answer (successful requests). */
  readonly answerP50: number;
  readonly answerP99: number;
}

function workflowOf(report: Report): WorkflowReport {
  const endpoint = Object.values(report.endpoints)[0];
  const workflow = endpoint?.workflow;
  if (workflow === undefined) {
    throw new Error(
      'the report has no workflow: the document needs an event for the engine to follow',
    );
  }
  return workflow;
}

/** The two columns, orchestrated first. */
export function workflowColumns(orchestrated: Report, choreographed: Report): WorkflowColumn[] {
  return [column('Orchestrated', orchestrated), column('Choreographed', choreographed)];
}

function column(label: WorkflowColumn['label'], report: Report): WorkflowColumn {
  const w = workflowOf(report);
  return {
    label,
    requests: w.requests,
    done: w.done,
    failed: w.failed,
    failedAfterEffects: w.failedAfterEffects,
    halfDone: w.halfDone,
    inFlight: w.inFlight,
    completionP50: w.completionMs.p50,
    completionP99: w.completionMs.p99,
    answerP50: report.overall.latencyMs.p50,
    answerP99: report.overall.latencyMs.p99,
  };
}

/** Orders not done: failed where the user saw it, or left half-done where nobody did. */
export function lost(c: WorkflowColumn): number {
  return c.failed + c.halfDone;
}

/**
 * Whether the two columns lose different shares of their orders by more than noise: two
 * combined binomial standard errors, as the other figures judge "within noise".
 */
export function lossDiffers(a: WorkflowColumn, b: WorkflowColumn): boolean {
  const pa = lost(a) / Math.max(1, a.requests);
  const pb = lost(b) / Math.max(1, b.requests);
  const se = Math.sqrt(
    (pa * (1 - pa)) / Math.max(1, a.requests) + (pb * (1 - pb)) / Math.max(1, b.requests),
  );
  return Math.abs(pa - pb) > 2 * Math.max(se, 1 / Math.max(1, a.requests + b.requests));
}

const OUTCOMES: readonly WorkflowOutcome[] = ['done', 'failed', 'halfDone', 'inFlight'];

/** Plot options: a stacked bar of outcomes per document, counts written on the wide segments. */
export function workflowPlot(
  columns: readonly WorkflowColumn[],
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const data = columns.flatMap((c) =>
    OUTCOMES.map((outcome) => ({ label: c.label, outcome, count: c[outcome], of: c.requests })),
  );
  const narrow = width < 560;
  return {
    width,
    height: 200,
    marginLeft: narrow ? 112 : 130,
    marginRight: 16,
    marginTop: 8,
    marginBottom: 40,
    style: STYLE,
    x: { label: 'Orders →', grid: true, nice: true },
    y: { label: null, domain: columns.map((c) => c.label) },
    color: {
      domain: OUTCOMES.map((o) => OUTCOME_LABELS[o]),
      range: OUTCOMES.map((o) => WORKFLOW_COLOURS[o]),
    },
    marks: [
      Plot.barX(
        data.filter((d) => d.count > 0),
        Plot.stackX({
          x: 'count',
          y: 'label',
          fill: (d: { outcome: WorkflowOutcome }) => OUTCOME_LABELS[d.outcome],
          order: OUTCOMES.map((o) => OUTCOME_LABELS[o]),
          inset: 1,
        }),
      ),
      Plot.text(
        data.filter((d) => d.count / Math.max(1, d.of) > (narrow ? 0.16 : 0.08)),
        Plot.stackX({
          x: 'count',
          y: 'label',
          order: OUTCOMES.map((o) => OUTCOME_LABELS[o]),
          z: (d: { outcome: WorkflowOutcome }) => OUTCOME_LABELS[d.outcome],
          text: (d: { count: number }) => d.count.toLocaleString('en'),
          fill: 'white',
          fontWeight: 700,
          fontSize: 15,
        }),
      ),
      Plot.ruleX([0]),
    ],
  };
}

/** The table under the chart: one row per quantity, a cell per document. */
export function workflowTable(
  columns: readonly WorkflowColumn[],
): { label: string; values: string[]; key: string }[] {
  const count = (n: number, of: number) =>
    `${n.toLocaleString('en')} (${formatShare(n / Math.max(1, of))})`;
  return [
    {
      key: 'answer',
      label: 'User’s answer, p50 / p99',
      values: columns.map((c) => `${formatMs(c.answerP50)} / ${formatMs(c.answerP99)}`),
    },
    {
      key: 'completion',
      label: 'Work done, p50 / p99 (done orders)',
      values: columns.map((c) => `${formatMs(c.completionP50)} / ${formatMs(c.completionP99)}`),
    },
    { key: 'done', label: 'Done', values: columns.map((c) => count(c.done, c.requests)) },
    {
      key: 'failed',
      label: 'Failed: the user saw it',
      values: columns.map((c) => count(c.failed, c.requests)),
    },
    {
      key: 'after-effects',
      label: '… after a step had charged or reserved',
      values: columns.map((c) => count(c.failedAfterEffects, c.requests)),
    },
    {
      key: 'half-done',
      label: 'Half-done: answered OK, nobody saw it stop',
      values: columns.map((c) => count(c.halfDone, c.requests)),
    },
    {
      key: 'in-flight',
      label: 'Still in flight when the run ended',
      values: columns.map((c) => count(c.inFlight, c.requests)),
    },
  ];
}

/** The sentence under the chart, and the chart's text alternative. */
export function describeWorkflows(
  columns: readonly WorkflowColumn[],
  settings: WorkflowSettings,
): string {
  const [a, b] = columns;
  if (a === undefined || b === undefined) return '';
  const fault =
    settings.outageS === 0 ? 'No fault' : `${settings.step} down for ${settings.outageS} s`;
  if (lost(a) === 0 && lost(b) === 0) {
    return `${fault}, ${settings.tries} tries per step: every order is done both ways. The chain answers its users in ${formatMs(b.answerP50)} at the median against ${formatMs(a.answerP50)}, and finishes the work in ${formatMs(b.completionP50)} against ${formatMs(a.completionP50)}.`;
  }
  const same = lossDiffers(a, b) ? 'a different number of orders' : 'the same orders, within noise';
  return `${fault}, ${settings.tries} tries per step: both lose ${same}. The orchestrator's ${a.failed.toLocaleString('en')} failed in front of their users (${a.failedAfterEffects.toLocaleString('en')} after a step had already charged or reserved); the chain's ${b.halfDone.toLocaleString('en')} were answered OK and stopped where nobody looked.`;
}
