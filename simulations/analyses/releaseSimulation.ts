/**
 * A coordinated release of one lockstep group, step by step in simulated time: one deploy
 * pipeline actor per service, all on one `StepClock`. Per-team releases deploy the services one
 * after another and wait a handoff whenever another team takes over (each team of a release
 * train signs off in turn before its service deploys); a one-click
 * release starts them all at once. A canary alarm (drawn from each service's `failureRate` with a
 * seeded generator) rolls that service back and aborts the rest of the group, because a lockstep
 * group must not be left half-deployed. A canary catches a bad deploy with `canaryDetection`; one
 * it misses raises its alarm during the rollout instead, once more of the traffic has met it, so
 * `exposure` says how much traffic each bad version served before it was gone.
 */
import { type Actor, createActor } from 'xstate';
import { Random } from '../engine/prng.ts';
import {
  type DeployPipelineState,
  deployPipelineMachine,
  type RollbackCause,
} from '../machines/deployPipelineMachine.ts';
import type { Model, Organization } from '../model/types.ts';
import { compareNames } from './compareNames.ts';
import { NO_TEAM, teamsOf } from './ownership.ts';
import { StepClock } from './stepClock.ts';

export type ReleasePhase = 'build' | 'canary' | 'rollout' | 'rollback';

/** One bar of the release timeline. */
export interface ReleaseSegment {
  readonly service: string;
  /** `null` for a service without a team. */
  readonly team: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly phase: ReleasePhase;
  /**
   * `ok`: the phase completed; `failed`: the canary raised an alarm or the rollback failed;
   * `aborted`: another service's failure cut it short; `rolledBack`: the rollback completed.
   */
  readonly outcome: 'ok' | 'failed' | 'aborted' | 'rolledBack';
}

/** A wait between two teams' deploys in a per-team release. */
export interface Handoff {
  readonly fromTeam: string | null;
  readonly toTeam: string | null;
  readonly startMs: number;
  readonly endMs: number;
}

/** How much of one service's traffic a bad version served before it was rolled back. */
export interface Exposure {
  readonly service: string;
  /** Where the alarm came from: its canary, its rollout, or another service's alarm (`aborted`). */
  readonly caughtIn: RollbackCause;
  /** The largest share of the service's traffic the bad version served at any moment. */
  readonly peakShare: number;
  /**
   * The bad version's traffic over time, in milliseconds of the service's full traffic: 5% of
   * the traffic for 60 s is 3 s. Canary at `canaryTraffic`, the rollout ramping linearly to all of
   * it, the rollback ramping linearly back to none.
   */
  readonly fullTrafficMs: number;
}

export interface ReleaseResult {
  readonly release: Organization['release'];
  /** Segments ordered by start time, then service. */
  readonly timeline: readonly ReleaseSegment[];
  readonly handoffs: readonly Handoff[];
  /** Where each service ended: `done`, `rolledBack`, `failed` or `cancelled` (never started). */
  readonly services: readonly { readonly service: string; readonly state: DeployPipelineState }[];
  /** From the first deploy's start to the last segment's end. */
  readonly durationMs: number;
  readonly rolledBack: boolean;
  readonly outcome: 'released' | 'rolledBack' | 'failed';
  /** The alarm that rolled the group back, if one did (there is at most one: it aborts the rest). */
  readonly alarm: {
    readonly service: string;
    readonly phase: 'canary' | 'rollout';
    readonly atMs: number;
  } | null;
  /** Every bad deploy that went live (reached its canary), with the traffic it served. */
  readonly exposure: readonly Exposure[];
}

