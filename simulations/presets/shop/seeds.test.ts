/**
 * The default figures' claims, at the default load and request count, for every seed from 1 to 8:
 * a claim that one seed's noise could reverse is not a claim.
 *
 * - Three cuts, one design (the default): the monolith is the fastest at every endpoint.
 * - One cut, one choice at a time: parallel calls shorten the pages and checkout in every cut;
 *   batch calls shorten add-to-cart and checkout where calls are remote, and change nothing where
 *   they are not (in the monolith a batch saves no hop); asynchronous side effects shorten checkout
 *   in every cut; with network errors (0.5% per hop), optional recommendations and timeouts with
 *   retries both raise availability in every cut.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../model/types.ts';
import type { Report } from '../../report/types.ts';
import { simulateSync } from '../../simulate.ts';
import { CUTS, type Design, shopModel } from './index.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ENDPOINTS = ['browse', 'product', 'add-to-cart', 'checkout', 'order-history'];
const SLOW = 120_000;

function runs(m: Model, errorRate = 0): Report[] {
  return SEEDS.map((seed) =>
    simulateSync({
      ...m,
      workload: { ...m.workload, seed },
      network: { ...m.network, errorRate },
    }),
  );
}

const p50 = (r: Report, e: string) => r.endpoints[e]?.latencyMs.p50 ?? Number.NaN;

describe('three cuts, the default design, seeds 1–8', () => {
  it(
    'the monolith has the lowest p50 at every endpoint, for every seed',
    () => {
      const [mono, dm, ms] = CUTS.map((c) => runs(shopModel({ cut: c.name })));
      SEEDS.forEach((seed, i) => {
        for (const e of ENDPOINTS) {
          const m = p50(mono?.[i] as Report, e);
          expect(m, `seed ${seed} ${e}`).toBeLessThan(p50(dm?.[i] as Report, e));
          expect(m, `seed ${seed} ${e}`).toBeLessThan(p50(ms?.[i] as Report, e));
        }
      });
    },
    SLOW,
  );
});

describe.each(CUTS.map((c) => c.name))('%s: one design choice at a time, seeds 1–8', (cut) => {
  const split = cut !== 'monolith';
  const base = runs(shopModel({ cut }));
  const toggled = (design: Partial<Design>, errorRate = 0) =>
    runs(shopModel({ cut, design }), errorRate);

  it(
    'parallel calls shorten browse, product and checkout',
    () => {
      const on = toggled({ parallel: true });
      SEEDS.forEach((seed, i) => {
        for (const e of ['browse', 'product', 'checkout']) {
          expect(p50(on[i] as Report, e), `seed ${seed} ${e}`).toBeLessThan(
            p50(base[i] as Report, e),
          );
        }
      });
    },
    SLOW,
  );

  it(
    split
      ? 'batch calls shorten add-to-cart and checkout'
      : 'batch calls change nothing: in process there is no hop to save',
    () => {
      const on = toggled({ batch: true });
      SEEDS.forEach((seed, i) => {
        const a = on[i] as Report;
        const b = base[i] as Report;
        if (split) {
          for (const e of ['add-to-cart', 'checkout']) {
            expect(p50(a, e), `seed ${seed} ${e}`).toBeLessThan(p50(b, e));
          }
        } else {
          expect(Math.abs(a.overall.latencyMs.p50 - b.overall.latencyMs.p50)).toBeLessThan(0.2);
        }
      });
    },
    SLOW,
  );

  it(
    'asynchronous side effects shorten checkout',
    () => {
      const on = toggled({ async: true });
      SEEDS.forEach((seed, i) => {
        expect(p50(on[i] as Report, 'checkout'), `seed ${seed}`).toBeLessThan(
          p50(base[i] as Report, 'checkout'),
        );
      });
    },
    SLOW,
  );

  it(
    'with network errors, optional recommendations and retries raise availability',
    () => {
      const faulty = toggled({}, 0.005);
      const optional = toggled({ optional: true }, 0.005);
      const resilient = toggled({ resilience: true }, 0.005);
      SEEDS.forEach((seed, i) => {
        const a = (faulty[i] as Report).overall.availability;
        expect((optional[i] as Report).overall.availability, `seed ${seed}`).toBeGreaterThan(a);
        expect((resilient[i] as Report).overall.availability, `seed ${seed}`).toBeGreaterThan(a);
      });
    },
    SLOW,
  );
});
