/**
 * One query attempt at a datastore: a slot (or a place in its FIFO queue, or a rejection), the
 * datastore's work, and a chance of error. Like an operation, a query abandoned by a timeout keeps
 * its slot until its work is done.
 */
import type { DatastoreState } from './compile.ts';
import { ARRIVE, QUERY_DONE } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DOWN, errorRate, HANG, hasFault, slowFactor } from './faults.ts';
import { ERROR, OK, REJECTED } from './links.ts';
import { GRANTED, REJECTED as POOL_REJECTED, type SlotWaiter } from './resources.ts';
import type { OpParent, Runtime } from './runtime.ts';
import { OUTCOME_NAMES, type Span } from './trace.ts';

/**
 * Queries are recycled (`reuse`) once they have answered: by then nothing holds one (its events
 * have fired, its slot is released, its caller keeps no reference), and untraced runs made one
 * per query for the collector to sweep.
 */
export class QueryRun implements Process, SlotWaiter {
  private readonly sim: Runtime;
  private datastore: DatastoreState;
  private parent: OpParent;
  private tag: number;
  /** Set when the request is traced (traced queries are not recycled: spans outlive them). */
  private readonly span: Span | null;

  constructor(
    sim: Runtime,
    datastore: DatastoreState,
    parent: OpParent,
    tag: number,
    span: Span | null,
  ) {
    this.sim = sim;
    this.datastore = datastore;
    this.parent = parent;
    this.tag = tag;
    this.span = span;
  }

  /** This (answered, untraced) query becomes a new one, as the constructor would make it. */
  reuse(datastore: DatastoreState, parent: OpParent, tag: number): QueryRun {
    this.datastore = datastore;
    this.parent = parent;
    this.tag = tag;
    return this;
  }

  fire(kind: number, _arg: number): boolean {
    if (kind === ARRIVE) this.arrive();
    else this.done();
    return true;
  }

  private arrive(): void {
    const sim = this.sim;
    const now = sim.now;
    const ds = this.datastore;
    ds.queries++;
    const faults = ds.faults;
    if (faults !== null) {
      if (hasFault(faults, DOWN, now)) {
        ds.errors++;
        this.reply(ERROR);
        return;
      }
      if (hasFault(faults, HANG, now)) return;
    }
    const result = ds.pool.acquire(this, now);
    if (result === POOL_REJECTED) {
      ds.rejected++;
      this.reply(REJECTED);
      return;
    }
    if (this.span !== null) this.span.queuedAt = now;
    if (result === GRANTED) this.grant();
  }

  grant(): void {
    const sim = this.sim;
    const ds = this.datastore;
    const d = ds.work.sample(sim.rng) * slowFactor(ds.faults, sim.now);
    const span = this.span;
    if (span !== null) {
      // A datastore's work counts as its CPU: the trace has no finer model of it.
      span.queue += sim.now - span.queuedAt;
      span.cpu += d;
    }
    sim.schedule(d, this, QUERY_DONE, 0);
  }

  private done(): void {
    const sim = this.sim;
    const ds = this.datastore;
    const p = errorRate(ds.faults, ds.errorRate, sim.now);
    const failed = p > 0 && sim.rng.uniform() < p;
    if (failed) ds.errors++;
    ds.pool.release(sim.now);
    this.reply(failed ? ERROR : OK);
  }

  private reply(outcome: number): void {
    const span = this.span;
    if (span !== null) {
      span.end = this.sim.now;
      if (!span.abandoned) span.outcome = OUTCOME_NAMES[outcome];
      this.parent.opDone(this.tag, outcome, 0);
      return;
    }
    this.parent.opDone(this.tag, outcome, 0);
    this.sim.recycleQuery(this);
  }
}
