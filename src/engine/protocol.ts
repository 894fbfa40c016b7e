/**
 * Messages between a page and the engine worker. Plain data only (structured-clone safe).
 * Each figure talks on its own `channel`; a new request on a channel supersedes the old one.
 * A request may be answered more than once, coarse first: every answer but the last has
 * `final: false`, and the last one replaces it.
 */

import type { CheckResult } from '../../simulations/analyses/check.ts';
import type { Analyses } from '../../simulations/analyses/types.ts';
import type { Diagnostic } from '../../simulations/model/diagnostics.ts';
import type { Fault, Model } from '../../simulations/model/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import type { ControlSetting } from '../../simulations/scenarios/controls.ts';
import type {
  EventChangeOutcome,
  EventChangeProposal,
  EventChoice,
} from '../../simulations/scenarios/eventChange.ts';
import type { LoadSweep } from '../../simulations/scenarios/loadSweep.ts';
import type { MapCell, MetastabilityMap } from '../../simulations/scenarios/metastability.ts';
import type { ReportNoise } from '../../simulations/scenarios/noise.ts';
import type { TopologyGraph } from '../../simulations/scenarios/topologyGraph.ts';
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
  /** Which of the pool's parts of one sweep this is (`sweepPool.ts`), echoed in the answers. */
  readonly part?: number;
}

