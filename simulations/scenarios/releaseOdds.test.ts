import { describe, expect, it } from 'vitest';
import { failureRisk } from '../analyses/deployCoordination.ts';
import { analyse } from '../analyses/index.ts';
import { distributedMonolithShop } from '../analyses/testing/shops.ts';
import { shopModel } from '../presets/shop/index.ts';
import { releaseOdds } from './releaseOdds.ts';

const GROUP = ['gateway', 'orders', 'payments', 'recommendations'];
const MIN = 60_000;

describe('releaseOdds', () => {
  const model = distributedMonolithShop({ release: 'one-click' });

  it('rolls back as often as 1 − (1 − p)ᵏ says, whatever the canary', () => {
    const risk = failureRisk(model, GROUP);
    for (const canaryDetection of [1, 0]) {
      const odds = releaseOdds(model, { services: GROUP, runs: 2000, canaryDetection });
      // 2000 runs at about 7.8%: a standard error of about 0.6 points.
      expect(Math.abs(odds.rolledBack - risk)).toBeLessThan(0.02);
    }
  });

  it('a perfect canary catches every bad release in the canary; no canary catches none there', () => {
    expect(releaseOdds(model, { services: GROUP, canaryDetection: 1 }).caughtInCanary).toBe(1);
    expect(releaseOdds(model, { services: GROUP, canaryDetection: 0 }).caughtInCanary).toBe(0);
    // About 156 bad releases in 2000: a standard error of about four points.
    const half = releaseOdds(model, { services: GROUP, canaryDetection: 0.5 });
    expect(half.caughtInCanary).toBeGreaterThan(0.38);
    expect(half.caughtInCanary).toBeLessThan(0.66);
  });

  it('without a canary a bad version reaches far more traffic before it is gone', () => {
    const canary = releaseOdds(model, { services: GROUP, canaryDetection: 1 });
    const none = releaseOdds(model, { services: GROUP, canaryDetection: 0 });
    // Caught in the canary, a bad version never serves more than the canary's 5%.
    expect(canary.peakShare).toBeCloseTo(0.05, 12);
    // Caught in the rollout, it reaches on average about halfway up the ramp from 5% to all.
    expect(none.peakShare).toBeGreaterThan(0.4);
    expect(none.peakShare).toBeLessThan(0.65);
    expect(none.fullTrafficMs).toBeGreaterThan(5 * canary.fullTrafficMs);
    // A shipped one-click release takes one ten-minute deploy.
    expect(canary.releasedMs).toBe(10 * MIN);
  });

  it("chapter 5's claim: the shop's shared-models release rolls back within noise of the closed form", () => {
    const shop = shopModel({ cut: 'distributed-monolith' });
    const group = analyse(shop).deploy.changes.find((c) => c.target === 'shop-models');
    const risk = group?.failureRisk ?? 0;
    const runs = 4000;
    const odds = releaseOdds(shop, { services: group?.lockstep ?? [], runs });
    const standardError = Math.sqrt((risk * (1 - risk)) / runs);
    expect(Math.abs(odds.rolledBack - risk)).toBeLessThan(2 * standardError);
  });

  it('refuses a run count it cannot do', () => {
    expect(() => releaseOdds(model, { services: GROUP, runs: 0 })).toThrow(/runs must be/);
  });
});
