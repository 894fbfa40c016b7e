/**
 * The circuit breaker a calling service keeps for one target service, as the specification the
 * engine's native breaker (`../engine/circuitBreaker.ts`) is tested against.
 *
 * closed: every call is let through; each result of a call admitted in this closed phase enters a
 *   sliding window of the last `window` results. Once the window holds at least
 *   min(`minimumCalls`, `window`) results, at least one of them a failure, and the failed share
 *   reaches `failureRate`, the breaker opens. The check runs after every result, a success
 *   included (a success can be the result that brings the window to `minimumCalls`).
 * open: every call is rejected; after `cooldown` the breaker turns half-open.
 * halfOpen: the first `probes` calls are let through as trials, the rest rejected. When all
 *   `probes` trials have succeeded the breaker closes with an empty window; the first trial that
 *   fails opens it again for a fresh cooldown.
 *
 * Late results. Every transition starts a new *generation*; an admitted call carries the
 * generation it was admitted in as its ticket (`lastTicket`), and the caller reports its result
 * with that ticket. A result counts only in the generation it was admitted in; any other is
 * ignored. So a call admitted while closed that completes after the breaker opened changes
 * nothing: not while open (nothing counts then), not as a probe while half-open (a slow, stale
 * success must not close the breaker, nor a stale failure reopen it), and not in the window of a
 * later closed phase (which starts empty). A trial whose sibling already failed is ignored too.
 * Resilience4j keeps the same rule in effect for open (late results are recorded but never
 * evaluated) but counts late results as trials in half-open; tickets make the rule exact.
 *
 * Time. The cooldown is a delayed transition (`after: { cooldown }`), so the actor runs in any
 * clock it is given: tests hand it a step clock and move it to each event's time before sending
 * it. Keeping time out of the context also keeps the reachable state space finite, which the
 * `xstate/graph` path test needs.
 *
 * A window that has never held a failure never trips, so `failureRate: 0` means "open on any
 * failure once `minimumCalls` results are in", not "open always". A `minimumCalls` above
 * `window` is capped at `window` (as Resilience4j does for count-based windows): otherwise the
 * breaker could never open.
 */
import { assign, setup } from 'xstate';
import type { BreakerPolicy } from '../model/types.ts';

export interface CircuitBreakerInput {
  readonly policy: BreakerPolicy;
}

/** The decision on the most recent REQUEST. */
export type BreakerDecision = 'allow' | 'reject';

export interface CircuitBreakerContext {
  readonly policy: BreakerPolicy;
  /** Results in the closed phase's window, oldest first, `true` for a failure. */
  readonly outcomes: readonly boolean[];
  /** Bumped on every transition; tickets of other generations are stale. */
  readonly generation: number;
  /** Trials let through in this half-open phase. */
  readonly probesAdmitted: number;
  /** Trials that succeeded in this half-open phase. */
  readonly probeSuccesses: number;
  /** Decision on the last REQUEST; null before the first. */
  readonly lastDecision: BreakerDecision | null;
  /** Ticket of the last REQUEST: its generation when allowed, −1 when rejected. */
  readonly lastTicket: number;
}

export type CircuitBreakerEvent =
  /** The caller wants to make a call; read `lastDecision` and `lastTicket` afterwards. */
  | { readonly type: 'REQUEST' }
  /** An admitted call succeeded; `ticket` is the `lastTicket` it was admitted with. */
  | { readonly type: 'SUCCESS'; readonly ticket: number }
  /** An admitted call failed (error, timeout or rejection by the callee). */
  | { readonly type: 'FAILURE'; readonly ticket: number };

/** Every state the breaker can be in. */
export type CircuitBreakerState = 'closed' | 'open' | 'halfOpen';

export const circuitBreakerMachine = setup({
  types: {
    input: {} as CircuitBreakerInput,
    context: {} as CircuitBreakerContext,
    events: {} as CircuitBreakerEvent,
  },
  delays: {
    cooldown: ({ context }) => context.policy.cooldown,
  },
  guards: {
    isCurrent: ({ context, event }) =>
      event.type !== 'REQUEST' && event.ticket === context.generation,
    probeLeft: ({ context }) => context.probesAdmitted < context.policy.probes,
    failureRateReached: ({ context }) => {
      const calls = context.outcomes.length;
      if (calls < Math.min(context.policy.minimumCalls, context.policy.window)) return false;
      const failures = context.outcomes.filter(Boolean).length;
      return failures > 0 && failures / calls >= context.policy.failureRate;
    },
    allProbesSucceeded: ({ context }) => context.probeSuccesses >= context.policy.probes,
  },
  actions: {
    allow: assign({
      lastDecision: 'allow' as const,
      lastTicket: ({ context }) => context.generation,
    }),
    reject: assign({ lastDecision: 'reject' as const, lastTicket: -1 }),
    allowProbe: assign({
      lastDecision: 'allow' as const,
      lastTicket: ({ context }) => context.generation,
      probesAdmitted: ({ context }) => context.probesAdmitted + 1,
    }),
    recordSuccess: assign({
      outcomes: ({ context }) => [...context.outcomes, false].slice(-context.policy.window),
    }),
    recordFailure: assign({
      outcomes: ({ context }) => [...context.outcomes, true].slice(-context.policy.window),
    }),
    countProbeSuccess: assign({ probeSuccesses: ({ context }) => context.probeSuccesses + 1 }),
    clearWindow: assign({ outcomes: [] }),
    resetProbes: assign({ probesAdmitted: 0, probeSuccesses: 0 }),
    nextGeneration: assign({ generation: ({ context }) => context.generation + 1 }),
  },
}).createMachine({
  id: 'circuitBreaker',
  initial: 'closed',
  context: ({ input }) => ({
    policy: input.policy,
    outcomes: [],
    generation: 0,
    probesAdmitted: 0,
    probeSuccesses: 0,
    lastDecision: null,
    lastTicket: -1,
  }),
  states: {
    closed: {
      // The window belongs to one closed phase; the next one starts empty.
      exit: ['clearWindow', 'nextGeneration'],
      // Checked after every result, once its outcome is in the window.
      always: { guard: 'failureRateReached', target: 'open' },
      on: {
        REQUEST: { actions: 'allow' },
        SUCCESS: { guard: 'isCurrent', actions: 'recordSuccess' },
        FAILURE: { guard: 'isCurrent', actions: 'recordFailure' },
      },
    },
    open: {
      exit: 'nextGeneration',
      after: { cooldown: 'halfOpen' },
      // Results arriving now were admitted in an earlier generation: ignored.
      on: { REQUEST: { actions: 'reject' } },
    },
    halfOpen: {
      exit: ['resetProbes', 'nextGeneration'],
      always: { guard: 'allProbesSucceeded', target: 'closed' },
      on: {
        REQUEST: [{ guard: 'probeLeft', actions: 'allowProbe' }, { actions: 'reject' }],
        SUCCESS: { guard: 'isCurrent', actions: 'countProbeSuccess' },
        FAILURE: { guard: 'isCurrent', target: 'open' },
      },
    },
  },
});
