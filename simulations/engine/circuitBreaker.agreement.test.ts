/**
 * The native breaker agrees with its specification, the XState machine, state by state and
 * decision by decision.
 *
 * Both are driven by the same commands: a REQUEST (compare the decision and the ticket), a result
 * (current or stale ticket), and time passing (the machine's actor runs on a step clock, so its
 * cooldown timer fires at the simulated moment the native breaker computes lazily). After each
 * command the states and generations must match; at the end, the transition logs (times
 * included) and the open time.
 *
 * Paths come from `xstate/graph` over a small policy: the shortest path to every reachable state,
 * extended by every event possible there (so every edge, self-loops such as ignored stale results
 * included, is taken at least once), and every simple path. Random sequences over random policies
 * come from fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import {
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
  type SerializedSnapshot,
} from 'xstate/graph';
import { StepClock } from '../analyses/stepClock.ts';
import {
  type CircuitBreakerEvent,
  type CircuitBreakerState,
  circuitBreakerMachine,
} from '../machines/circuitBreakerMachine.ts';
import type { BreakerPolicy } from '../model/types.ts';
import { type BreakerTransition, CircuitBreaker, REJECTED } from './circuitBreaker.ts';

type Command =
  | { readonly kind: 'request' }
  /** A result: of a call still outstanding (`pick` chooses which), or with a stale ticket. */
  | {
      readonly kind: 'result';
      readonly ok: boolean;
      readonly pick: number;
      readonly stale: boolean;
    }
  | { readonly kind: 'wait'; readonly ms: number }
  /** Wait exactly until the cooldown ends (hits the boundary that random waits rarely hit). */
  | { readonly kind: 'cooldown' };

type Snapshot = SnapshotFrom<typeof circuitBreakerMachine>;

/** A machine actor and a native breaker, driven in lockstep. */
class Pair {
  readonly clock = new StepClock();
  readonly native: CircuitBreaker;
  readonly actor: Actor<typeof circuitBreakerMachine>;
  readonly machineTransitions: BreakerTransition[] = [];
  /** Tickets of admitted calls whose results are not yet reported. */
  readonly outstanding: number[] = [];
  now = 0;

  constructor(policy: BreakerPolicy) {
    this.native = new CircuitBreaker(policy);
    this.actor = createActor(circuitBreakerMachine, { input: { policy }, clock: this.clock });
    let previous = 'closed' as CircuitBreakerState;
    this.actor.subscribe((snapshot) => {
      const value = snapshot.value;
      if (value !== previous) {
        this.machineTransitions.push({ atMs: this.clock.now, from: previous, to: value });
        previous = value;
      }
    });
    this.actor.start();
  }

  apply(command: Command): void {
    switch (command.kind) {
      case 'request': {
        this.actor.send({ type: 'REQUEST' });
        const ticket = this.native.admit(this.now);
        const { lastDecision, lastTicket } = this.actor.getSnapshot().context;
        expect(ticket === REJECTED ? 'reject' : 'allow').toBe(lastDecision);
        expect(ticket).toBe(lastTicket);
        if (ticket !== REJECTED) this.outstanding.push(ticket);
        break;
      }
      case 'result': {
        let ticket: number;
        if (!command.stale && this.outstanding.length > 0) {
          [ticket] = this.outstanding.splice(command.pick % this.outstanding.length, 1);
        } else {
          ticket = command.stale ? this.native.generation - 1 : this.native.generation;
        }
        this.actor.send({ type: command.ok ? 'SUCCESS' : 'FAILURE', ticket });
        this.native.record(this.now, ticket, command.ok);
        break;
      }
      case 'wait':
        this.advanceTo(this.now + command.ms);
        break;
      case 'cooldown':
        this.advanceTo(this.clock.nextDue() ?? this.now);
        break;
    }
    this.expectAgreement();
  }

  advanceTo(time: number): void {
    this.now = time;
    this.clock.advanceTo(time);
  }

  expectAgreement(): void {
    // A timer set by this command and due now (cooldown 0) has fired by now: the native breaker
    // goes half-open at the instant the cooldown ends, even the instant it opened.
    this.clock.advanceTo(this.now);
    const snapshot = this.actor.getSnapshot();
    expect(this.native.state(this.now)).toBe(snapshot.value);
    expect(this.native.generation).toBe(snapshot.context.generation);
  }

  /** Transition logs and open time agree; call at the end of a sequence. */
  expectSameHistory(): void {
    expect(this.native.transitions).toEqual(this.machineTransitions);
    let openMs = 0;
    let openedAt = 0;
    for (const t of this.machineTransitions) {
      if (t.to === 'open') openedAt = t.atMs;
      if (t.from === 'open') openMs += t.atMs - openedAt;
    }
    if (this.actor.getSnapshot().value === 'open') openMs += this.now - openedAt;
    expect(this.native.openMs(this.now)).toBe(openMs);
  }
}

// --- Paths over the machine's state graph ---

/** The brief's small policy, one with a fractional threshold, and one whose minimum is capped. */
const GRAPH_POLICIES: readonly BreakerPolicy[] = [
  { failureRate: 0.5, window: 4, minimumCalls: 2, cooldown: 100, probes: 2 },
  { failureRate: 0.4, window: 5, minimumCalls: 3, cooldown: 100, probes: 2 },
  { failureRate: 0.6, window: 3, minimumCalls: 5, cooldown: 50, probes: 1 },
];

