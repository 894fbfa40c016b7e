/**
 * The shop description: every cut × every combination of design choices is a valid document
 * with no warnings; each choice does what it says; resources are equal across cuts; comments
 * quote the numbers the document holds.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../model/parse.ts';
import type { CallStep, Model, QueryStep, Step } from '../../model/types.ts';
import type { CutName } from './cuts.ts';
import {
  CUTS,
  DEFAULT_DESIGN,
  DEFAULT_ORGANISATION,
  DESIGN_CHOICES,
  type Design,
  shopDocument,
  shopModel,
  shopPlan,
  shopYaml,
  sizeCut,
} from './index.ts';
import { largestRemainder } from './sizing.ts';

/** All 2^5 designs. */
const designs: Design[] = Array.from({ length: 2 ** DESIGN_CHOICES.length }, (_, mask) => {
  const d: Record<string, boolean> = {};
  DESIGN_CHOICES.forEach((c, i) => {
    d[c.name] = (mask & (1 << i)) !== 0;
  });
  return d as Design;
});

function allSteps(model: Model): { step: Step; service: string }[] {
  const out: { step: Step; service: string }[] = [];
  const walk = (steps: readonly Step[], service: string) => {
    for (const step of steps) {
      out.push({ step, service });
      if (step.kind === 'parallel') walk(step.steps, service);
    }
  };
  for (const s of Object.values(model.services)) {
    for (const op of Object.values(s.operations)) walk(op.steps, s.name);
  }
  return out;
}

const calls = (m: Model) =>
  allSteps(m).filter((x): x is { step: CallStep; service: string } => x.step.kind === 'call');
const queries = (m: Model) =>
  allSteps(m).flatMap((x) => (x.step.kind === 'query' ? [x.step as QueryStep] : []));

const frontThreads = (m: Model) => {
  const front = m.services[Object.values(m.endpoints)[0]?.service ?? ''];
  return (front?.replicas ?? 0) * (front?.concurrency ?? 0);
};
const totalCores = (m: Model) =>
  Object.values(m.services).reduce((sum, s) => sum + s.replicas * s.cpus, 0);
const connections = (m: Model) =>
  Object.values(m.datastores)
    .filter((d) => d.name !== 'card-processor')
    .reduce((sum, d) => sum + d.concurrency, 0);

