/**
 * The asynchronous work a user request starts, followed to its end.
 *
 * A request that publishes an event is not finished when it answers: each delivery runs a consumer,
 * which may publish in turn (choreography). A `Workflow` counts the deliveries still out; when the
 * request has answered and none is left, its work is done, or half-done if a delivery was
 * dead-lettered or dropped on the way. A failed request is a failure its user saw; one that failed
 * after a side effect was written (a card charged) leaves work to compensate. `WorkflowLog` keeps
 * the counts per endpoint and the completion times: from the request's arrival to the end of its
 * last delivery.
 */
import { Float64Buffer } from '../report/samples.ts';
import { OK } from './links.ts';
import type { OpParent } from './runtime.ts';

const PENDING = 0;
const ANSWERED_OK = 1;
const FAILED = 2;
/** Counted as done or half-done: repeats arriving later (duplicated events) change nothing. */
const FINISHED = 3;

export class Workflow implements OpParent {
  readonly log: WorkflowLog;
  readonly endpoint: number;
  /** When the user request arrived. */
  readonly bornAt: number;
  /** Whoever the user request answers (the run's user log). */
  private readonly user: OpParent;
  /** Deliveries started and not yet delivered, dead-lettered or dropped. */
  pending = 0;
  /** A delivery of this work was dead-lettered or dropped: the chain stopped part-way. */
  broken = false;
  /** Side effects written for this request so far. */
  effects = 0;
  state = PENDING;
  /** Counted as failed after a side effect (once). */
  compensate = false;

  constructor(log: WorkflowLog, endpoint: number, bornAt: number, user: OpParent) {
    this.log = log;
    this.endpoint = endpoint;
    this.bornAt = bornAt;
    this.user = user;
  }

  /** The user request answered. */
  opDone(tag: number, outcome: number, bornAt: number): void {
    this.user.opDone(tag, outcome, bornAt);
    this.log.answered(this, outcome === OK);
  }
}

/** Per-endpoint counts of workflows; see `WorkflowReport`. */
export class WorkflowLog {
  private readonly clock: { readonly now: number };
  readonly requests: Uint32Array;
  readonly done: Uint32Array;
  readonly failed: Uint32Array;
  readonly failedAfterEffects: Uint32Array;
  readonly halfDone: Uint32Array;
  /** Answered OK, deliveries still out. */
  readonly waiting: Uint32Array;
  /** Completion times of done workflows, per endpoint. */
  readonly completion: readonly Float64Buffer[];

  constructor(endpoints: number, clock: { readonly now: number }) {
    this.clock = clock;
    this.requests = new Uint32Array(endpoints);
    this.done = new Uint32Array(endpoints);
    this.failed = new Uint32Array(endpoints);
    this.failedAfterEffects = new Uint32Array(endpoints);
    this.halfDone = new Uint32Array(endpoints);
    this.waiting = new Uint32Array(endpoints);
    this.completion = Array.from({ length: endpoints }, () => new Float64Buffer());
  }

  answered(flow: Workflow, ok: boolean): void {
    const e = flow.endpoint;
    this.requests[e]++;
    if (!ok) {
      flow.state = FAILED;
      this.failed[e]++;
      this.checkCompensation(flow);
      return;
    }
    flow.state = ANSWERED_OK;
    if (flow.pending === 0) this.finish(flow);
    else this.waiting[e]++;
  }

  /** A delivery of `flow` started. */
  deliveryStarted(flow: Workflow): void {
    if (flow.state !== FINISHED) flow.pending++;
  }

  /** A delivery of `flow` ended: delivered (`ok`), or dead-lettered or dropped. */
  deliveryEnded(flow: Workflow, ok: boolean): void {
    if (flow.state === FINISHED) return; // started after the work was counted: a repeat
    if (!ok) flow.broken = true;
    if (--flow.pending === 0 && flow.state === ANSWERED_OK) {
      this.waiting[flow.endpoint]--;
      this.finish(flow);
    }
  }

  /** A side effect was written for `flow`'s request (possibly after it failed). */
  effectWritten(flow: Workflow): void {
    flow.effects++;
    if (flow.state === FAILED) this.checkCompensation(flow);
  }

  private checkCompensation(flow: Workflow): void {
    if (flow.effects > 0 && !flow.compensate) {
      flow.compensate = true;
      this.failedAfterEffects[flow.endpoint]++;
    }
  }

  private finish(flow: Workflow): void {
    flow.state = FINISHED;
    const e = flow.endpoint;
    if (flow.broken) {
      this.halfDone[e]++;
      return;
    }
    this.done[e]++;
    this.completion[e].push(this.clock.now - flow.bornAt);
  }
}
