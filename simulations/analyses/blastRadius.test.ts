import { describe, expect, it } from 'vitest';
import { staticBlastRadius } from './blastRadius.ts';
import { buildModel, call, parallel, publish, query } from './testing/modelBuilder.ts';
import { distributedMonolithShop, microservicesShop, monolithShop } from './testing/shops.ts';

describe('staticBlastRadius', () => {
  it('gives a datastore every endpoint queries a blast radius of 100%', () => {
    const radius = staticBlastRadius(distributedMonolithShop());
    expect(radius['shop-db']).toEqual({ endpoints: ['browse', 'checkout'], share: 1 });
  });

  it('counts endpoints reached through non-optional calls only', () => {
    const radius = staticBlastRadius(distributedMonolithShop());
    expect(radius.payments).toEqual({ endpoints: ['checkout'], share: 0.2 });
    // recommendations is optional for browse, its only caller.
    expect(radius.recommendations).toEqual({ endpoints: [], share: 0 });
  });

  it('counts non-optional children of a parallel step and skips optional ones', () => {
    const radius = staticBlastRadius(microservicesShop());
    expect(radius.catalog?.share).toBe(0.8);
    expect(radius.orders?.endpoints).toEqual(['checkout']);
  });

  it('does not count publishing: consumers and the bus are asynchronous', () => {
    const radius = staticBlastRadius(microservicesShop());
    expect(radius.shipping?.share).toBe(0);
    expect(radius['shipping-db']?.share).toBe(0);
    expect(radius.bus).toEqual({ endpoints: [], share: 0 });
  });

  it('counts the service of an in-process call', () => {
    const radius = staticBlastRadius(monolithShop());
    expect(radius.shop?.share).toBe(1);
    expect(radius.db?.share).toBe(1);
    expect(Object.keys(radius)).toEqual(['shop', 'db']);
  });

  it('drops a whole optional parallel step, and follows calls transitively', () => {
    const model = buildModel({
      datastores: { a: {}, b: {} },
      services: {
        front: {
          operations: {
            go: [call('mid.go'), parallel([query('b')], { optional: true })],
          },
        },
        mid: { operations: { go: [call('back.go')] } },
        back: { operations: { go: [query('a'), publish('x')] } },
      },
      events: { x: { publisher: 'back' } },
      endpoints: { go: ['front.go', 1] },
    });
    const radius = staticBlastRadius(model);
    expect(radius.back?.share).toBe(1);
    expect(radius.a?.share).toBe(1);
    expect(radius.b?.share).toBe(0);
  });
});
