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
    const groups = new Set(a.monolith.deploy.changes.map((c) => c.lockstep.join(',')));
    expect([...groups]).toEqual(['shop']);
    expect(a.monolith.deploy.largestLockstep).toBe(1);
  });

  it('the distributed monolith is chattier than both others, statically and measured', () => {
    const chatty = (x: Analyses) => x.scorecard.chattiness.value;
    expect(chatty(a.distributed)).toBeGreaterThan(chatty(a.micro));
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
    expect(verdictCounts(a.monolith.scorecard)).toEqual({ ok: 6, warn: 0, bad: 0 });
    expect(a.distributed.scorecard.sharedDatastores.verdict).toBe('bad');
    expect(a.distributed.scorecard.sharedModels.verdict).toBe('bad');
    expect(a.micro.scorecard.sharedDatastores.verdict).toBe('ok');
  });

  it('one-click release of the distributed monolith: shorter lead time, lockstep bad → warn', () => {
    const oneClick = analyse({
      ...distributed,
      organization: { ...distributed.organization, release: 'one-click' },
    });
    const leadTime = (x: Analyses) => Math.max(...x.deploy.changes.map((c) => c.leadTimeMs));
    expect(leadTime(oneClick)).toBeLessThan(leadTime(a.distributed));
    expect(a.distributed.scorecard.lockstepDeploys.verdict).toBe('bad');
    expect(oneClick.scorecard.lockstepDeploys.verdict).toBe('warn');
    expect(oneClick.scorecard.lockstepDeploys.why).toContain('one-click');
  });

  it('distributed monolith: static and simulated blast radius agree (nothing optional or async)', () => {
    const simulated = simulatedBlastRadius(distributed, { requests: 1000 });
    for (const [name, entry] of Object.entries(simulated.components)) {
      expect(entry.agrees, `${name}: ${entry.explanation}`).toBe(true);
    }
  });

  it('microservices: optional recommendations cost nothing when down', () => {
    const simulated = simulatedBlastRadius(micro, { requests: 1000 });
    expect(a.micro.blastRadius.recommendations?.share).toBe(0);
    expect(simulated.components.recommendations?.share).toBeLessThanOrEqual(0.02);
    expect(simulated.components.bus?.share).toBeLessThanOrEqual(0.02);
  });
});
