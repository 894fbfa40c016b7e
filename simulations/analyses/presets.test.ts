/**
 * The analyses on the three shop presets: the claims the essays make about them, checked.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { verdictCounts } from './check.ts';
import { analyse } from './index.ts';
import { simulatedBlastRadius } from './simulatedBlastRadius.ts';
import { presetModel } from './testing/presetModels.ts';
import type { Analyses } from './types.ts';

const monolith = presetModel('monolith');
const distributed = presetModel('distributed-monolith');
const micro = presetModel('microservices');

/**
 * The largest blast radius among components users do not call directly: every preset routes all
 * traffic through its entry service (the gateway, or the monolith itself), which says nothing
 * about the architecture behind it.
 */
function largestBehindEntry(model: Model, analyses: Analyses): number {
  const entry = new Set(Object.values(model.endpoints).map((e) => e.service));
  return Math.max(
    ...Object.entries(analyses.blastRadius)
      .filter(([name]) => !entry.has(name))
      .map(([, r]) => r.share),
  );
}

describe('analyses on the presets', () => {
  const a = {
    monolith: analyse(monolith),
    distributed: analyse(distributed),
    micro: analyse(micro),
  };

  it('distributed monolith: a datastore with blast radius 100% and a lockstep group of 3+', () => {
    const full = Object.keys(distributed.datastores).filter(
      (d) => a.distributed.blastRadius[d]?.share === 1,
    );
    expect(full).toEqual(['shop-db']);
    expect(a.distributed.deploy.largestLockstep).toBeGreaterThanOrEqual(3);
  });

  it('microservices: smaller largest blast radius and smaller mean lockstep', () => {
    expect(largestBehindEntry(micro, a.micro)).toBeLessThan(
      largestBehindEntry(distributed, a.distributed),
    );
    expect(a.micro.deploy.meanLockstep).toBeLessThan(a.distributed.deploy.meanLockstep);
  });

  it('monolith: one lockstep group, of its one service', () => {
    const groups = new Set(
      a.monolith.deploy.changes
        .filter((c) => c.lockstep.length > 0)
        .map((c) => c.lockstep.join(',')),
    );
    expect([...groups]).toEqual(['shop']);
    expect(a.monolith.deploy.largestLockstep).toBe(1);
  });

  it('the distributed monolith is chattier than both others, statically and measured', () => {
    const chatty = (x: Analyses) => x.scorecard.chattiness.value;
    expect(chatty(a.distributed)).toBeGreaterThanOrEqual(chatty(a.micro));
    expect(chatty(a.distributed)).toBeGreaterThan(chatty(a.monolith));
    expect(chatty(a.monolith)).toBe(0);
    const measured = (m: Model) => simulateSync(m, { requests: 1000 }).syncCallsPerRequest;
    const dm = measured(distributed);
    expect(dm).toBeGreaterThan(measured(micro));
    expect(dm).toBeGreaterThan(measured(monolith));
  });

  it('the distributed monolith has more bad verdicts than microservices', () => {
    expect(verdictCounts(a.distributed.scorecard).bad).toBeGreaterThan(
      verdictCounts(a.micro.scorecard).bad,
    );
    // The monolith's only costs are those of its release train, if several teams own it.
    for (const key of ['chattiness', 'sharedDatastores', 'sharedModels'] as const) {
      expect(a.monolith.scorecard[key].verdict).toBe('ok');
    }
    expect(a.distributed.scorecard.sharedDatastores.verdict).toBe('bad');
    expect(a.distributed.scorecard.sharedModels.verdict).toBe('bad');
    expect(a.micro.scorecard.sharedDatastores.verdict).toBe('ok');
  });

  it('one-click release of the distributed monolith: shorter lead time; bad only if risky', () => {
    const oneClick = analyse({
      ...distributed,
      organization: { ...distributed.organization, release: 'one-click' },
    });
    const leadTime = (x: Analyses) => Math.max(...x.deploy.changes.map((c) => c.leadTimeMs));
    expect(leadTime(oneClick)).toBeLessThan(leadTime(a.distributed));
    expect(a.distributed.scorecard.lockstepDeploys.verdict).toBe('bad');
    const largest = oneClick.deploy.changes.filter(
      (c) => c.lockstep.length === oneClick.deploy.largestLockstep,
    );
    const risky = largest.some((c) => c.failureRisk >= 0.15);
    expect(oneClick.scorecard.lockstepDeploys.verdict).toBe(risky ? 'bad' : 'warn');
    expect(oneClick.scorecard.lockstepDeploys.why).toContain('one-click');
  });

  it('distributed monolith: down agrees with the static blast radius (nothing optional or async)', async () => {
    const simulated = await simulatedBlastRadius(distributed, { requests: 1000 });
    for (const [name, entry] of Object.entries(simulated.components)) {
      expect(entry.down.agrees, `${name}: ${entry.why.join(' / ')}`).toBe(true);
    }
  });

  it('microservices: recommendations down costs what the graph says', async () => {
    const simulated = await simulatedBlastRadius(micro, { requests: 1000 });
    const recommendations = simulated.components.recommendations;
    expect(recommendations?.staticShare).toBe(a.micro.blastRadius.recommendations?.share);
    expect(recommendations?.down.agrees, recommendations?.why.join(' / ')).toBe(true);
  });
});
