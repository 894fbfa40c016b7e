/**
 * The identity of a piece of work, for side effects: what makes a second charge a duplicate.
 *
 * A retry, a hedge, a redelivery or a duplicated event repeats work that is logically the same:
 * one call step's copy, one delivery. Work reached again below a repeated run is the same work too
 * (an outer retry of the order repeats its charge), so an intent is found, not created, by its
 * place under its parent: the step, the repetition and the copy (`childKey`). Runs that share an
 * intent are repeats of one another; a `sideEffect` operation completing twice under one intent
 * writes its effect twice, unless the intent is keyed (an idempotency key on the call, or an
 * idempotent consumer), when the callee catches the repeat.
 *
 * Intents exist only in runs whose model has a `sideEffect` operation (the compiled model's
 * `tracksEffects`); otherwise every run carries the request's root intent or null.
 */
import type { Workflow } from './workflow.ts';

export class Intent {
  /** A key travels with this work: the callee writes its effect at most once. */
  readonly keyed: boolean;
  /** The user request's asynchronous work this belongs to (null when workflows are not tracked). */
  readonly flow: Workflow | null;
  /** Side effects written under this intent. */
  effects = 0;
  private children: Map<number, Intent> | null = null;

  constructor(keyed: boolean, flow: Workflow | null) {
    this.keyed = keyed;
    this.flow = flow;
  }

  /** The intent of the child work at `key`: the same object each time the same place is reached. */
  child(key: number, keyed: boolean): Intent {
    let children = this.children;
    if (children === null) {
      children = new Map();
      this.children = children;
    }
    let child = children.get(key);
    if (child === undefined) {
      child = new Intent(keyed, this.flow);
      children.set(key, child);
    }
    return child;
  }
}

/**
 * The place of child work under its parent: step `uid` (unique in the compiled model), repetition
 * and copy (fan-out copy, parallel branch or consumer). `times` and `fanout` are at most 1,000, so
 * the three fit one exact integer.
 */
export function childKey(uid: number, rep: number, copy: number): number {
  return uid * 1_048_576 + rep * 1024 + copy;
}
