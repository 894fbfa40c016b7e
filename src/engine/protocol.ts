/**
 * Messages between a page and the engine worker. Plain data only (structured-clone safe).
 * Each figure talks on its own `channel`; a new request on a channel supersedes the old one.
 */
import type { Fault } from '../../simulations/model/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import type { ControlSetting } from '../../simulations/scenarios/controls.ts';

/** Where a topology comes from: a preset by name, or YAML text (the sandbox, an inline figure). */
export type TopologySource =
  | { readonly preset: string }
  | { readonly yaml: string; readonly file?: string };

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly channel: string;
  /** One source per architecture compared; the same settings apply to each. */
  readonly sources: readonly TopologySource[];
  readonly settings: readonly ControlSetting[];
  readonly seed: number;
  /** Overrides the document's request count (figures keep it small enough to drag). */
  readonly requests?: number;
  /** Also run the static analyses (blast radius, deploy, scorecard). */
  readonly analyses?: boolean;
}

export interface CancelRequest {
  readonly type: 'cancel';
  readonly channel: string;
}

export type WorkerRequest = RunRequest | CancelRequest;

export interface RunResult {
  readonly type: 'result';
  readonly id: number;
  readonly channel: string;
  readonly reports: readonly Report[];
  /** The faults each run had (the document's plus the reader's), for shading timelines. */
  readonly faults: readonly (readonly Fault[])[];
  /** Wall time the worker spent, for the performance figures. */
  readonly workerMs: number;
}

export interface RunFailure {
  readonly type: 'failure';
  readonly id: number;
  readonly channel: string;
  /** Located messages (`FILE:LINE:COLUMN: message`) or one plain sentence. */
  readonly messages: readonly string[];
}

export type WorkerResponse = RunResult | RunFailure;
