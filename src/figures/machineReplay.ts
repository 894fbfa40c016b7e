/**
 * Replays for the state machine view: which state each actor is in over time. A replay is a list
 * of tracks (one per actor: one breaker, or one deploy pipeline per service), each a list of
 * steps `{ atMs, state }` starting in the machine's initial state at 0.
 *
 * Tracks come from the engine, never from a hand-written list: `breakerScenario` drives the
 * native breaker (`simulations/engine/circuitBreaker.ts`) with a seeded, scripted outage, and
 * `releaseTracks` reads the pipelines' states back from a release simulation (whose actors are
 * the real deploy pipeline machine). `checkTrack` proves a track only follows the diagram's
 * arrows.
 */
import type { ReleaseResult } from '../../simulations/analyses/releaseSimulation.ts';
import {
  type BreakerTransition,
  CircuitBreaker,
  REJECTED,
} from '../../simulations/engine/circuitBreaker.ts';
import { Random } from '../../simulations/engine/prng.ts';
import type { BreakerPolicy } from '../../simulations/model/types.ts';
import type { MachineGraph } from './machineLayout.ts';

export interface ReplayStep {
  readonly atMs: number;
  readonly state: string;
}

export interface ReplayTrack {
  /** The actor: a service name, or "breaker". */
  readonly name: string;
  readonly steps: readonly ReplayStep[];
}

/** The track's state at `atMs` and the step that put it there. */
export function stateAt(track: ReplayTrack, atMs: number): { state: string; index: number } {
  let index = 0;
  for (let i = 1; i < track.steps.length; i++) {
    const step = track.steps[i];
    if (step && step.atMs <= atMs) index = i;
  }
  return { state: track.steps[index]?.state ?? '', index };
}

/** Every distinct step time of the replay, ascending: the stops of the time slider. */
export function replayTimes(tracks: readonly ReplayTrack[]): number[] {
  return [...new Set([0, ...tracks.flatMap((t) => t.steps.map((s) => s.atMs))])].sort(
    (a, b) => a - b,
  );
}

/** Throws unless the track starts in the initial state and each step follows an arrow. */
export function checkTrack(track: ReplayTrack, graph: MachineGraph): void {
  const known = new Set(graph.states.map((s) => s.id));
  const initial = graph.states.find((s) => s.initial)?.id;
  const arrows = new Set(graph.transitions.map((t) => `${t.from}->${t.to}`));
  const [first, ...rest] = track.steps;
  if (first?.state !== initial || first?.atMs !== 0) {
    throw new Error(`replay "${track.name}" must start in "${initial}" at 0 ms`);
  }
  let previous = first;
  for (const step of rest) {
    if (!known.has(step.state)) {
      throw new Error(`replay "${track.name}": "${step.state}" is not a state of ${graph.id}`);
    }
    if (step.atMs < previous.atMs) throw new Error(`replay "${track.name}": time goes backwards`);
    if (!arrows.has(`${previous.state}->${step.state}`)) {
      throw new Error(
        `replay "${track.name}": ${graph.id} has no transition ${previous.state} → ${step.state}`,
      );
    }
    previous = step;
  }
}

/** A breaker's transitions as a track starting closed. */
export function breakerTrack(
  transitions: readonly Pick<BreakerTransition, 'atMs' | 'to'>[],
  name = 'breaker',
): ReplayTrack {
  return {
    name,
    steps: [
      { atMs: 0, state: 'closed' },
      ...transitions.map((t) => ({ atMs: t.atMs, state: t.to })),
    ],
  };
}

/** Each service's pipeline states over the release, in deploy order. */
export function releaseTracks(result: ReleaseResult): ReplayTrack[] {
  // Everything still waiting is cancelled when the first canary alarm aborts the group.
  const alarm = result.timeline.find((s) => s.phase === 'canary' && s.outcome === 'failed');
  return result.services.map(({ service, state: final }) => {
    const segments = result.timeline.filter((s) => s.service === service);
    const steps: ReplayStep[] = [{ atMs: 0, state: 'waiting' }];
    segments.forEach((segment, i) => {
      const previous = segments[i - 1];
      // Only a finished rollout rests between phases: it is done until an abort rolls it back.
      if (previous && segment.startMs > previous.endMs) {
        steps.push({ atMs: previous.endMs, state: 'done' });
      }
      steps.push({ atMs: segment.startMs, state: segment.phase });
    });
    const last = segments[segments.length - 1];
    const endMs = last?.endMs ?? alarm?.endMs ?? 0;
    if (final !== (steps[steps.length - 1]?.state ?? 'waiting')) {
      steps.push({ atMs: endMs, state: final });
    }
    return { name: service, steps };
  });
}

/** Calls made in the scripted scenario, for a caption or a strip chart. */
export interface ScenarioCall {
  readonly atMs: number;
  readonly outcome: 'ok' | 'failed' | 'rejected';
}

export interface BreakerScenarioOptions {
  /** Seed of the failure draws (default 1). */
  readonly seed?: number;
  /** Breaker settings (default: opens at 50% of the last 10 calls, 5 at least; 1.5 s cooldown; 3 probes). */
  readonly policy?: BreakerPolicy;
  /** Length of the scenario (default 12 s) and time between calls (default 100 ms). */
  readonly durationMs?: number;
  readonly intervalMs?: number;
  /** The dependency's outage: from, until, and the share of calls failing meanwhile. */
  readonly outage?: {
    readonly fromMs: number;
    readonly untilMs: number;
    readonly failureRate: number;
  };
  /** Share of calls failing outside the outage (default 2%). */
  readonly baseFailureRate?: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = {
  failureRate: 0.5,
  window: 10,
  minimumCalls: 5,
  cooldown: 1500,
  probes: 3,
};

/**
 * A caller making one call every `intervalMs` through the native breaker while its dependency
 * goes through a burst of failures and recovers. Successful calls take 40 ms, failed ones time
 * out at 80 ms, so each result is in before the next call (times never go backwards).
 */
export function breakerScenario(options: BreakerScenarioOptions = {}): {
  transitions: BreakerTransition[];
  calls: ScenarioCall[];
  durationMs: number;
} {
  const {
    seed = 1,
    policy = DEFAULT_BREAKER_POLICY,
    durationMs = 12_000,
    intervalMs = 100,
    outage = { fromMs: 1000, untilMs: 5000, failureRate: 0.9 },
    baseFailureRate = 0.02,
  } = options;
  if (!(intervalMs > 80)) throw new RangeError(`intervalMs must be above 80; found ${intervalMs}`);
  const random = new Random(seed);
  const breaker = new CircuitBreaker(policy);
  const calls: ScenarioCall[] = [];
  for (let t = 0; t < durationMs; t += intervalMs) {
    const ticket = breaker.admit(t);
    const during = t >= outage.fromMs && t < outage.untilMs;
    const fails = random.uniform() < (during ? outage.failureRate : baseFailureRate);
    if (ticket === REJECTED) {
      calls.push({ atMs: t, outcome: 'rejected' });
      continue;
    }
    breaker.record(t + (fails ? 80 : 40), ticket, !fails);
    calls.push({ atMs: t, outcome: fails ? 'failed' : 'ok' });
  }
  breaker.state(durationMs);
  return { transitions: [...breaker.transitions], calls, durationMs };
}
