/**
 * Many seeded releases of one lockstep group, for the question "what does a canary change?".
 *
 * Each run is one `simulateRelease` with its own seed (1 to `runs`), so the answer is as
 * deterministic as one release. Theory, for a group of k services whose deploys are bad with
 * p each: a release rolls back with 1 − (1 − p)ᵏ whatever the canary (`failureRisk`); the
 * canary decides how far a bad version gets before it is gone. With detection d, a share d of the
 * bad releases are caught in the canary, the rest in the rollout.
 */
import { simulateRelease } from '../analyses/releaseSimulation.ts';
import type { Model, Organization } from '../model/types.ts';

export interface ReleaseOddsOptions {
  /** The lockstep group. */
  readonly services: readonly string[];
  /** Releases simulated, seeds 1 to `runs` (default 2,000; at most 100,000). */
  readonly runs?: number;
  readonly release?: Organization['release'];
  /** Share of bad deploys the canary catches (default 1). */
  readonly canaryDetection?: number;
  /** Share of traffic the canary serves (default 5%). */
  readonly canaryTraffic?: number;
}

export interface ReleaseOdds {
  readonly runs: number;
  /** Share of releases rolled back (or failed). */
  readonly rolledBack: number;
  /** Of the rolled-back releases, the share whose alarm came from a canary. */
  readonly caughtInCanary: number;
  /** Mean length of a release that shipped, ms. */
  readonly releasedMs: number;
  /** Mean length of a release that rolled back, from its start to the last rollback's end, ms. */
  readonly rolledBackMs: number;
  /** Mean over bad releases of the largest traffic share a bad version served. */
  readonly peakShare: number;
  /** Mean over bad releases of the bad versions' traffic, in ms of a service's full traffic. */
  readonly fullTrafficMs: number;
}

/** Simulates `runs` releases of the group and averages what they did. */
export function releaseOdds(model: Model, options: ReleaseOddsOptions): ReleaseOdds {
  const { services, runs = 2000, release, canaryDetection, canaryTraffic } = options;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) {
    throw new RangeError(`runs must be a whole number from 1 to 100,000, not ${runs}`);
  }
  let rolledBack = 0;
  let inCanary = 0;
  let releasedMs = 0;
  let rolledBackMs = 0;
  let peak = 0;
  let traffic = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const r = simulateRelease(model, {
      services,
      seed,
      ...(release === undefined ? {} : { release }),
      ...(canaryDetection === undefined ? {} : { canaryDetection }),
      ...(canaryTraffic === undefined ? {} : { canaryTraffic }),
    });
    if (r.outcome === 'released') {
      releasedMs += r.durationMs;
      continue;
    }
    rolledBack++;
    rolledBackMs += r.durationMs;
    if (r.alarm?.phase === 'canary') inCanary++;
    peak += Math.max(0, ...r.exposure.map((e) => e.peakShare));
    traffic += r.exposure.reduce((sum, e) => sum + e.fullTrafficMs, 0);
  }
  const released = runs - rolledBack;
  const per = (total: number, n: number) => (n === 0 ? 0 : total / n);
  return {
    runs,
    rolledBack: rolledBack / runs,
    caughtInCanary: per(inCanary, rolledBack),
    releasedMs: per(releasedMs, released),
    rolledBackMs: per(rolledBackMs, rolledBack),
    peakShare: per(peak, rolledBack),
    fullTrafficMs: per(traffic, rolledBack),
  };
}
