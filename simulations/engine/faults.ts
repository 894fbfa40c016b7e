/**
 * Fault windows, compiled per target. A fault is active at time t when from ≤ t < until. Faults
 * are looked up when something happens at the target (an attempt arrives, work is sampled, a
 * delivery is made), so a fault that starts mid-operation affects what follows, not what is done.
 */
import type { Fault } from '../model/types.ts';

export const DOWN = 0;
export const SLOW = 1;
export const ERRORS = 2;
export const HANG = 3;

/** Faults that hold over a window; a `crash` is an instant and is compiled apart (`supervision.ts`). */
export type WindowFault = Fault & { readonly kind: Exclude<Fault['kind'], 'crash'> };

const KINDS: Readonly<Record<WindowFault['kind'], number>> = {
  down: DOWN,
  slow: SLOW,
  errors: ERRORS,
  hang: HANG,
};

export interface FaultWindow {
  readonly kind: number;
  readonly from: number;
  readonly until: number;
  readonly factor: number;
  readonly errorRate: number;
}

/** The faults of one target; `null` when it has none, so the common case costs one comparison. */
export type FaultList = readonly FaultWindow[] | null;

export function compileFault(fault: WindowFault): FaultWindow {
  return {
    kind: KINDS[fault.kind],
    from: fault.from,
    until: fault.until,
    factor: fault.factor,
    errorRate: fault.errorRate,
  };
}

/** Concatenates fault lists, `null` when the result is empty. */
export function joinFaults(...lists: (readonly FaultWindow[] | null)[]): FaultList {
  const all: FaultWindow[] = [];
  for (const list of lists) if (list !== null) all.push(...list);
  return all.length > 0 ? all : null;
}

/** True when a fault of `kind` is active at `now`. */
export function hasFault(list: FaultList, kind: number, now: number): boolean {
  if (list === null) return false;
  for (const f of list) if (f.kind === kind && now >= f.from && now < f.until) return true;
  return false;
}

/** Product of the factors of the active `slow` faults (1 when none). */
export function slowFactor(list: FaultList, now: number): number {
  if (list === null) return 1;
  let factor = 1;
  for (const f of list) if (f.kind === SLOW && now >= f.from && now < f.until) factor *= f.factor;
  return factor;
}

/**
 * Failure probability with the active `errors` faults added to `base`. Causes are independent:
 * p = 1 − (1 − base)·Π(1 − errorRate), which stays a probability however many faults overlap.
 */
export function errorRate(list: FaultList, base: number, now: number): number {
  if (list === null) return base;
  let ok = 1 - base;
  for (const f of list) {
    if (f.kind === ERRORS && now >= f.from && now < f.until) ok *= 1 - f.errorRate;
  }
  return 1 - ok;
}

/** When the active `hang` faults at `now` all end (Infinity if one never does; `now` if none). */
export function hangEnd(list: FaultList, now: number): number {
  if (list === null) return now;
  let end = now;
  for (const f of list) {
    if (f.kind === HANG && now >= f.from && now < f.until && f.until > end) end = f.until;
  }
  return end;
}
