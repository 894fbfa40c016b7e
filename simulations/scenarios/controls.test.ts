import { describe, expect, it } from 'vitest';
import { analyse } from '../analyses/index.ts';
import { parseTopology } from '../model/parse.ts';
import type { CallStep, Model } from '../model/types.ts';
import { shopModel } from '../presets/shop/index.ts';
import { applyControls, componentNames, DEFAULT_HEDGE, ONE_TEAM, readControl } from './controls.ts';

const SHOP = `
name: Two services
services:
  gateway:
    operations:
      checkout:
        steps:
          - call: orders.create
            times: 2
          - call: gateway.audit
          - parallel:
              - call: payments.charge
                timeout: 300ms
      audit: { work: 1ms }
  orders:
    operations:
      create: { work: 1ms, steps: [ { query: db } ] }
  payments:
    operations:
      charge: { work: 2ms }
datastores:
  db: {}
endpoints:
  checkout: { operation: gateway.checkout, weight: 1 }
`;

function shop(): Model {
  const result = parseTopology(SHOP, { file: 'shop.yaml' });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

function calls(model: Model): CallStep[] {
  const steps = model.services.gateway?.operations.checkout?.steps ?? [];
  const parallel = steps[2];
  const nested = parallel?.kind === 'parallel' ? parallel.steps : [];
  return [...steps, ...nested].filter((s): s is CallStep => s.kind === 'call');
}

describe('controls', () => {
  it('sets the call count on remote calls only, leaving in-process calls and the input alone', () => {
    const model = shop();
    const edited = applyControls(model, [{ control: 'calls', value: 5 }]);
    expect(calls(edited).map((c) => [c.service, c.times])).toEqual([
      ['orders', 5],
      ['gateway', 1],
      ['payments', 5],
    ]);
    expect(calls(model).map((c) => c.times)).toEqual([2, 1, 1]);
  });

  it('aims retries, timeouts, budgets and breakers at calls into one target', () => {
    const edited = applyControls(shop(), [
      { control: 'retries', target: 'payments', value: 3 },
      { control: 'timeout', target: 'payments', value: 0 },
      { control: 'budget', target: 'payments', value: 0.1 },
      { control: 'breaker', target: 'payments', value: true },
      { control: 'jitter', target: 'payments', value: 'full' },
    ]);
    const [orders, , payments] = calls(edited);
    expect(payments?.retry).toMatchObject({ attempts: 3, budget: 0.1, jitter: 'full' });
    expect(payments?.timeout).toBeUndefined();
    expect(payments?.breaker?.failureRate).toBe(0.5);
    expect(orders?.retry.attempts).toBe(1);
    expect(orders?.breaker).toBeUndefined();
  });

  it('turns failure rate, down and hang into faults on the named component', () => {
    const edited = applyControls(shop(), [
      { control: 'failureRate', target: 'payments', value: 0.2 },
      { control: 'down', target: 'db', value: true },
      { control: 'hang', target: 'orders.create', value: true },
      { control: 'failureRate', target: 'orders', value: 0 },
    ]);
    expect(edited.faults.map((f) => [f.kind, f.target, f.errorRate])).toEqual([
      ['errors', { kind: 'service', service: 'payments' }, 0.2],
      ['down', { kind: 'datastore', datastore: 'db' }, 0],
      ['hang', { kind: 'operation', service: 'orders', operation: 'create' }, 0],
    ]);
    expect(edited.faults.every((f) => f.from === 0 && f.until === Number.POSITIVE_INFINITY)).toBe(
      true,
    );
  });

  it('refuses values and targets that cannot apply, naming the control', () => {
    expect(() => applyControls(shop(), [{ control: 'down', target: 'nope', value: true }])).toThrow(
      /down: unknown component "nope"/,
    );
    expect(() => applyControls(shop(), [{ control: 'jitter', value: 'lots' }])).toThrow(/jitter/);
    expect(() => applyControls(shop(), [{ control: 'load', value: 0 }])).toThrow(/load/);
    expect(() => applyControls(shop(), [{ control: 'calls', value: 'x' }])).toThrow(/calls/);
  });

  it('reads the starting value of each control from the document', () => {
    const model = shop();
    expect(readControl(model, 'calls')).toBe(2);
    expect(readControl(model, 'timeout', 'payments')).toBe(300);
    expect(readControl(model, 'retries')).toBe(1);
    expect(readControl(model, 'breaker')).toBe(false);
    expect(readControl(model, 'load')).toBe(100);
    expect(readControl(model, 'release')).toBe('per-team');
    expect(componentNames(model)).toEqual(['gateway', 'orders', 'payments', 'db']);
  });

  it('changes load, replicas and release style', () => {
    const edited = applyControls(shop(), [
      { control: 'load', value: 250 },
      { control: 'replicas', target: 'orders', value: 4 },
      { control: 'release', value: 'one-click' },
    ]);
    expect(edited.workload.rate).toBe(250);
    expect(edited.services.orders?.replicas).toBe(4);
    expect(edited.services.gateway?.replicas).toBe(1);
    expect(edited.organization.release).toBe('one-click');
  });

  it('gives every service and module to one team, or leaves the teams as written', () => {
    const model = shopModel({ cut: 'monolith', design: {} });
    expect(readControl(model, 'owners')).toBe('as-written');
    expect(Object.keys(model.services.shop?.modules ?? {}).length).toBeGreaterThan(0);
    const one = applyControls(model, [{ control: 'owners', value: 'one-team' }]);
    expect(Object.keys(one.teams)).toEqual([ONE_TEAM]);
    expect(Object.values(one.services).map((s) => [s.team, Object.keys(s.modules).length])).toEqual(
      [[ONE_TEAM, 0]],
    );
    expect(applyControls(model, [{ control: 'owners', value: 'as-written' }])).toEqual(model);
    expect(() => applyControls(model, [{ control: 'owners', value: 'two' }])).toThrow(/owners/);
  });

  it('sets the network error rate per remote hop, and refuses a share outside 0–1', () => {
    const model = shop();
    expect(readControl(model, 'networkErrors')).toBe(0);
    const edited = applyControls(model, [{ control: 'networkErrors', value: 0.02 }]);
    expect(edited.network.errorRate).toBe(0.02);
    expect(readControl(edited, 'networkErrors')).toBe(0.02);
    expect(model.network.errorRate).toBe(0);
    expect(() => applyControls(model, [{ control: 'networkErrors', value: 1.5 }])).toThrow(
      /networkErrors/,
    );
  });

  it('hedges remote calls (all, or those into one service) and switches the hedge off again', () => {
    const model = shop();
    expect(readControl(model, 'hedge')).toBe(false);
    const all = applyControls(model, [{ control: 'hedge', value: true }]);
    expect(
      calls(all)
        .filter((c) => c.service !== 'gateway')
        .map((c) => c.hedge),
    ).toEqual([DEFAULT_HEDGE, DEFAULT_HEDGE]);
    expect(calls(all).find((c) => c.service === 'gateway')?.hedge).toBeUndefined();
    const one = applyControls(model, [{ control: 'hedge', target: 'payments', value: true }]);
    expect(calls(one).map((c) => [c.service, c.hedge !== undefined])).toEqual([
      ['orders', false],
      ['gateway', false],
      ['payments', true],
    ]);
    expect(readControl(one, 'hedge', 'payments')).toBe(true);
    const off = applyControls(one, [{ control: 'hedge', value: false }]);
    expect(calls(off).some((c) => c.hedge !== undefined)).toBe(false);
  });

  it('sets the deploy failure rate of every service, or of one', () => {
    const model = shop();
    expect(readControl(model, 'deployFailureRate')).toBe(
      model.services.gateway?.deploy.failureRate,
    );
    const all = applyControls(model, [{ control: 'deployFailureRate', value: 0.1 }]);
    expect(Object.values(all.services).map((s) => s.deploy.failureRate)).toEqual([0.1, 0.1, 0.1]);
    const one = applyControls(model, [
      { control: 'deployFailureRate', target: 'orders', value: 0.2 },
    ]);
    expect(one.services.orders?.deploy.failureRate).toBe(0.2);
    expect(one.services.gateway?.deploy.failureRate).toBe(
      model.services.gateway?.deploy.failureRate,
    );
    expect(() => applyControls(model, [{ control: 'deployFailureRate', value: 2 }])).toThrow(
      /deployFailureRate/,
    );
  });

  it("turns the distributed monolith's shared database and model from bad to warn with one team and one click, and back to bad when releases are risky", () => {
    const model = shopModel({ cut: 'distributed-monolith', design: {} });
    const verdicts = (settings: Parameters<typeof applyControls>[1]) => {
      const card = analyse(applyControls(model, settings)).scorecard;
      return [
        card.sharedDatastores.verdict,
        card.sharedModels.verdict,
        card.lockstepDeploys.verdict,
      ];
    };
    expect(verdicts([])).toEqual(['bad', 'bad', 'bad']);
    const cheap = [
      { control: 'owners', value: 'one-team' },
      { control: 'release', value: 'one-click' },
      { control: 'deployFailureRate', value: 0 },
    ] as const;
    expect(verdicts(cheap)).toEqual(['warn', 'warn', 'warn']);
    expect(
      verdicts([...cheap.slice(0, 2), { control: 'deployFailureRate', value: 0.05 }]),
    ).toContain('bad');
  });
});