export interface ReleaseOptions {
  /**
   * The lockstep group. Per-team releases deploy it in this order, grouped by team (teams in
   * order of first appearance), one service after another.
   */
  readonly services: readonly string[];
  /** Seed of the canary and rollback draws; defaults to the document's workload seed. */
  readonly seed?: number;
  /** Overrides the document's `organization.release`. */
  readonly release?: Organization['release'];
  /** Share of a deploy's duration each phase takes (default build 30%, canary 30%, rollout 40%). */
  readonly phases?: { readonly build: number; readonly canary: number; readonly rollout: number };
  /** A rollback's length as a share of the deploy duration (default 40%: a rollout in reverse). */
  readonly rollbackShare?: number;
  /** Chance that a rollback itself fails and needs a person (default 0). */
  readonly rollbackFailureRate?: number;
  /**
   * Share of bad deploys the canary catches (default 1: every one). A bad deploy it misses raises
   * its alarm during the rollout, at a uniformly drawn moment of it. 0 stands for no canary.
   */
  readonly canaryDetection?: number;
  /** Share of the service's traffic the canary serves (default 5%); the rollout ramps it to all. */
  readonly canaryTraffic?: number;
}

type PipelineActor = Actor<typeof deployPipelineMachine>;

const PHASES: ReadonlySet<string> = new Set(['build', 'canary', 'rollout', 'rollback']);

