import { describe, expect, it } from 'vitest';
import { explain, simulatedBlastRadius } from './simulatedBlastRadius.ts';
import { buildModel, call, publish, query } from './testing/modelBuilder.ts';
import { distributedMonolithShop } from './testing/shops.ts';

/** Everything synchronous and required: the graph tells the whole story. */
function strictChain() {
  return buildModel({
    datastores: { 'orders-db': {}, 'catalog-db': {} },
    services: {
      gateway: {
        operations: { checkout: [call('orders.create')], browse: [call('catalog.list')] },
      },
      orders: { operations: { create: [query('orders-db'), call('catalog.price')] } },
      catalog: { operations: { list: [query('catalog-db')], price: [query('catalog-db')] } },
    },
    endpoints: { checkout: ['gateway.checkout', 30], browse: ['gateway.browse', 70] },
  });
}

describe('simulatedBlastRadius', () => {
  it('agrees with the static blast radius when nothing is optional or asynchronous', () => {
    const result = simulatedBlastRadius(strictChain(), { requests: 1000 });
    expect(Object.keys(result.components)).toEqual([
      'gateway',
      'orders',
      'catalog',
      'orders-db',
      'catalog-db',
    ]);
    for (const [name, entry] of Object.entries(result.components)) {
      expect(entry.agrees, `${name}: ${entry.explanation}`).toBe(true);
      expect(Math.abs(entry.share - entry.staticShare)).toBeLessThanOrEqual(entry.tolerance);
    }
    expect(result.components.orders?.endpoints).toEqual({ checkout: 1, browse: 0 });
  });

  it('explains a disagreement by the optional and asynchronous paths in the graph', () => {
    const model = buildModel({
      datastores: { db: {} },
      events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
      services: {
        orders: {
          operations: {
            create: [query('db'), publish('placed'), call('mail.preview', { optional: true })],
          },
        },
        mail: { operations: { send: [query('db')], preview: [] } },
      },
      endpoints: { create: ['orders.create', 1] },
    });
    const result = simulatedBlastRadius(model, { requests: 500 });
    expect(result.components.mail).toMatchObject({ share: 0, staticShare: 0, agrees: true });
    expect(result.components.bus?.share).toBe(0);
    expect(result.components.db?.share).toBe(1);
  });

  it('leaves out the document faults, so the baseline is healthy', () => {
    const model = {
      ...distributedMonolithShop(),
      faults: [
        {
          target: { kind: 'datastore' as const, datastore: 'shop-db' },
          kind: 'down' as const,
          from: 0,
          until: Number.POSITIVE_INFINITY,
          factor: 1,
          errorRate: 0,
        },
      ],
    };
    const result = simulatedBlastRadius(model, { requests: 500 });
    expect(result.baseline).toEqual({ checkout: 1, browse: 1 });
    expect(result.components['shop-db']?.share).toBe(1);
  });

  it('names optional callers, retries and asynchronous consumption when the two differ', () => {
    const model = buildModel({
      events: { placed: { publisher: 'a', consumers: ['recs.listen'] } },
      services: {
        a: {
          operations: {
            go: [
              call('recs.list', { optional: true }),
              call('recs.list', { retry: { attempts: 3 } }),
              publish('placed'),
            ],
          },
        },
        recs: { operations: { list: [], listen: [] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    expect(explain(model, 'recs', 1, 0.62)).toBe(
      'static 100%, simulated 62%: `recs` is called optionally by a.go; `recs` consumes ' +
        '`placed` asynchronously, which users do not wait for; a.go retries it, adding load while ' +
        'it is down',
    );
    expect(explain(model, 'bus', 0, 0.05)).toContain('published asynchronously');
  });
});
