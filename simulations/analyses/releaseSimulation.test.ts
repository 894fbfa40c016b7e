import { describe, expect, it } from 'vitest';
import { deployCoordination, leadTime } from './deployCoordination.ts';
import { simulateRelease } from './releaseSimulation.ts';
import { buildModel } from './testing/modelBuilder.ts';
import { distributedMonolithShop } from './testing/shops.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const GROUP = ['gateway', 'orders', 'payments', 'recommendations'];

/** Three services of two teams whose deploys never fail (or always fail, for `orders`). */
function threeServices(ordersFailureRate = 0) {
  return buildModel({
    services: {
      gateway: { team: 'web', deploy: { duration: 10 * MIN, failureRate: 0 } },
      orders: { team: 'core', deploy: { duration: 20 * MIN, failureRate: ordersFailureRate } },
      payments: { team: 'core', deploy: { duration: 30 * MIN, failureRate: 0 } },
    },
    endpoints: {},
    organization: { handoff: 60 * MIN },
  });
}

describe('simulateRelease', () => {
  it('per-team: a release train waits for each of its teams, as its lead time says', () => {
    const model = buildModel({
      services: {
        shop: {
          team: 'storefront',
          modules: { catalog: 'storefront', orders: 'checkout', stock: 'fulfilment' },
          deploy: { duration: 20 * MIN, failureRate: 0 },
        },
      },
      endpoints: {},
      organization: { handoff: 60 * MIN },
    });
    const result = simulateRelease(model, { services: ['shop'] });
    expect(result.outcome).toBe('released');
    expect(result.handoffs.map((h) => h.toTeam)).toEqual(['fulfilment', 'storefront']);
    expect(result.durationMs).toBe(20 * MIN + 2 * 60 * MIN);
    expect(result.durationMs).toBe(leadTime(model, ['shop']));
  });

  it('per-team: deploys one service after another with one handoff per extra team', () => {
    const result = simulateRelease(threeServices(), {
      services: ['gateway', 'orders', 'payments'],
    });
    expect(result.outcome).toBe('released');
    expect(result.durationMs).toBe(10 * MIN + 60 * MIN + 20 * MIN + 30 * MIN);
    expect(result.handoffs).toEqual([
      { fromTeam: 'web', toTeam: 'core', startMs: 10 * MIN, endMs: 70 * MIN },
    ]);
    const orders = result.timeline.filter((s) => s.service === 'orders');
    expect(orders.map((s) => [s.phase, s.startMs, s.endMs, s.outcome])).toEqual([
      ['build', 70 * MIN, 76 * MIN, 'ok'],
      ['canary', 76 * MIN, 82 * MIN, 'ok'],
      ['rollout', 82 * MIN, 90 * MIN, 'ok'],
    ]);
  });

  it('one-click: deploys the group at once, so the slowest deploy sets the duration', () => {
    const result = simulateRelease(threeServices(), {
      services: ['gateway', 'orders', 'payments'],
      release: 'one-click',
    });
    expect(result.durationMs).toBe(30 * MIN);
    expect(result.handoffs).toEqual([]);
    expect(
      new Set(result.timeline.filter((s) => s.phase === 'build').map((s) => s.startMs)),
    ).toEqual(new Set([0]));
  });

  it('matches the lead time of the deploy analysis when nothing fails', () => {
    for (const release of ['per-team', 'one-click'] as const) {
      const model = distributedMonolithShop({ release });
      const noFailures = {
        ...model,
        services: Object.fromEntries(
          Object.entries(model.services).map(([n, s]) => [
            n,
            { ...s, deploy: { ...s.deploy, failureRate: 0 } },
          ]),
        ),
      };
      const shopDb = deployCoordination(noFailures).changes.find((c) => c.target === 'shop-db');
      const result = simulateRelease(noFailures, { services: GROUP });
      expect(result.durationMs).toBe(shopDb?.leadTimeMs);
      expect(result.durationMs).toBe(release === 'one-click' ? 10 * MIN : 40 * MIN + DAY);
    }
  });

  it('a canary failure rolls the service back and aborts the rest of the group', () => {
    const result = simulateRelease(threeServices(1), {
      services: ['gateway', 'orders', 'payments'],
    });
    expect(result.outcome).toBe('rolledBack');
    expect(result.services).toEqual([
      { service: 'gateway', state: 'rolledBack' },
      { service: 'orders', state: 'rolledBack' },
      { service: 'payments', state: 'cancelled' },
    ]);
    const canary = result.timeline.find((s) => s.service === 'orders' && s.phase === 'canary');
    expect(canary?.outcome).toBe('failed');
    const gatewayRollback = result.timeline.find(
      (s) => s.service === 'gateway' && s.phase === 'rollback',
    );
    // gateway was done: it rolls back from the moment orders' canary fails (4 min rollback).
    expect(gatewayRollback).toMatchObject({ startMs: canary?.endMs, outcome: 'rolledBack' });
    expect(gatewayRollback?.endMs).toBe((canary?.endMs ?? 0) + 4 * MIN);
    expect(result.timeline.some((s) => s.service === 'payments')).toBe(false);
  });

  it('a failed rollback ends the release failed', () => {
    const result = simulateRelease(threeServices(1), {
      services: ['gateway', 'orders', 'payments'],
      rollbackFailureRate: 1,
    });
    expect(result.outcome).toBe('failed');
    expect(result.timeline.filter((s) => s.phase === 'rollback').map((s) => s.outcome)).toEqual([
      'failed',
      'failed',
    ]);
  });

  it('is deterministic per seed, and rolls back about as often as the failure risk says', () => {
    const model = distributedMonolithShop({ release: 'one-click' });
    const once = simulateRelease(model, { services: GROUP, seed: 7 });
    expect(simulateRelease(model, { services: GROUP, seed: 7 })).toEqual(once);
    let rolledBack = 0;
    const runs = 2000;
    for (let seed = 1; seed <= runs; seed++) {
      if (simulateRelease(model, { services: GROUP, seed }).rolledBack) rolledBack++;
    }
    // failureRisk = 1 − 0.98⁴ ≈ 7.8%; 2000 runs give a standard error of about 0.6 points.
    expect(rolledBack / runs).toBeCloseTo(1 - 0.98 ** 4, 1);
  });
});