/** The internal event of the `open` state's cooldown timer. */
const COOLDOWN_EVENT = circuitBreakerMachine.getStateNodeById('circuitBreaker.open').after[0]
  .eventType as string;

/**
 * Events possible in a state: a request; a result with the current ticket when a call of this
 * generation can be in flight (always while closed; while half-open only if a trial is
 * unanswered); a result with a stale ticket; and, while open, the cooldown timer.
 */
function graphEvents(snapshot: Snapshot): CircuitBreakerEvent[] {
  const { generation: g, probesAdmitted, probeSuccesses } = snapshot.context;
  const events: CircuitBreakerEvent[] = [
    { type: 'REQUEST' },
    { type: 'SUCCESS', ticket: g - 1 },
    { type: 'FAILURE', ticket: g - 1 },
  ];
  if (snapshot.value === 'closed' || probesAdmitted > probeSuccesses) {
    events.push({ type: 'SUCCESS', ticket: g }, { type: 'FAILURE', ticket: g });
  }
  // The timer's event is not among the machine's typed events, but traversal may send it.
  if (snapshot.value === 'open') events.push({ type: COOLDOWN_EVENT } as never);
  return events;
}

/**
 * Everything that decides future behaviour. The generation only labels tickets and
 * `lastDecision` is an output (both still compared on every step of a replay).
 */
function serializeState(snapshot: Snapshot): string {
  const { outcomes, probesAdmitted, probeSuccesses } = snapshot.context;
  const window = outcomes.map((failed) => (failed ? 'F' : 'S')).join('');
  return `${snapshot.value} [${window}] trials ${probesAdmitted} ok ${probeSuccesses}`;
}

function serializeEvent(event: CircuitBreakerEvent): string {
  return JSON.stringify(event);
}

function traversal(policy: BreakerPolicy) {
  return { input: { policy }, events: graphEvents, serializeState, serializeEvent };
}

/** The command a graph event stands for, given the generation of the state it leaves. */
function toCommand(event: CircuitBreakerEvent, generation: number): Command {
  if (event.type === 'REQUEST') return { kind: 'request' };
  if (event.type === 'SUCCESS' || event.type === 'FAILURE') {
    const ok = event.type === 'SUCCESS';
    return { kind: 'result', ok, pick: 0, stale: event.ticket !== generation };
  }
  return { kind: 'cooldown' };
}

/** Replays graph steps on a fresh pair; also checks the pair against the traversal's states. */
function replay(
  policy: BreakerPolicy,
  steps: readonly { event: CircuitBreakerEvent; state: Snapshot }[],
): void {
  const pair = new Pair(policy);
  for (const step of steps) {
    const command = toCommand(step.event, pair.actor.getSnapshot().context.generation);
    // A graph result carries the current ticket (or a stale one), not an older call's.
    pair.outstanding.length = 0;
    pair.apply(command);
    expect(serializeState(pair.actor.getSnapshot())).toBe(serializeState(step.state));
  }
  pair.expectSameHistory();
}

describe.each(GRAPH_POLICIES)(
  'native breaker agrees with the machine on graph paths: %o',
  (policy) => {
    const shortest = getShortestPaths(circuitBreakerMachine, traversal(policy));
    const adjacency = getAdjacencyMap(circuitBreakerMachine, traversal(policy));

    it('the graph reaches closed, open and half-open, with every trial count', () => {
      const values = new Set(shortest.map((path) => path.state.value));
      expect([...values].sort()).toEqual(['closed', 'halfOpen', 'open']);
      const trials = new Set(shortest.map((path) => path.state.context.probesAdmitted));
      expect(trials.size).toBe(policy.probes + 1);
      expect(shortest.length).toBe(Object.keys(adjacency).length);
    });

    it('agrees along the shortest path to every state, extended by every event there', () => {
      let edges = 0;
      for (const path of shortest) {
        const from = adjacency[serializeState(path.state) as SerializedSnapshot];
        for (const { event, state } of Object.values(from.transitions)) {
          replay(policy, [...path.steps, { event, state }]);
          edges++;
        }
      }
      // At least a request and two stale results from every state.
      expect(edges).toBeGreaterThanOrEqual(shortest.length * 3);
    });

    it('agrees along every simple path', () => {
      const simple = getSimplePaths(circuitBreakerMachine, traversal(policy));
      expect(simple.length).toBeGreaterThan(shortest.length);
      for (const path of simple) replay(policy, path.steps);
    });
  },
);

// --- Random sequences over random policies ---

const policyArbitrary: fc.Arbitrary<BreakerPolicy> = fc.record({
  failureRate: fc.oneof(
    fc.constantFrom(0, 0.2, 0.25, 1 / 3, 0.5, 0.75, 1),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ),
  window: fc.integer({ min: 1, max: 6 }),
  minimumCalls: fc.integer({ min: 1, max: 8 }),
  cooldown: fc.integer({ min: 0, max: 300 }),
  probes: fc.integer({ min: 1, max: 3 }),
});

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'request' } as const) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('result' as const),
      ok: fc.boolean(),
      pick: fc.nat(),
      stale: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 400 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'cooldown' } as const) },
);

describe('native circuit breaker agrees with circuitBreakerMachine on random sequences', () => {
  it('agrees state by state, decision by decision, and on the history', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(commandArbitrary, { maxLength: 80 }),
        (policy, cmds) => {
          const pair = new Pair(policy);
          for (const command of cmds) pair.apply(command);
          pair.expectSameHistory();
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });
});