describe('the shop description', () => {
  it.each(CUTS.map((c) => c.name))('%s: all 32 designs parse with no warnings', (cut) => {
    for (const design of designs) {
      const result = parseTopology(shopYaml({ cut, design }), { file: `${cut}.yaml` });
      if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
      expect(result.warnings, JSON.stringify(design)).toEqual([]);
    }
  });

  it('the plain document is what the YAML text reads as', async () => {
    const { parse } = await import('yaml');
    for (const cut of CUTS) {
      const design = { parallel: true, async: true, resilience: true };
      expect(parse(shopYaml({ cut: cut.name, design }))).toEqual(
        shopDocument({ cut: cut.name, design }),
      );
    }
  });

  it('keeps the service, operation, datastore and endpoint names other code uses', () => {
    const m = shopModel({ cut: 'microservices' });
    expect(Object.keys(m.services)).toEqual([
      'gateway',
      'catalog',
      'recommendations',
      'cart',
      'pricing',
      'inventory',
      'orders',
      'payments',
      'notifications',
      'shipping',
    ]);
    expect(Object.values(m.endpoints).map((e) => [e.name, e.weight])).toEqual([
      ['browse', 0.5],
      ['product', 0.25],
      ['add-to-cart', 0.12],
      ['checkout', 0.05],
      ['order-history', 0.08],
    ]);
    expect(Object.keys(m.datastores)).toContain('orders-db');
    expect(Object.keys(shopModel({ cut: 'monolith' }).services)).toEqual(['shop']);
    expect(Object.keys(shopModel({ cut: 'distributed-monolith' }).datastores)).toEqual([
      'shop-db',
      'card-processor',
    ]);
  });

  it('the cuts differ as described: shared database and models, or owned datastores', () => {
    const dm = shopModel({ cut: 'distributed-monolith' });
    const ms = shopModel({ cut: 'microservices' });
    for (const s of Object.values(dm.services)) expect(s.libraries).toEqual(['shop-models']);
    for (const s of Object.values(ms.services)) expect(s.libraries).toEqual([]);
    for (const d of Object.values(ms.datastores)) {
      const users = new Set(
        Object.values(ms.services)
          .filter((s) =>
            queries({ ...ms, services: { [s.name]: s } }).some((q) => q.datastore === d.name),
          )
          .map((s) => s.name),
      );
      expect([...users], d.name).toEqual([d.owner]);
    }
  });

  it('parallel: the pages’ lookups and checkout’s pricing and reserving run in parallel', () => {
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name, design: { parallel: true } });
      const parallels = allSteps(m).filter((x) => x.step.kind === 'parallel');
      expect(parallels.map((x) => x.step.path.split('.')[3])).toEqual([
        'browse',
        'product',
        'place-order',
      ]);
    }
  });

  it('batch: one call per cart instead of one per line, with the same work and queries', () => {
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name, design: { batch: true } });
      expect(calls(m).filter((c) => c.step.times > 1)).toEqual([]);
      const names = calls(m).map((c) => c.step.operation);
      expect(names).toContain('quote');
      expect(names).not.toContain('price-line');
      expect(names).not.toContain('reserve-stock');
    }
    const plan = shopPlan({ batch: true });
    const quote = plan.operations.find((o) => o.name === 'quote');
    expect(quote?.work).toEqual({ dist: 'exponential', mean: 1.5 });
  });

  it('async: order-placed, consumed by e-mail and shipping; in the monolith by shop itself', () => {
    const mono = shopModel({ cut: 'monolith', design: { async: true } });
    expect(mono.events['order-placed']?.publisher).toBe('shop');
    expect(
      mono.events['order-placed']?.consumers.map((c) => `${c.service}.${c.operation}`),
    ).toEqual(['shop.send-receipt', 'shop.schedule-shipping']);
    const ms = shopModel({ cut: 'microservices', design: { async: true } });
    expect(ms.events['order-placed']?.consumers.map((c) => c.service)).toEqual([
      'notifications',
      'shipping',
    ]);
    expect(calls(ms).map((c) => c.step.operation)).not.toContain('send-receipt');
  });

  it('optional: recommendations optional; a timeout only where the call is remote', () => {
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name, design: { optional: true } });
      const recs = calls(m).filter((c) => c.step.operation === 'recommend');
      expect(recs).toHaveLength(2);
      for (const r of recs) {
        expect(r.step.optional).toBe(true);
        expect(r.step.timeout).toBe(cut.name === 'monolith' ? undefined : 50);
      }
    }
  });

  it('resilience: timeouts on every remote call and query, retries on reads, never on charges', () => {
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name, design: { resilience: true } });
      for (const { step, service } of calls(m)) {
        const remote = step.service !== service;
        expect(step.timeout !== undefined, step.path).toBe(remote);
        if (!remote) expect(step.retry.attempts, step.path).toBe(1);
      }
      for (const q of queries(m)) expect(q.timeout, q.path).toBeGreaterThan(0);
      const charge = calls(m).find((c) => c.step.operation === 'charge');
      expect(charge?.step.retry.attempts).toBe(1);
      const card = queries(m).find((q) => q.datastore === 'card-processor');
      expect(card?.retry.attempts).toBe(1);
      const retried = calls(m).filter((c) => c.step.retry.attempts > 1);
      for (const c of retried) {
        expect(c.step.retry).toMatchObject({ backoff: 'exponential', jitter: 'full' });
      }
      if (cut.name !== 'monolith') {
        expect(retried.map((c) => c.step.operation)).toContain('price-line');
        expect(retried.map((c) => c.step.operation)).not.toContain('place-order');
      }
    }
  });

  it('the default design is every choice off, and the presets use it', () => {
    expect(Object.values(DEFAULT_DESIGN).every((on) => !on)).toBe(true);
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name });
      expect(allSteps(m).some((x) => x.step.kind === 'parallel' || x.step.kind === 'publish')).toBe(
        false,
      );
      expect(calls(m).some((c) => c.step.optional || c.step.timeout !== undefined)).toBe(false);
      expect(queries(m).some((q) => q.timeout !== undefined)).toBe(false);
    }
  });
});