describe('simulateRelease: canaries and rollbacks', () => {
  const GROUP3 = ['gateway', 'orders', 'payments'];

  it('a canary catches a bad deploy before full rollout as often as its detection says', () => {
    const runs = 2000;
    let atCanary = 0;
    let atRollout = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const result = simulateRelease(threeServices(1), {
        services: GROUP3,
        seed,
        canaryDetection: 0.8,
      });
      // Every bad deploy is caught somewhere: the group never ends released.
      expect(result.outcome).toBe('rolledBack');
      if (result.alarm?.phase === 'canary') atCanary++;
      if (result.alarm?.phase === 'rollout') atRollout++;
    }
    expect(atCanary + atRollout).toBe(runs);
    // 2000 runs: the standard error of the share is about 0.9 points.
    expect(atCanary / runs).toBeCloseTo(0.8, 1);
  });

  it('a bad deploy the canary misses alarms during the rollout and still rolls the group back', () => {
    const result = simulateRelease(threeServices(1), {
      services: GROUP3,
      canaryDetection: 0,
    });
    expect(result.alarm).toMatchObject({ service: 'orders', phase: 'rollout' });
    const orders = result.timeline.filter((s) => s.service === 'orders');
    expect(orders.map((s) => [s.phase, s.outcome])).toEqual([
      ['build', 'ok'],
      ['canary', 'ok'],
      ['rollout', 'failed'],
      ['rollback', 'rolledBack'],
    ]);
    expect(result.services.map((s) => s.state)).toEqual(['rolledBack', 'rolledBack', 'cancelled']);
    // The alarm comes within the rollout (40% of orders' 20 min), after the 6 min canary.
    const rollout = orders[2];
    expect(result.alarm?.atMs).toBe(rollout?.endMs);
    expect((rollout?.endMs ?? 0) - (rollout?.startMs ?? 0)).toBeLessThan(8 * MIN);
    const [exposed] = result.exposure;
    expect(exposed?.caughtIn).toBe('rollout');
    expect(exposed?.peakShare).toBeGreaterThan(0.05);
  });

  it('a rollback takes 40% of the deploy, and the exposure matches the closed form', () => {
    const result = simulateRelease(threeServices(1), { services: GROUP3, canaryTraffic: 0.1 });
    const canary = result.timeline.find((s) => s.service === 'orders' && s.phase === 'canary');
    const rollback = result.timeline.find((s) => s.service === 'orders' && s.phase === 'rollback');
    expect(canary?.outcome).toBe('failed');
    // orders deploys in 20 min, so its rollback takes 8 min from the moment of the alarm.
    expect(rollback?.startMs).toBe(canary?.endMs);
    expect((rollback?.endMs ?? 0) - (rollback?.startMs ?? 0)).toBe(8 * MIN);
    // Canary traffic until the alarm, then a linear ramp down over the rollback: 10% × (a + R/2).
    const a = (canary?.endMs ?? 0) - (canary?.startMs ?? 0);
    expect(result.exposure).toHaveLength(1);
    expect(result.exposure[0]?.peakShare).toBeCloseTo(0.1, 12);
    expect(result.exposure[0]?.fullTrafficMs).toBeCloseTo(0.1 * (a + (8 * MIN) / 2), 6);
  });

  it('a canary changes when a release fails, never how often', () => {
    const model = distributedMonolithShop({ release: 'one-click' });
    const runs = 2000;
    let rolledBack = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const r = simulateRelease(model, { services: GROUP, seed, canaryDetection: 0.5 });
      if (r.rolledBack) rolledBack++;
    }
    expect(rolledBack / runs).toBeCloseTo(1 - 0.98 ** 4, 1);
  });

  it('with a perfect canary (the default), every seed tells the story it told before', () => {
    const model = distributedMonolithShop({ release: 'one-click' });
    for (const seed of [1, 7, 42]) {
      const plain = simulateRelease(model, { services: GROUP, seed });
      const perfect = simulateRelease(model, { services: GROUP, seed, canaryDetection: 1 });
      expect(perfect).toEqual(plain);
      if (plain.alarm !== null) expect(plain.alarm.phase).toBe('canary');
    }
  });

  it('refuses a detection or traffic share outside [0, 1] with a message naming it', () => {
    expect(() =>
      simulateRelease(threeServices(), { services: GROUP3, canaryDetection: 1.5 }),
    ).toThrow(/canaryDetection must be a share in \[0, 1\], not 1.5/);
    expect(() =>
      simulateRelease(threeServices(), { services: GROUP3, canaryTraffic: Number.NaN }),
    ).toThrow(/canaryTraffic/);
  });
});

describe('simulateRelease: a release train without a team of its own', () => {
  it('waits one handoff per team beyond the first, as its lead time says', () => {
    const model = buildModel({
      services: {
        shop: {
          modules: { catalog: 'storefront', orders: 'checkout', stock: 'fulfilment' },
          deploy: { duration: 10 * MIN, failureRate: 0 },
        },
      },
      endpoints: {},
      organization: { handoff: DAY },
    });
    const result = simulateRelease(model, { services: ['shop'] });
    expect(result.handoffs).toHaveLength(2);
    expect(result.durationMs).toBe(2 * DAY + 10 * MIN);
    expect(result.durationMs).toBe(leadTime(model, ['shop']));
  });
});
