import { describe, expect, it } from 'vitest';
import { defaultChanges, deployCoordination } from './deployCoordination.ts';
import { buildModel, call } from './testing/modelBuilder.ts';
import { distributedMonolithShop, microservicesShop, monolithShop } from './testing/shops.ts';
import type { DeployChange } from './types.ts';

const DAY = 86_400_000;
const TEN_MINUTES = 600_000;

function change(changes: readonly DeployChange[], target: string): DeployChange {
  const found = changes.find((c) => c.target === target);
  if (found === undefined) throw new Error(`no change for ${target}`);
  return found;
}

describe('deployCoordination', () => {
  it('lists every library, datastore, event and operation as a default breaking change', () => {
    expect(defaultChanges(microservicesShop()).map((c) => c.target)).toEqual([
      'orders-db',
      'catalog-db',
      'shipping-db',
      'order-placed',
      'gateway.checkout',
      'gateway.browse',
      'orders.create',
      'orders.recent',
      'catalog.list',
      'shipping.schedule',
    ]);
  });

  it('puts every user of a library and every querier of a datastore in lockstep', () => {
    const { changes, largestLockstep } = deployCoordination(distributedMonolithShop());
    expect(change(changes, 'shop-models').lockstep).toEqual(['gateway', 'orders', 'payments']);
    expect(change(changes, 'shop-db').lockstep).toEqual([
      'gateway',
      'orders',
      'payments',
      'recommendations',
    ]);
    expect(largestLockstep).toBe(4);
  });

  it('puts an operation with its callers, and an event with publisher and consumers', () => {
    const { changes } = deployCoordination(microservicesShop());
    expect(change(changes, 'orders.recent').lockstep).toEqual(['gateway', 'orders']);
    expect(change(changes, 'gateway.checkout').lockstep).toEqual(['gateway']);
    expect(change(changes, 'order-placed').lockstep).toEqual(['orders', 'shipping']);
  });

  it('per-team: sums deploy durations and adds a handoff per extra team', () => {
    const shopDb = change(deployCoordination(distributedMonolithShop()).changes, 'shop-db');
    expect(shopDb.teams).toEqual(['orders', 'storefront']);
    expect(shopDb.leadTimeMs).toBe(4 * TEN_MINUTES + DAY);
  });

  it('one-click: the longest deploy in the group', () => {
    const model = distributedMonolithShop({ release: 'one-click' });
    expect(change(deployCoordination(model).changes, 'shop-db').leadTimeMs).toBe(TEN_MINUTES);
  });

  it('failure risk is the chance that at least one deploy fails', () => {
    const shopModels = change(deployCoordination(distributedMonolithShop()).changes, 'shop-models');
    expect(shopModels.failureRisk).toBeCloseTo(1 - 0.98 ** 3, 12);
  });

  it('the monolith has one lockstep group of one service', () => {
    const { changes, largestLockstep, meanLockstep } = deployCoordination(monolithShop());
    expect(new Set(changes.map((c) => c.lockstep.join()))).toEqual(new Set(['shop']));
    expect(largestLockstep).toBe(1);
    expect(meanLockstep).toBe(1);
  });

  it('microservices lockstep less than the distributed monolith', () => {
    const micro = deployCoordination(microservicesShop());
    const dm = deployCoordination(distributedMonolithShop());
    expect(micro.largestLockstep).toBeLessThan(dm.largestLockstep);
    expect(micro.meanLockstep).toBeLessThan(dm.meanLockstep);
  });

  it('decides an event change by the rules: a compatible one ships with the publisher', () => {
    const base = microservicesShop();
    const model = {
      ...base,
      changes: [
        {
          target: 'order-placed',
          targetKind: 'event' as const,
          add: { giftWrap: { type: 'boolean' as const, required: false, default: false } },
        },
        {
          target: 'order-placed',
          targetKind: 'event' as const,
          add: { giftWrap: { type: 'boolean' as const, required: true } },
        },
      ],
    };
    const documented = deployCoordination(model).changes.filter((c) => c.origin === 'document');
    expect(documented.map((c) => [c.breaking, c.lockstep])).toEqual([
      [false, ['orders']],
      [true, ['orders', 'shipping']],
    ]);
    expect(documented[1]?.reason).toContain('order-placed.v2');
  });

  it('counts services without a team as one implicit team', () => {
    const model = buildModel({
      services: {
        a: { operations: { go: [call('b.go')] } },
        b: { operations: { go: [] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    const bGo = change(deployCoordination(model).changes, 'b.go');
    expect(bGo.teams).toEqual([]);
    expect(bGo.leadTimeMs).toBe(2 * TEN_MINUTES);
  });
});
