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
