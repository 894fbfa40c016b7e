import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model, Step } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { simulatedBlastRadius } from './simulatedBlastRadius.ts';
import { buildModel, call, publish, query, work } from './testing/modelBuilder.ts';
import { presetModel } from './testing/presetModels.ts';

/** Everything synchronous and required: the graph tells the whole story of an outage. */
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

/**
 * The distributed monolith's shape in miniature: one gateway (16 threads) in front of inventory
 * (30% of traffic) and catalog (70%), no timeouts unless `timeout` is given.
 */
function gatewayShop(timeout?: number) {
  const options = timeout === undefined ? {} : { timeout };
  return buildModel({
    services: {
      gateway: {
        operations: {
          product: [call('inventory.stock', options)],
          browse: [call('catalog.list', options)],
        },
      },
      inventory: { operations: { stock: [] } },
      catalog: { operations: { list: [] } },
    },
    endpoints: { product: ['gateway.product', 30], browse: ['gateway.browse', 70] },
  });
}

/**
 * The model with every step that calls or queries `component` given a timeout of `ms`, or, with
 * `ms` undefined, waiting for ever (what the preset's design chose is not what the test is about).
 */
function timeoutsTowards(model: Model, component: string, ms: number | undefined): Model {
  const patch = (steps: readonly Step[]): Step[] =>
    steps.map((step): Step => {
      if (step.kind === 'parallel') return { ...step, steps: patch(step.steps) };
      const hits =
        (step.kind === 'call' && step.service === component) ||
        (step.kind === 'query' && step.datastore === component);
      if (!hits || (step.kind !== 'call' && step.kind !== 'query')) return step;
      const { timeout: _, ...rest } = step;
      return ms === undefined ? rest : { ...rest, timeout: ms };
    });
  const services = Object.fromEntries(
    Object.entries(model.services).map(([name, s]) => [
      name,
      {
        ...s,
        operations: Object.fromEntries(
          Object.entries(s.operations).map(([op, o]) => [op, { ...o, steps: patch(o.steps) }]),
        ),
      },
    ]),
  );
  return { ...model, services };
}

