/**
 * The circuit breaker a calling service keeps for one target service, for the engine's hot path.
 *
 * Its semantics are specified by `../machines/circuitBreakerMachine.ts` (read its header for the
 * rules, including how late results are treated); `circuitBreaker.agreement.test.ts` drives both
 * with the same event sequences, every path of the machine's state graph and random sequences,
 * and asserts they agree state by state and decision by decision.
 *
 * Where the machine has a delayed transition, this code is lazy: each call first brings the state
 * up to `now`, and a cooldown that ended by `now` is recorded at the moment it ended, so the
 * transition log and the open time are the same as if a timer had fired (a cooldown of 0 makes the
 * breaker half-open at the instant it opened). Times passed in must not go backwards.
 *
 * No allocation on `admit` and `record`: the window is a ring of the last `window` outcomes in a
 * Uint8Array with the failure count kept incrementally. Only a transition allocates (one small
 * record in `transitions`), and transitions are rare.
 */
import type { BreakerPolicy } from '../model/types.ts';

export type BreakerStateName = 'closed' | 'open' | 'halfOpen';

/** One change of state, for a figure to replay. */
export interface BreakerTransition {
  /** Simulated milliseconds. */
  readonly atMs: number;
  readonly from: BreakerStateName;
  readonly to: BreakerStateName;
}

/** What `admit` returns for a rejected call; an admitted call gets a ticket ≥ 0. */
export const REJECTED = -1;

const CLOSED = 0;
const OPEN = 1;
const HALF_OPEN = 2;
const NAMES: readonly BreakerStateName[] = ['closed', 'open', 'halfOpen'];

export class CircuitBreaker {
  readonly #failureRate: number;
  readonly #minimumCalls: number;
  readonly #cooldown: number;
  readonly #probes: number;
  /** Outcomes of the closed phase, 1 = failure; `#head` is the next slot written. */
  readonly #ring: Uint8Array;
  #head = 0;
  /** Outcomes in the ring (≤ its length) and how many of them are failures. */
  #calls = 0;
  #failures = 0;
  #state = CLOSED;
  /** Bumped on every transition; an admitted call's ticket is the generation it was admitted in. */
  #generation = 0;
  #openedAt = 0;
  #probesAdmitted = 0;
  #probeSuccesses = 0;
  /** Open time of the open phases already ended. */
  #closedOutOpenMs = 0;
  #lastNow = Number.NEGATIVE_INFINITY;
  /** Every transition so far, in order. */
  readonly transitions: BreakerTransition[] = [];

  constructor(policy: BreakerPolicy) {
    const { failureRate, window, cooldown, probes } = policy;
    if (!Number.isInteger(window) || window < 1) {
      throw new RangeError(`breaker window must be a positive integer; found ${window}`);
    }
    if (!Number.isInteger(probes) || probes < 1) {
      throw new RangeError(`breaker probes must be a positive integer; found ${probes}`);
    }
    if (!(cooldown >= 0)) throw new RangeError(`breaker cooldown must be ≥ 0; found ${cooldown}`);
    this.#failureRate = failureRate;
    // Capped at the window, as in the machine (a larger minimum could never be reached).
    this.#minimumCalls = Math.min(policy.minimumCalls, window);
    this.#cooldown = cooldown;
    this.#probes = probes;
    this.#ring = new Uint8Array(window);
  }

  /**
   * Asks to make a call at `now`. Returns its ticket (≥ 0), to pass to `record` with the
   * result, or `REJECTED` (−1) when the breaker sheds the call: the caller must then fail the
   * attempt at once without calling, and must not `record` it.
   */
  admit(now: number): number {
    this.#advance(now);
    if (this.#state === CLOSED) return this.#generation;
    if (this.#state === HALF_OPEN && this.#probesAdmitted < this.#probes) {
      this.#probesAdmitted++;
      return this.#generation;
    }
    return REJECTED;
  }

  /**
   * Reports at `now` the result of a call admitted with `ticket`. A result whose ticket is from
   * another generation (the breaker changed state since the call was admitted) is ignored.
   */
  record(now: number, ticket: number, ok: boolean): void {
    this.#advance(now);
    if (ticket !== this.#generation) return;
    if (this.#state === CLOSED) {
      const ring = this.#ring;
      const failed = ok ? 0 : 1;
      if (this.#calls === ring.length) this.#failures -= ring[this.#head];
      else this.#calls++;
      ring[this.#head] = failed;
      this.#failures += failed;
      this.#head = this.#head + 1 === ring.length ? 0 : this.#head + 1;
      // Same expression as the machine's `failureRateReached`, so rounding agrees too.
      if (
        this.#calls >= this.#minimumCalls &&
        this.#failures > 0 &&
        this.#failures / this.#calls >= this.#failureRate
      ) {
        this.#transition(now, OPEN);
      }
    } else if (this.#state === HALF_OPEN) {
      if (!ok) this.#transition(now, OPEN);
      else if (++this.#probeSuccesses >= this.#probes) this.#transition(now, CLOSED);
    }
    // Open: no call is admitted while open, so no ticket can match; nothing to do.
  }

  /** The state at `now`. */
  state(now: number): BreakerStateName {
    this.#advance(now);
    return NAMES[this.#state];
  }

  /** The current generation: the ticket a call admitted now would get. */
  get generation(): number {
    return this.#generation;
  }

  /** Milliseconds spent open (half-open not included) from the start until `until`. */
  openMs(until: number): number {
    this.#advance(until);
    if (this.#state !== OPEN) return this.#closedOutOpenMs;
    return this.#closedOutOpenMs + Math.max(0, until - this.#openedAt);
  }

  /** Brings the state up to `now`: a cooldown over by then ends at its own time. */
  #advance(now: number): void {
    if (now < this.#lastNow) {
      throw new RangeError(`breaker time went backwards: ${now} after ${this.#lastNow}`);
    }
    this.#lastNow = now;
    if (this.#state === OPEN && now >= this.#openedAt + this.#cooldown) {
      this.#transition(this.#openedAt + this.#cooldown, HALF_OPEN);
    }
  }

  #transition(atMs: number, to: number): void {
    const from = this.#state;
    this.transitions.push({ atMs, from: NAMES[from], to: NAMES[to] });
    if (from === OPEN) this.#closedOutOpenMs += atMs - this.#openedAt;
    if (to === OPEN) this.#openedAt = atMs;
    else if (to === HALF_OPEN) {
      this.#probesAdmitted = 0;
      this.#probeSuccesses = 0;
    } else {
      this.#calls = 0;
      this.#failures = 0;
      this.#head = 0;
    }
    this.#state = to;
    this.#generation++;
  }
}
