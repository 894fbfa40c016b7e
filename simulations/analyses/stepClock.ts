/**
 * A clock for XState actors that only moves when told to, one timer at a time. XState's own
 * `SimulatedClock` jumps straight to a target time and fires every due timer *at* that time, so a
 * timer set inside a callback starts late; here each timer fires at its own due time, in the order
 * due, ties broken by the order they were set (as SimPy orders simultaneous events).
 */

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** Structurally an XState `Clock`; pass it as `createActor(machine, { clock })`. */
export class StepClock {
  #now = 0;
  #nextId = 1;
  #timers: Timer[] = [];

  /** Simulated milliseconds since the clock was made. */
  get now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, timeout: number): number {
    const id = this.#nextId++;
    this.#timers.push({ id, due: this.#now + Math.max(0, timeout), fn });
    // Stable sort keeps insertion order among equal due times.
    this.#timers.sort((a, b) => a.due - b.due);
    return id;
  }

  clearTimeout(id: number): void {
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  /** When the next timer fires, or undefined when none is pending. */
  nextDue(): number | undefined {
    return this.#timers[0]?.due;
  }

  /** Fires the earliest timer; false when there was none. */
  step(): boolean {
    const timer = this.#timers.shift();
    if (timer === undefined) return false;
    this.#now = timer.due;
    timer.fn();
    return true;
  }

  /** Fires every timer due at or before `time`, in order, then stands at `time`. */
  advanceTo(time: number): void {
    for (let due = this.nextDue(); due !== undefined && due <= time; due = this.nextDue()) {
      this.step();
    }
    this.#now = Math.max(this.#now, time);
  }

  /** Advances by `ms` from now. */
  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }
}