/** The static analyses only (blast radius, deploy coordination, scorecard): no simulation. */
export interface AnalyseRequest extends RequestBase {
  readonly type: 'analyse';
  /**
   * `expand-contract`: every breaking change to a shared datastore or a called operation is made
   * by expand/contract before the analysis (`simulations/scenarios/expandContract.ts`).
   */
  readonly breakingVia?: 'expand-contract';
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

/**
 * The metastability map of the first source (`simulations/scenarios/metastability.ts`): a coarse
 * grid of loads × trigger sizes first, then the refined grid (`final: false` until the last
 * cell). The page's client spreads the cells over its pool of workers as `map-cells` requests
 * and assembles the map from their answers (`src/engine/mapPool.ts`).
 */
export interface MapRequest extends RequestBase {
  readonly type: 'map';
  /** The service the trigger slows down. */
  readonly target: string;
  /** Work-time multiplier during the trigger (default 5). */
  readonly factor?: number;
}

/** One cell of a metastability map: an offered load and a trigger duration. */
export interface CellAt {
  readonly load: number;
  readonly triggerMs: number;
}

/**
 * One worker's share of a metastability map: these cells, in this order. Answered after every
 * cell it had to simulate (`final: false`, the cells finished since the last answer), then once
 * more with `final: true`.
 */
export interface MapCellsRequest extends RequestBase {
  readonly type: 'map-cells';
  readonly target: string;
  readonly factor?: number;
  readonly cells: readonly CellAt[];
}

/**
 * Warms a worker for a figure that will ask it later: parses the sources (cached) and runs the
 * analysis or a short simulation once, so the reader's first change does not pay for a cold
 * worker. It supersedes nothing; its one answer, `prepared`, only says it is done.
 */
export interface PrepareRequest {
  readonly type: 'prepare';
  readonly channel: string;
  readonly sources: readonly TopologySource[];
  readonly settings: readonly ControlSetting[];
  /** What the figure will ask for, done once on each source (parsing always is). */
  readonly warm: readonly ('analyse' | 'simulate')[];
}

/**
 * The sandbox (`/sandbox`): one YAML document as the reader types it. Answered up to three times:
 * the diagnostics at once (`stage: 'diagnostics'`, located, for editor markers), then a quick
 * run of `coarseRequests` (`'coarse'`), then the document's own run within `budgetMs`
 * (`'full'`, `partial` when the budget ran out). A document with errors is answered once.
 */
export interface SandboxRequest {
  readonly type: 'sandbox';
  readonly id: number;
  readonly channel: string;
  readonly yaml: string;
  readonly file: string;
  /** Default: the document's. */
  readonly seed?: number;
  readonly coarseRequests: number;
  readonly budgetMs: number;
  /** Also trace each endpoint's p50, p99 and slowest request in the full run. */
  readonly traces?: boolean;
}

/** `check` of one sandbox document: the static result at once, then the simulated blast radius. */
export interface SandboxCheckRequest {
  readonly type: 'sandbox-check';
  readonly id: number;
  readonly channel: string;
  readonly yaml: string;
  readonly file: string;
  readonly seed?: number;
  /** User requests per blast-radius run (default: `check`'s 2,000). */
  readonly requests?: number;
  readonly budgetMs: number;
}

export interface CancelRequest {
  readonly type: 'cancel';
  readonly channel: string;
}

/**
 * The whole pool is idle: a worker whose compiled code is still cold may run its last figure's
 * model again in the background (answered, when done, with `prepared` on that figure's channel).
 * Any later message stops it.
 */
export interface WarmRequest {
  readonly type: 'warm';
  readonly channel: '';
}

export type WorkerRequest =
  | RunRequest
  | SweepRequest
  | AnalyseRequest
  | BlastRequest
  | MapCellsRequest
  | PrepareRequest
  | SandboxRequest
  | SandboxCheckRequest
  | EventChangeRequest
  | CancelRequest
  | WarmRequest;

/**
 * The event-change explorer (chapter 6): one proposed change to one event of the first source,
 * checked against the event rules and shipped through deploy coordination
 * (`simulations/scenarios/eventChange.ts`). Pure and quick: answered once, with the source's
 * events for the explorer's controls.
 */
export interface EventChangeRequest extends RequestBase {
  readonly type: 'event-change';
  readonly proposal: EventChangeProposal;
}

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
  /** The request's `part`, when the sweep was shared over the pool. */
  readonly part?: number;
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

export interface MapResult {
  readonly type: 'map';
  readonly id: number;
  readonly channel: string;
  /** False for the coarse grid and the refined grid while it fills in. */
  readonly final: boolean;
  readonly map: MetastabilityMap;
  readonly workerMs: number;
}

/** A `prepare` is done (id 0: no figure waits for it). */
export interface PreparedResult {
  readonly type: 'prepared';
  readonly id: 0;
  readonly channel: string;
  readonly final: true;
  readonly workerMs: number;
}

export interface MapCellsResult {
  readonly type: 'map-cells';
  readonly id: number;
  readonly channel: string;
  /** False while cells remain; true once the share is done. */
  readonly final: boolean;
  /** The cells finished since the previous answer (on the final one, any left). */
  readonly cells: readonly MapCell[];
  readonly workerMs: number;
}

export interface SandboxResult {
  readonly type: 'sandbox';
  readonly id: number;
  readonly channel: string;
  readonly final: boolean;
  readonly stage: 'diagnostics' | 'coarse' | 'full';
  /** The document was valid: the model, graph and (after the first answer) a report follow. */
  readonly ok: boolean;
  /** Errors when not `ok`, warnings when it is; each located. */
  readonly diagnostics: readonly Diagnostic[];
  readonly model?: Model;
  readonly graph?: TopologyGraph;
  /** With the analyses (blast radius, deploy, scorecard) and, on a complete full run, traces. */
  readonly report?: Report;
  readonly workerMs: number;
}

export interface SandboxCheckResult {
  readonly type: 'sandbox-check';
  readonly id: number;
  readonly channel: string;
  readonly final: boolean;
  readonly check: CheckResult;
  readonly datastores: readonly string[];
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

export type WorkerResponse =
  | RunResult
  | SweepResult
  | AnalyseResult
  | BlastResult
  | MapResult
  | MapCellsResult
  | PreparedResult
  | SandboxResult
  | SandboxCheckResult
  | EventChangeResult
  | RunFailure;

export interface EventChangeResult {
  readonly type: 'event-change';
  readonly id: number;
  readonly channel: string;
  /** Always true: the explorer is answered once. */
  readonly final: true;
  /** The source's events, their fields and consumers. */
  readonly events: readonly EventChoice[];
  /** The rules and the releases, or why the proposal cannot apply. */
  readonly outcome: EventChangeOutcome;
  readonly workerMs: number;
}
