/**
 * Messages between a page and the engine worker. Plain data only (structured-clone safe).
 * Each figure talks on its own `channel`; a new request on a channel supersedes the old one.
 * A request may be answered more than once, coarse first: every answer but the last has
 * `final: false`, and the last one replaces it.
 */
import type { Analyses } from '../../simulations/analyses/types.ts';
import type { Fault } from '../../simulations/model/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import type { ControlSetting } from '../../simulations/scenarios/controls.ts';
import type { LoadSweep } from '../../simulations/scenarios/loadSweep.ts';
import type { ReportNoise } from '../../simulations/scenarios/noise.ts';
import type { BlastTable } from '../figures/blastRadiusTable.ts';

/** The design choices of the generated shop, by id (`parallel`, `batch`, …); absent = off. */
export type DesignFlags = Readonly<Record<string, boolean>>;

/**
 * Where a topology comes from: a preset by name, YAML text (the sandbox, an inline figure), or the
 * shop generator: one cut of the shop with a set of design choices.
 */
export type TopologySource =
  | { readonly preset: string }
  | { readonly yaml: string; readonly file?: string }
  | { readonly shop: { readonly cut: string; readonly design: DesignFlags } };

interface RequestBase {
  readonly id: number;
  readonly channel: string;
  /** One source per architecture compared; the same settings apply to each. */
  readonly sources: readonly TopologySource[];
  readonly settings: readonly ControlSetting[];
  readonly seed: number;
}

export interface RunRequest extends RequestBase {
  readonly type: 'run';
  /** Overrides the document's request count (figures keep it small enough to drag). */
  readonly requests?: number;
  /** Also run the static analyses (blast radius, deploy, scorecard). */
  readonly analyses?: boolean;
  /**
   * Also say how noisy each report's p50 and p99 are. When the reports carry batch-means noise,
   * there is one answer; otherwise the reports come first (`final: false`) and a second answer
   * adds the spread of replicate runs with other seeds.
   */
  readonly noise?: boolean;
  /**
   * Answer first with this many requests per source (`final: false`), then with `requests`: a
   * figure whose full run takes longer than a drag allows shows the coarse result meanwhile.
   */
  readonly coarseRequests?: number;
  /**
   * Also trace each endpoint's p50, p99 and slowest request (`report.traces`): the engine replays
   * the run to record them, so a traced run takes about twice as long.
   */
  readonly traces?: boolean;
}

/** Latency versus load for each source: a coarse sweep first, then the refined one. */
export interface SweepRequest extends RequestBase {
  readonly type: 'sweep';
  /** Names of the sources, for the knee labels. */
  readonly labels: readonly string[];
}

/** The static analyses only (blast radius, deploy coordination, scorecard): no simulation. */
export interface AnalyseRequest extends RequestBase {
  readonly type: 'analyse';
}

/**
 * The blast-radius table of the first source (`check`): answered at once with the static column
 * (`final: false`), then with progress while every component is failed down, hanging and slow,
 * then with every column.
 */
export interface BlastRequest extends RequestBase {
  readonly type: 'blast';
  /** User requests per blast-radius run (default: `check`'s 2,000). */
  readonly requests?: number;
}

export interface CancelRequest {
  readonly type: 'cancel';
  readonly channel: string;
}

export type WorkerRequest =
  | RunRequest
  | SweepRequest
  | AnalyseRequest
  | BlastRequest
  | CancelRequest;

export interface RunResult {
  readonly type: 'result';
  readonly id: number;
  readonly channel: string;
  /** False when a fuller answer to the same request follows. */
  readonly final: boolean;
  /** Requests per source in this answer (the coarse count on a coarse answer). */
  readonly requests?: number;
  readonly reports: readonly Report[];
  /** The faults each run had (the document's plus the reader's), for shading timelines. */
  readonly faults: readonly (readonly Fault[])[];
  /** Per report, when `noise` was asked and is known (absent on a first, partial answer). */
  readonly noise?: readonly ReportNoise[];
  /** Wall time the worker spent, for the performance figures. */
  readonly workerMs: number;
}

export interface SweepResult {
  readonly type: 'sweep';
  readonly id: number;
  readonly channel: string;
  /** False for the coarse sweep, true for the refined one. */
  readonly final: boolean;
  readonly sweep: LoadSweep;
  /** Wall time since the request arrived. */
  readonly workerMs: number;
}

export interface AnalyseResult {
  readonly type: 'analyses';
  readonly id: number;
  readonly channel: string;
  /** Always true: the analyses answer once. */
  readonly final: true;
  /** One per source, with the settings applied. */
  readonly analyses: readonly Analyses[];
  readonly workerMs: number;
}

export interface BlastResult {
  readonly type: 'blast';
  readonly id: number;
  readonly channel: string;
  /** False for the static table and the progress answers; true with every column. */
  readonly final: boolean;
  readonly table: BlastTable;
  /** Blast-radius runs done so far (absent on the final answer). */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly workerMs: number;
}

export interface RunFailure {
  readonly type: 'failure';
  readonly id: number;
  readonly channel: string;
  /** Located messages (`FILE:LINE:COLUMN: message`) or one plain sentence. */
  readonly messages: readonly string[];
}

export type WorkerResponse = RunResult | SweepResult | AnalyseResult | BlastResult | RunFailure;
