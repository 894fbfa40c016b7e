import { describe, expect, it } from 'vitest';
import { analyse } from './index.ts';
import { buildModel, call, query, work } from './testing/modelBuilder.ts';
import { distributedMonolithShop, microservicesShop, monolithShop } from './testing/shops.ts';

describe('scorecard', () => {
  it('lockstep deploys: bad per-team, warn under a one-click release with short deploys', () => {
    const perTeam = analyse(distributedMonolithShop()).scorecard.lockstepDeploys;
    expect(perTeam).toMatchObject({ value: 4, verdict: 'bad' });
    expect(perTeam.why).toContain('1 d 40 min');
    expect(perTeam.evidence).toEqual(['gateway', 'orders', 'payments', 'recommendations']);
    const oneClick = analyse(distributedMonolithShop({ release: 'one-click' })).scorecard;
    expect(oneClick.lockstepDeploys.verdict).toBe('warn');
    expect(oneClick.lockstepDeploys.why).toContain('only 10 min');
  });

  it('lockstep deploys: bad under one-click too when the deploys themselves are slow', () => {
    const model = distributedMonolithShop({ release: 'one-click' });
    const slow = {
      ...model,
      services: Object.fromEntries(
        Object.entries(model.services).map(([n, s]) => [
          n,
          { ...s, deploy: { ...s.deploy, duration: 2 * 3_600_000 } },
        ]),
      ),
    };
    expect(analyse(slow).scorecard.lockstepDeploys.verdict).toBe('bad');
  });

  it('shared datastore: bad across teams, warn within one team, ok unshared', () => {
    expect(analyse(distributedMonolithShop()).scorecard.sharedDatastores.verdict).toBe('bad');
    const oneTeam = buildModel({
      datastores: { db: {} },
      services: {
        a: { team: 't', operations: { go: [query('db'), call('b.go')] } },
        b: { team: 't', operations: { go: [query('db')] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    const entry = analyse(oneTeam).scorecard.sharedDatastores;
    expect(entry).toMatchObject({ value: 1, verdict: 'warn', evidence: ['db (a, b)'] });
    expect(entry.why).toContain('only within one team');
    expect(analyse(microservicesShop()).scorecard.sharedDatastores.verdict).toBe('ok');
  });

  it('shared models: bad across teams; a model library in one service is fine', () => {
    expect(analyse(distributedMonolithShop()).scorecard.sharedModels).toMatchObject({
      value: 1,
      verdict: 'bad',
    });
    expect(analyse(monolithShop()).scorecard.sharedModels.verdict).toBe('ok');
  });

  it('chattiness: the expected count counts times, fan-out and weights, not queries', () => {
    // checkout (20%): 3 calls to orders, each making 1 to payments; browse (80%): 1 optional call.
    const entry = analyse(distributedMonolithShop()).scorecard.chattiness;
    expect(entry.value).toBeCloseTo(0.2 * 6 + 0.8 * 1, 12);
    expect(entry.evidence[0]).toBe('gateway → recommendations.list (0.8/request)');
    expect(analyse(monolithShop()).scorecard.chattiness.value).toBe(0);
  });

  it('chattiness: one number from the model, whatever a run measured', () => {
    const model = distributedMonolithShop();
    const plain = analyse(model).scorecard.chattiness;
    expect(analyse(model, { syncRemoteCallsPerRequest: 15 }).scorecard.chattiness).toEqual(plain);
  });

  it('chattiness: many calls are fine while the hops cost little of the latency budget', () => {
    const model = buildModel({
      services: {
        a: { operations: { go: [call('b.go', { times: 12 })] } },
        b: { operations: { go: [work(50)] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    const entry = analyse(model).scorecard.chattiness;
    expect(entry.value).toBe(12);
    expect(entry.verdict).toBe('ok');
    expect(entry.why).toContain('p99 latency budget');
  });

  it('chattiness: bad when the hops take most of the p99 latency budget', () => {
    const model = buildModel({
      services: {
        a: { operations: { go: [call('b.go', { times: 3 })] } },
        b: { operations: { go: [] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    const slowNetwork = {
      ...model,
      network: { ...model.network, latency: { dist: 'constant' as const, value: 5 } },
    };
    const entry = analyse(slowNetwork).scorecard.chattiness;
    expect(entry.value).toBe(3);
    expect(entry.verdict).toBe('bad');
    expect(entry.why).toMatch(/spending \d+(\.\d)?% of its p99 latency budget/);
  });

  it('chattiness: bad when the hops alone fail a 99.9% objective’s error budget', () => {
    const model = buildModel({
      services: {
        a: { operations: { go: [call('b.go', { times: 2 }), work(100)] } },
        b: { operations: { go: [] } },
      },
      endpoints: { go: ['a.go', 1] },
    });
    const lossy = { ...model, network: { ...model.network, errorRate: 0.001 } };
    expect(analyse(model).scorecard.chattiness.verdict).toBe('ok');
    const entry = analyse(lossy).scorecard.chattiness;
    expect(entry.verdict).toBe('bad');
    expect(entry.why).toContain('of requests on them');
  });

  it('change coupling: bad when coordinated changes are slow across teams, ok when cheap', () => {
    const perTeam = analyse(distributedMonolithShop()).scorecard.changeCoupling;
    expect(perTeam.verdict).toBe('bad');
    expect(perTeam.why).toContain('costly');
    const oneClick = analyse(distributedMonolithShop({ release: 'one-click' })).scorecard;
    expect(oneClick.changeCoupling.verdict).not.toBe('bad');
    expect(analyse(monolithShop()).scorecard.changeCoupling).toMatchObject({
      value: 0,
      verdict: 'ok',
    });
  });

  it('shared teams: 0 for a single service, else the most services one team owns', () => {
    expect(analyse(monolithShop()).scorecard.sharedTeams.value).toBe(0);
    const entry = analyse(distributedMonolithShop()).scorecard.sharedTeams;
    expect(entry).toMatchObject({ value: 2, verdict: 'ok', evidence: ['orders', 'payments'] });
  });
});