describe('simulatedBlastRadius', () => {
  it('down agrees with the static blast radius when nothing is optional or asynchronous', async () => {
    const result = await simulatedBlastRadius(strictChain(), { requests: 1000 });
    expect(Object.keys(result.components)).toEqual([
      'gateway',
      'orders',
      'catalog',
      'orders-db',
      'catalog-db',
    ]);
    for (const [name, entry] of Object.entries(result.components)) {
      expect(entry.down.agrees, `${name}: ${entry.why.join(' / ')}`).toBe(true);
    }
    expect(result.components.orders?.down.endpoints).toEqual({ checkout: 1, browse: 0 });
    expect(result.runs).toBe(1 + 5 * 3);
  });

  it('a hang behind callers without a timeout takes down far more than the graph says', async () => {
    const result = await simulatedBlastRadius(gatewayShop(), { requests: 2000 });
    const inventory = result.components.inventory;
    expect(inventory?.staticShare).toBe(0.3);
    // Down fails fast, like the graph says; a hang holds gateway's 16 threads for ever.
    expect(inventory?.down.share).toBeCloseTo(0.3, 1);
    expect(inventory?.hang.share).toBeGreaterThan(0.9);
    expect(inventory?.hang.unanswered).toBeGreaterThan(0.9);
    const why = inventory?.why.find((w) => w.startsWith('inventory hang'));
    expect(why).toMatch(
      /^inventory hang: static 30%, simulated 9\d(\.\d)?%: gateway\.product calls it without a timeout, so gateway runs out of threads waiting for ever/,
    );
  });

  it('the same hang with timeouts on its callers costs about what the graph says', async () => {
    const result = await simulatedBlastRadius(gatewayShop(100), { requests: 2000 });
    const inventory = result.components.inventory;
    expect(Math.abs((inventory?.hang.share ?? 1) - 0.3)).toBeLessThanOrEqual(0.05);
    expect(inventory?.hang.agrees).toBe(true);
    expect(inventory?.why.some((w) => w.startsWith('inventory hang'))).toBe(false);
  });

  it('the distributed monolith preset: inventory hanging, without and with timeouts', async () => {
    const preset = presetModel('distributed-monolith');
    const without = await simulatedBlastRadius(timeoutsTowards(preset, 'inventory', undefined));
    const inventory = without.components.inventory;
    expect(inventory?.hang.share).toBeGreaterThan((inventory?.staticShare ?? 1) + 0.3);
    const timed = await simulatedBlastRadius(timeoutsTowards(preset, 'inventory', 200));
    const withTimeouts = timed.components.inventory;
    expect(
      Math.abs((withTimeouts?.hang.share ?? 1) - (withTimeouts?.staticShare ?? 0)),
    ).toBeLessThanOrEqual(0.05);
  });

  it('an optional call without a timeout isolates nothing when its callee hangs', async () => {
    const shop = (timeout?: number) =>
      buildModel({
        datastores: { db: {} },
        services: {
          gateway: {
            operations: {
              browse: [
                query('db'),
                call('recommendations.list', { optional: true, ...(timeout ? { timeout } : {}) }),
              ],
            },
          },
          recommendations: { operations: { list: [] } },
        },
        endpoints: { browse: ['gateway.browse', 1] },
      });
    const bare = (await simulatedBlastRadius(shop(), { requests: 2000 })).components
      .recommendations;
    expect(bare?.staticShare).toBe(0);
    expect(bare?.down.share).toBe(0);
    expect(bare?.hang.share).toBeGreaterThan(0.5);
    expect(bare?.why.join(' ')).toContain(
      'optional isolates a failure, not a wait without a timeout',
    );
    const timed = (await simulatedBlastRadius(shop(50), { requests: 2000 })).components
      .recommendations;
    expect(timed?.hang.share).toBeLessThanOrEqual(0.02);
  });

  it('the bus down: user availability 100%, yet every delivery is lost (deferred blast radius)', async () => {
    const model = buildModel({
      events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
      services: {
        orders: { operations: { create: [publish('placed')] } },
        mail: { operations: { send: [] } },
      },
      endpoints: { create: ['orders.create', 1] },
    });
    const result = await simulatedBlastRadius(model, { requests: 500 });
    const bus = result.components.bus;
    expect(bus?.down.share).toBe(0);
    expect(bus?.down.deferred).toBe(1);
    expect(bus?.down.deliveries).toMatchObject({ expected: 500, deadLettered: 500, onTime: 0 });
    expect(bus?.why).toContain(
      'bus down: deferred 100%: 500 dead-lettered of 500 deliveries, though users lost nothing',
    );
    // What `simulate` says of the same outage: every user request succeeded.
    const report = simulateSync(
      {
        ...model,
        faults: [
          {
            target: { kind: 'bus' },
            kind: 'down',
            from: 0,
            until: Infinity,
            factor: 1,
            errorRate: 0,
          },
        ],
      },
      { requests: 500 },
    );
    expect(report.overall.availability).toBe(1);
    // A hanging consumer leaves its deliveries stuck: deferred, not user-visible either.
    expect(result.components.mail?.hang.share).toBe(0);
    expect(result.components.mail?.hang.deliveries.stuck).toBeGreaterThan(400);
  });

  it('slow counts requests over their objective as lost, with the factor the document sets', async () => {
    const model = (slowFactor: number) => ({
      ...buildModel({
        services: {
          gateway: { operations: { pay: [call('payments.charge')] } },
          payments: { operations: { charge: [work(10)] } },
        },
        endpoints: { pay: ['gateway.pay', 1, 50] },
      }),
      blastRadius: { slowFactor },
    });
    const tenTimes = (await simulatedBlastRadius(model(10), { requests: 500 })).components.payments;
    expect(tenTimes?.slow.share).toBeGreaterThan(0.95);
    expect(tenTimes?.slow.late).toBeGreaterThan(0.95);
    const twice = await simulatedBlastRadius(model(2), { requests: 500 });
    expect(twice.slowFactor).toBe(2);
    expect(twice.components.payments?.slow.share).toBe(0);
    expect(twice.components.payments?.why.join(' ')).toContain(
      'payments slow ×2: static 100%, simulated 0%',
    );
  });

  it('leaves out the document faults, so the baseline is healthy', async () => {
    const model: Model = {
      ...strictChain(),
      faults: [
        {
          target: { kind: 'datastore', datastore: 'orders-db' },
          kind: 'down',
          from: 0,
          until: Number.POSITIVE_INFINITY,
          factor: 1,
          errorRate: 0,
        },
      ],
    };
    const result = await simulatedBlastRadius(model, { requests: 300 });
    expect(result.baseline.endpoints).toEqual({ checkout: 1, browse: 1 });
  });

  it('an aborted run returns a partial result', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await simulatedBlastRadius(strictChain(), { signal: controller.signal });
    expect(result.partial).toBe(true);
    expect(Object.keys(result.components)).toEqual([]);
  });
});

describe('objectives and the slow factor in a document', () => {
  const text = (slo: string) => `
name: objectives
services:
  orders: { operations: { create: { work: 1ms, steps: [{ publish: placed }] }, mail: {} } }
events:
  placed: { publisher: orders, consumers: [orders.mail], slo: 5m }
endpoints:
  create: { operation: orders.create, slo: ${slo} }
blastRadius: { slowFactor: 4 }
`;

  it('reads endpoints.NAME.slo, events.NAME.slo and blastRadius.slowFactor', () => {
    const result = parseTopology(text('250ms'), { file: 'objectives.yaml' });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    expect(result.model.endpoints.create?.slo).toBe(250);
    expect(result.model.events.placed?.slo).toBe(300_000);
    expect(result.model.blastRadius).toEqual({ slowFactor: 4 });
  });

  it('refuses an objective of 0, naming the field', () => {
    const result = parseTopology(text('0s'), { file: 'objectives.yaml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toBe(
      'endpoints.create.slo: found 0s; expected an objective above 0, e.g. slo: 1s',
    );
  });
});
