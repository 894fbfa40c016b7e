import { describe, expect, it } from 'vitest';
import { analyse } from './index.ts';
import { buildModel, call, query } from './testing/modelBuilder.ts';
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

  it('chattiness: the static expectation counts times, fan-out and weights, not queries', () => {
    // checkout (20%): 3 calls to orders, each making 1 to payments; browse (80%): 1 optional call.
    const entry = analyse(distributedMonolithShop()).scorecard.chattiness;
    expect(entry.value).toBeCloseTo(0.2 * 6 + 0.8 * 1, 12);
    expect(entry.evidence[0]).toBe('gateway → recommendations.list (0.8/request)');
    expect(analyse(monolithShop()).scorecard.chattiness.value).toBe(0);
  });

  it('chattiness: a measured count replaces the expectation, and sets the verdict', () => {
    const model = distributedMonolithShop();
    expect(analyse(model, { syncRemoteCallsPerRequest: 12 }).scorecard.chattiness).toMatchObject({
      value: 12,
      verdict: 'bad',
    });
    expect(analyse(model, { syncRemoteCallsPerRequest: 5 }).scorecard.chattiness.verdict).toBe(
      'warn',
    );
  });

  it('chattiness: one endpoint making many calls is a symptom even when the mean is low', () => {
    const model = buildModel({
      services: {
        a: { operations: { cheap: [], chatty: [call('b.go', { times: 4, fanout: 2 })] } },
        b: { operations: { go: [] } },
      },
      endpoints: { cheap: ['a.cheap', 99], chatty: ['a.chatty', 1] },
    });
    const entry = analyse(model).scorecard.chattiness;
    expect(entry.value).toBeCloseTo(0.08, 12);
    expect(entry.verdict).toBe('warn');
    expect(entry.why).toContain('`chatty` makes 8 per request');
  });

  it('change coupling: bad when many changes need slow cross-team releases, warn when cheap', () => {
    const perTeam = analyse(distributedMonolithShop()).scorecard.changeCoupling;
    expect(perTeam.value).toBeCloseTo(5 / 7, 12);
    expect(perTeam.verdict).toBe('bad');
    const oneClick = analyse(distributedMonolithShop({ release: 'one-click' })).scorecard;
    expect(oneClick.changeCoupling.verdict).toBe('warn');
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
