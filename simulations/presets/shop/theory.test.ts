/**
 * The three cuts against theory, at the same (default) design.
 *
 * At a light load nothing queues, so a request's latency is the sum of its parts and its mean is
 * the sum of their means (`pathTheory`): the split cuts' extra time is exactly their extra remote
 * calls × (two network hops + four messages' overhead). The lognormal hop's median is not what
 * adds up (a sum of draws has no such median); its mean, exp(μ + σ²/2), is, so the test compares
 * means, within four standard errors from the theoretical variance, plus 0.2 ms for the little
 * queueing a light load still has.
 *
 * With `network.errorRate` p, each remote hop (call or query, one round trip) fails with chance
 * p, so an endpoint succeeds with (1 − p)^hops: the cuts order by remote hops, and calls that stay
 * in process lose nothing.
 */
import { describe, expect, it } from 'vitest';
import { proportionSe } from '../../engine/testing/statistics.ts';
import type { Model } from '../../model/types.ts';
import type { Report } from '../../report/types.ts';
import { simulateSync } from '../../simulate.ts';
import { CUTS, shopModel } from './index.ts';
import { moments, pathTheory } from './testing/pathTheory.ts';

const LIGHT = 20; // requests per second: every resource under 2% busy
const ENDPOINTS = ['browse', 'product', 'add-to-cart', 'checkout', 'order-history'];

function withNetwork(m: Model, rate: number, errorRate = 0): Model {
  return {
    ...m,
    workload: { ...m.workload, rate },
    network: { ...m.network, errorRate },
  };
}

describe('the same design in every cut: the gap is the hops', () => {
  const models = CUTS.map((c) => withNetwork(shopModel({ cut: c.name }), LIGHT));
  const reports: Report[] = models.map((m) => simulateSync(m));
  const [mono, ...split] = models as [Model, ...Model[]];
  const [monoReport, ...splitReports] = reports as [Report, ...Report[]];

  it.each(ENDPOINTS)('%s: each cut’s mean latency is the sum of its parts', (endpoint) => {
    models.forEach((m, i) => {
      const theory = pathTheory(m, endpoint);
      const measured = reports[i]?.endpoints[endpoint];
      const se = Math.sqrt(theory.variance / (measured?.succeeded ?? 1));
      expect(Math.abs((measured?.latencyMs.mean ?? 0) - theory.mean), m.name).toBeLessThan(
        4 * se + 0.2,
      );
    });
  });

  it.each(ENDPOINTS)(
    '%s: the monolith is fastest, by remote calls × (2 hops + 4 overheads)',
    (endpoint) => {
      const hop = moments(mono.network.latency).mean;
      const perCall = 2 * hop + 4 * mono.network.overhead;
      const t0 = pathTheory(mono, endpoint);
      const m0 = monoReport.endpoints[endpoint];
      expect(t0.remoteCalls).toBe(0);
      split.forEach((m, i) => {
        const t = pathTheory(m, endpoint);
        const r = splitReports[i]?.endpoints[endpoint];
        expect(t.queries).toBe(t0.queries); // the same business queries in every cut
        expect(t.mean - t0.mean).toBeCloseTo(t.remoteCalls * perCall, 9);
        const gap = (r?.latencyMs.mean ?? 0) - (m0?.latencyMs.mean ?? 0);
        const se = Math.sqrt(t.variance / (r?.succeeded ?? 1) + t0.variance / (m0?.succeeded ?? 1));
        expect(Math.abs(gap - t.remoteCalls * perCall), m.name).toBeLessThan(4 * se + 0.2);
        expect(r?.latencyMs.p50 ?? 0).toBeGreaterThan(m0?.latencyMs.p50 ?? 0);
      });
    },
  );
});

describe('network errors: availability follows remote hops', () => {
  const p = 0.005;
  const models = CUTS.map((c) => withNetwork(shopModel({ cut: c.name }), LIGHT * 10, p));
  const reports = models.map((m) => simulateSync(m));
  /** Expected availability of the traffic mix when these hops of each endpoint can fail. */
  const expected = (m: Model, hops: (e: string) => number) =>
    Object.values(m.endpoints).reduce((s, e) => s + e.weight * (1 - p) ** hops(e.name), 0);

  it('each cut loses (1 − p)^hops per endpoint, calls and queries both', () => {
    models.forEach((m, i) => {
      const r = reports[i] as Report;
      const a = expected(m, (e) => {
        const t = pathTheory(m, e);
        return t.remoteCalls + t.queries;
      });
      const se = proportionSe(a, r.requests);
      expect(Math.abs(r.overall.availability - a), m.name).toBeLessThan(4 * se);
    });
  });

  it('calls that stay in process lose nothing', () => {
    const m = models[0] as Model;
    const r = reports[0] as Report;
    // Were the monolith's module calls hops too, it would lose far more than it does.
    const ifRemote = expected(m, (e) => {
      const t = pathTheory(m, e);
      return t.localCalls + t.queries;
    });
    expect(r.overall.availability - ifRemote).toBeGreaterThan(
      8 * proportionSe(ifRemote, r.requests),
    );
    expect(r.services.shop?.networkErrors ?? 0).toBe(0);
  });

  it('the cuts order by remote hops per request', () => {
    const hops = models.map((m) =>
      Object.values(m.endpoints).reduce((s, e) => {
        const t = pathTheory(m, e.name);
        return s + e.weight * (t.remoteCalls + t.queries);
      }, 0),
    );
    const [monoHops, dmHops, msHops] = hops as [number, number, number];
    const [mono, dm, ms] = reports.map((r) => r.overall.availability) as [number, number, number];
    expect(monoHops).toBeLessThan(dmHops);
    expect(dmHops).toBe(msHops); // the same design: the same calls, only the data moved
    expect(mono).toBeGreaterThan(dm);
    expect(mono).toBeGreaterThan(ms);
    expect(Math.abs(dm - ms)).toBeLessThan(4 * Math.SQRT2 * proportionSe(dm, 20_000));
  });
});