/** Simulates one coordinated release of `services` and returns a drawable timeline. */
export function simulateRelease(model: Model, options: ReleaseOptions): ReleaseResult {
  const {
    services,
    seed = model.workload.seed,
    release = model.organization.release,
    phases = { build: 0.3, canary: 0.3, rollout: 0.4 },
    rollbackShare = 0.4,
    rollbackFailureRate = 0,
    canaryDetection = 1,
    canaryTraffic = 0.05,
  } = options;
  for (const name of services) {
    if (model.services[name] === undefined) throw new Error(`unknown service "${name}"`);
  }
  for (const [name, share] of [
    ['canaryDetection', canaryDetection],
    ['canaryTraffic', canaryTraffic],
    ['rollbackFailureRate', rollbackFailureRate],
  ] as const) {
    if (!(share >= 0 && share <= 1))
      throw new RangeError(`${name} must be a share in [0, 1], not ${share}`);
  }
  const random = new Random(seed);
  // Detection draws come from their own stream, so a release with a perfect canary (the default)
  // draws exactly what it drew before canaries could miss, and every seed tells the same story.
  const detection = new Random((seed + 0x6a09e667) >>> 0);
  const clock = new StepClock();
  const timeline: ReleaseSegment[] = [];
  const handoffs: Handoff[] = [];
  const actors = new Map<string, PipelineActor>();
  const teamOf = (s: string) => model.services[s]?.team ?? null;
  // Every team that signs off a service's release (a release train has several).
  const signers = (s: string) => teamsOf(model, s).map((t) => (t === NO_TEAM ? null : t));
  // Who presses deploy: the pipeline's team, or for a service without one whose modules have
  // teams (a monolith several teams share), the last of those to sign off. Without this the
  // missing team would count as one more team and add a handoff the lead time does not have.
  const presserOf = (s: string) => teamOf(s) ?? signers(s).at(-1) ?? null;
  const seen = new Set<string | null>();
  let aborted = false;

  const abortOthers = (failing: string) => {
    if (aborted) return;
    aborted = true;
    for (const [name, other] of actors) if (name !== failing) other.send({ type: 'ABORT' });
  };

  // Draw every random number up front, in deploy order, so the draws do not depend on timing.
  const plans = byTeam(services, teamOf).map((service) => {
    const duration = model.services[service]?.deploy.duration ?? 0;
    const failureRate = model.services[service]?.deploy.failureRate ?? 0;
    const canaryMs = duration * phases.canary;
    const rollbackMs = duration * rollbackShare;
    return {
      service,
      durations: {
        build: duration * phases.build,
        canary: canaryMs,
        rollout: duration * phases.rollout,
        rollback: rollbackMs,
      },
      canaryFails: random.uniform() < failureRate,
      canaryAlarmMs: random.uniform() * canaryMs,
      rollbackFails: random.uniform() < rollbackFailureRate,
      rollbackAlarmMs: random.uniform() * rollbackMs,
      canaryCatches: detection.uniform() < canaryDetection,
      rolloutAlarmMs: detection.uniform() * duration * phases.rollout,
    };
  });
  let alarm: ReleaseResult['alarm'] = null;

  let nextIndex = 0;
  const startNext = () => {
    const plan = plans[nextIndex++];
    if (plan === undefined || aborted) return;
    actors.get(plan.service)?.send({ type: 'START' });
  };
  /**
   * Per-team: before the next service deploys, each of its teams not yet involved takes over
   * from the last one, a handoff each; the first team of the release starts at once. So a group
   * waits a handoff per team beyond the first, release-train teams included.
   */
  let lastTeam: string | null | undefined;
  const handOverThenStart = () => {
    const next = plans[nextIndex];
    if (next === undefined || aborted) return;
    const primary = presserOf(next.service);
    // The pipeline's own team goes last, so it is the one that presses deploy.
    const fresh = signers(next.service).filter((t) => !seen.has(t) && t !== primary);
    if (!seen.has(primary)) fresh.push(primary);
    // The release's first team starts it at once; every later one takes over with a handoff.
    const chain = lastTeam === undefined ? fresh.slice(1) : fresh;
    if (lastTeam === undefined && fresh[0] !== undefined) {
      seen.add(fresh[0]);
      lastTeam = fresh[0];
    }
    const step = () => {
      if (aborted) return;
      const to = chain.shift();
      if (to === undefined) {
        lastTeam = primary;
        return startNext();
      }
      const startMs = clock.now;
      clock.setTimeout(() => {
        if (aborted) return;
        handoffs.push({ fromTeam: lastTeam ?? null, toTeam: to, startMs, endMs: clock.now });
        seen.add(to);
        lastTeam = to;
        step();
      }, model.organization.handoff);
    };
    step();
  };

  for (const plan of plans) {
    const actor = createActor(deployPipelineMachine, {
      input: { service: plan.service, durations: plan.durations },
      clock,
    });
    let open: { phase: ReleasePhase; startMs: number } | null = null;
    let previous: DeployPipelineState = 'waiting';
    actor.subscribe((snapshot) => {
      const state = snapshot.value as DeployPipelineState;
      if (state === previous) return;
      if (open !== null) {
        timeline.push({
          service: plan.service,
          team: teamOf(plan.service),
          startMs: open.startMs,
          endMs: clock.now,
          phase: open.phase,
          outcome: outcomeOf(open.phase, state, snapshot.context.rollbackCause),
        });
        open = null;
      }
      if (PHASES.has(state)) open = { phase: state as ReleasePhase, startMs: clock.now };
      previous = state;
      onEnter(plan, actor, state);
    });
    actors.set(plan.service, actor);
  }

  function onEnter(plan: (typeof plans)[number], actor: PipelineActor, state: DeployPipelineState) {
    // `canaryFails` is "this deploy is bad"; the canary sees it only when it catches it.
    if (state === 'canary' && plan.canaryFails && plan.canaryCatches) {
      clock.setTimeout(() => {
        if (actor.getSnapshot().value !== 'canary') return;
        alarm ??= { service: plan.service, phase: 'canary', atMs: clock.now };
        actor.send({ type: 'CANARY_FAILED' });
      }, plan.canaryAlarmMs);
    }
    if (state === 'rollout' && plan.canaryFails && !plan.canaryCatches) {
      clock.setTimeout(() => {
        if (actor.getSnapshot().value !== 'rollout') return;
        alarm ??= { service: plan.service, phase: 'rollout', atMs: clock.now };
        actor.send({ type: 'ROLLOUT_FAILED' });
      }, plan.rolloutAlarmMs);
    }
    if (state === 'rollback' && plan.rollbackFails) {
      clock.setTimeout(() => actor.send({ type: 'ROLLBACK_FAILED' }), plan.rollbackAlarmMs);
    }
    const cause = actor.getSnapshot().context.rollbackCause;
    if (state === 'rollback' && (cause === 'canary' || cause === 'rollout')) {
      abortOthers(plan.service);
    }
    if (state === 'done' && release === 'per-team') handOverThenStart();
  }

  for (const actor of actors.values()) actor.start();
  if (release === 'one-click') {
    while (nextIndex < plans.length) startNext();
  } else {
    handOverThenStart();
  }
  while (clock.step()) {
    // Each step fires one timer; the actors' subscriptions record the timeline.
  }

  const finalStates = plans.map((p) => ({
    service: p.service,
    state: (actors.get(p.service)?.getSnapshot().value ?? 'waiting') as DeployPipelineState,
  }));
  for (const actor of actors.values()) actor.stop();
  timeline.sort((a, b) => a.startMs - b.startMs || compareNames(a.service, b.service));
  const rolledBack = timeline.some((s) => s.phase === 'rollback');
  const exposure = plans
    .filter((p) => p.canaryFails)
    .map((p) => exposureOf(p.service, timeline, canaryTraffic, p.durations, alarm))
    .filter((e): e is Exposure => e !== null);
  return {
    release,
    timeline,
    handoffs,
    services: finalStates,
    durationMs: timeline.reduce((end, s) => Math.max(end, s.endMs), 0),
    rolledBack,
    outcome: finalStates.some((s) => s.state === 'failed')
      ? 'failed'
      : rolledBack
        ? 'rolledBack'
        : 'released',
    alarm,
    exposure,
  };
}