describe('equal resources', () => {
  it.each(designs.map((d, i) => [i, d] as const))(
    'design %i: the same front-door threads, cores and connections in every cut',
    (_, design) => {
      const models = CUTS.map((c) => shopModel({ cut: c.name, design }));
      expect(models.map(frontThreads)).toEqual([128, 128, 128]);
      expect(models.map(totalCores)).toEqual([16, 16, 16]);
      expect(models.map(connections)).toEqual([40, 40, 40]);
      for (const m of models) {
        for (const s of Object.values(m.services)) expect(s.cpus).toBeGreaterThanOrEqual(1);
        expect(m.datastores['card-processor']?.work).toEqual({
          dist: 'lognormal',
          median: 20,
          p99: 200,
        });
      }
    },
  );

  it('the default load keeps every cut well below saturation; a slider can reach it', () => {
    for (const cut of CUTS) {
      const size = sizeCut(shopPlan(DEFAULT_DESIGN), cut);
      const monolith = sizeCut(shopPlan(DEFAULT_DESIGN), CUTS[0] as (typeof CUTS)[number]);
      if (cut.name === 'monolith') {
        expect(size.utilisation).toBeGreaterThan(0.25);
        expect(size.utilisation).toBeLessThan(0.35);
      }
      // The busiest service's cores: the first to saturate, below 4,000 requests a second.
      const busiest = Math.max(
        ...Object.values(size.services).map((s) => s.cpuMs / (s.replicas * s.cpus)),
      );
      expect(size.rate * busiest).toBeLessThan(1000 * 0.5);
      expect(1000 / busiest).toBeLessThan(4000);
      expect(monolith.rate).toBe(size.rate);
    }
  });

  it('cores follow each service’s CPU demand, as the engine measures it', async () => {
    const { simulateSync } = await import('../../simulate.ts');
    const m = shopModel({ cut: 'distributed-monolith' });
    const report = simulateSync(m, { requests: 4000 });
    const size = sizeCut(shopPlan(DEFAULT_DESIGN), CUTS[1] as (typeof CUTS)[number]);
    for (const [name, s] of Object.entries(size.services)) {
      const measured = report.services[name]?.coreMsPerRequest ?? 0;
      // Work is random: within 10% (and 0.02 ms) of the plan's mean.
      expect(Math.abs(measured - s.cpuMs), name).toBeLessThan(Math.max(0.1 * s.cpuMs, 0.02));
    }
  });

  it('largest remainder: proportional, at least the unit, multiples of it, exact sum', () => {
    expect(largestRemainder({ a: 1, b: 1, c: 1 }, 10)).toEqual({ a: 4, b: 3, c: 3 });
    expect(largestRemainder({ a: 10, b: 0.01 }, 5)).toEqual({ a: 4, b: 1 });
    const parts = largestRemainder({ g: 0.7, c: 1.4, r: 2.4, x: 0.1, y: 0.2 }, 16, { g: 2 });
    expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBe(16);
    expect((parts.g ?? 0) % 2).toBe(0);
    expect(() => largestRemainder({ a: 1, b: 1 }, 3, { a: 2, b: 2 })).toThrow(RangeError);
  });
});

describe('comments say what is true', () => {
  const cuts: CutName[] = ['monolith', 'distributed-monolith', 'microservices'];

  it.each(cuts)('%s: the numbers in the comments are the document’s', (cut) => {
    const text = shopYaml({ cut });
    const m = shopModel({ cut });
    const cores = text.match(/busy \((\d+)%\)/);
    const size = sizeCut(
      shopPlan(DEFAULT_DESIGN),
      CUTS.find((c) => c.name === cut) as (typeof CUTS)[number],
    );
    expect(Number(cores?.[1])).toBe(Math.round(size.utilisation * 100));
    expect(text).toContain(`${m.workload.rate} # user requests per second`);
    for (const s of Object.values(m.services)) {
      const line = text.split('\n').find((l) => l.includes(`cpus: ${s.cpus} #`));
      expect(line, s.name).toBeDefined();
    }
    expect(text).toMatch(/= 128 at the front door, as in every cut/);
    expect(text).not.toMatch(/monolith's total|about the monolith/);
  });

  it('the organisation is a parameter: teams, release and deploys follow it', () => {
    const org = {
      ...DEFAULT_ORGANISATION,
      teams: { everyone: [...Object.values(DEFAULT_ORGANISATION.teams).flat()] },
      release: 'one-click' as const,
      deploy: { duration: 1_200_000, failureRate: 0.05 },
    };
    for (const cut of CUTS) {
      const m = shopModel({ cut: cut.name, organisation: org });
      expect(Object.keys(m.teams)).toEqual(['everyone']);
      expect(m.organization.release).toBe('one-click');
      for (const s of Object.values(m.services)) {
        expect(s.deploy).toEqual({ duration: 1_200_000, failureRate: 0.05 });
      }
    }
    const mono = shopModel({ cut: 'monolith' });
    expect(mono.services.shop?.modules.payments?.team).toBe('checkout');
    expect(shopModel({ cut: 'microservices' }).services.shipping?.team).toBe('fulfilment');
    expect(() =>
      shopYaml({ cut: 'monolith', organisation: { ...org, teams: { a: ['gateway'] } } }),
    ).toThrow(/modules without a team: catalog/);
  });
});
