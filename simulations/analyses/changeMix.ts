/**
 * The default change mix: what the deploy analysis assumes a change to each kind of target is,
 * when the document does not say. simulations/FORMAT.md ("Deploy coordination") quotes this
 * table; keep the two in step.
 *
 * Most changes are internal (a bug fix, a refactor, a faster query), some extend an interface
 * compatibly (a new optional field, a new column, a new function), few break it (a rename, a
 * removed field, a changed meaning). Assuming every change breaks would make having an interface
 * at all look like coupling; assuming none does would hide the changes that need coordination.
 */
import type { ChangeNature } from './types.ts';

export type TargetKind = 'library' | 'datastore' | 'event' | 'operation';

/** Shares of a target's changes by nature; each row sums to 1. */
export type Mix = Readonly<Record<ChangeNature, number>>;

export const CHANGE_MIX = {
  /** An operation's code changes often behind its contract; its API rarely breaks. */
  operation: { internal: 0.7, additive: 0.2, breaking: 0.1 },
  /** Index and query changes; new columns and tables; renames, drops and type changes. */
  datastore: { internal: 0.5, additive: 0.35, breaking: 0.15 },
  /** The publisher's logic; a new optional field; a field removed, renamed or made required. */
  event: { internal: 0.5, additive: 0.35, breaking: 0.15 },
  /** Bug fixes dominate a shared helper's releases; signatures rarely change. */
  'code library': { internal: 0.6, additive: 0.3, breaking: 0.1 },
  /**
   * A shared domain model changes mostly by growing (new types and optional fields), and more
   * often breaks than code does: a renamed or retyped field is a breaking wire change.
   */
  'model library': { internal: 0.3, additive: 0.5, breaking: 0.2 },
} as const satisfies Readonly<Record<string, Mix>>;

export type MixRow = keyof typeof CHANGE_MIX;

/** The natures of a mix row, in a fixed order (internal, additive, breaking). */
export const NATURES: readonly ChangeNature[] = ['internal', 'additive', 'breaking'];