/**
 * The traffic one bad version served: the canary's share while it ran, the rollout's linear ramp
 * from that share to all traffic, and the rollback's ramp from wherever it started back to none.
 * `null` when the bad version never went live (cancelled, or aborted while building).
 */
function exposureOf(
  service: string,
  timeline: readonly ReleaseSegment[],
  canaryTraffic: number,
  durations: { readonly rollout: number; readonly rollback: number },
  alarm: ReleaseResult['alarm'],
): Exposure | null {
  const mine = timeline.filter((s) => s.service === service);
  if (!mine.some((s) => s.phase === 'canary')) return null;
  let share = 0;
  let peakShare = 0;
  let fullTrafficMs = 0;
  for (const s of mine) {
    const length = s.endMs - s.startMs;
    if (s.phase === 'canary') {
      share = canaryTraffic;
      fullTrafficMs += share * length;
    } else if (s.phase === 'rollout') {
      // The ramp reaches all traffic at the rollout's planned end, wherever it was cut short.
      const planned = durations.rollout;
      const end = canaryTraffic + (1 - canaryTraffic) * (planned === 0 ? 1 : length / planned);
      fullTrafficMs += ((share + end) / 2) * length;
      share = end;
    } else if (s.phase === 'rollback') {
      const end =
        durations.rollback === 0 ? 0 : share * Math.max(0, 1 - length / durations.rollback);
      fullTrafficMs += ((share + end) / 2) * length;
      share = end;
    }
    peakShare = Math.max(peakShare, share);
  }
  const caughtIn: RollbackCause =
    alarm?.service === service
      ? alarm.phase
      : mine.some((s) => s.phase === 'rollback')
        ? 'aborted'
        : 'rollout';
  return { service, caughtIn, peakShare, fullTrafficMs };
}

/** Services grouped by team (teams in order of first appearance), so each team hands off once. */
function byTeam(services: readonly string[], teamOf: (s: string) => string | null): string[] {
  const groups = new Map<string | null, string[]>();
  for (const s of services) groups.set(teamOf(s), [...(groups.get(teamOf(s)) ?? []), s]);
  return [...groups.values()].flat();
}

function outcomeOf(
  phase: ReleasePhase,
  next: DeployPipelineState,
  cause: RollbackCause | null,
): ReleaseSegment['outcome'] {
  if (phase === 'rollback') return next === 'rolledBack' ? 'rolledBack' : 'failed';
  if (next === 'cancelled') return 'aborted';
  if (next === 'rollback') return cause === 'aborted' ? 'aborted' : 'failed';
  return 'ok';
}
