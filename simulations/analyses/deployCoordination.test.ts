import { describe, expect, it } from 'vitest';
import type { Change, Model } from '../model/types.ts';
import { CHANGE_MIX } from './changeMix.ts';
import { defaultChanges, deployCoordination } from './deployCoordination.ts';
import { analyse } from './index.ts';
import { buildModel, call, publish, query } from './testing/modelBuilder.ts';
import { distributedMonolithShop, microservicesShop, monolithShop } from './testing/shops.ts';
import type { DeployChange } from './types.ts';

const DAY = 86_400_000;
const TEN_MINUTES = 600_000;

/** The breaking entry of a target (the default mix lists it first), or its only document entry. */
function change(changes: readonly DeployChange[], target: string): DeployChange {
  const found = changes.find((c) => c.target === target);
  if (found === undefined) throw new Error(`no change for ${target}`);
  return found;
}

function withChanges(model: Model, changes: readonly Change[]): Model {
  return { ...model, changes };
}

/** Five services of five teams, all built with a shared `logging` helper (`kind: code`). */
function loggingShop(lockstep: boolean): Model {
  const names = ['web', 'cart', 'orders', 'stock', 'mail'] as const;
  return buildModel({
    libraries: { logging: { kind: 'code', lockstep } },
    services: Object.fromEntries(
      names.map((n, i) => [
        n,
        {
          team: `team-${n}`,
          libraries: ['logging'],
          operations: { go: i + 1 < names.length ? [call(`${names[i + 1]}.go`)] : [] },
        },
      ]),
    ),
    endpoints: { go: ['web.go', 1] },
  });
}

/** One service whose modules belong to `teams` (a release train when there are several). */
function trainMonolith(teams: readonly string[]): Model {
  return buildModel({
    services: {
      shop: {
        team: teams[0],
        modules: Object.fromEntries(teams.map((t) => [`${t}-module`, t])),
        operations: { checkout: [query('db')], browse: [query('db')] },
      },
    },
    datastores: { db: { owner: 'shop' } },
    endpoints: { checkout: ['shop.checkout', 1], browse: ['shop.browse', 4] },
  });
}

describe('deployCoordination: the default mix', () => {
  it('gives every target its mix of internal, additive and breaking changes, breaking first', () => {
    const { changes } = deployCoordination(microservicesShop());
    const op = changes.filter((c) => c.target === 'orders.recent');
    expect(op.map((c) => [c.nature, c.likelihood])).toEqual([
      ['breaking', CHANGE_MIX.operation.breaking],
      ['additive', CHANGE_MIX.operation.additive],
      ['internal', CHANGE_MIX.operation.internal],
    ]);
    expect(op.map((c) => c.lockstep)).toEqual([['gateway', 'orders'], ['orders'], ['orders']]);
    expect(defaultChanges(microservicesShop())).toHaveLength(10);
  });

  it('most changes ship alone: an API with callers is not coupling by itself', () => {
    const coupling = analyse(microservicesShop()).scorecard.changeCoupling;
    expect(coupling.value).toBeLessThan(0.1);
    expect(coupling.verdict).toBe('ok');
  });

  it('puts every querier of a datastore and every user of a model library in lockstep', () => {
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

  it('per-team: sums deploy durations and adds a handoff per extra team; one-click: the longest', () => {
    const shopDb = change(deployCoordination(distributedMonolithShop()).changes, 'shop-db');
    expect(shopDb.teams).toEqual(['orders', 'storefront']);
    expect(shopDb.leadTimeMs).toBe(4 * TEN_MINUTES + DAY);
    const oneClick = distributedMonolithShop({ release: 'one-click' });
    expect(change(deployCoordination(oneClick).changes, 'shop-db').leadTimeMs).toBe(TEN_MINUTES);
  });

  it('failure risk is the chance that at least one deploy fails', () => {
    const shopModels = change(deployCoordination(distributedMonolithShop()).changes, 'shop-models');
    expect(shopModels.failureRisk).toBeCloseTo(1 - 0.98 ** 3, 12);
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

describe('deployCoordination: libraries', () => {
  it('a code library shared by five services is versioned: no lockstep by default', () => {
    const model = loggingShop(false);
    const logging = deployCoordination(model).changes.filter((c) => c.target === 'logging');
    expect(logging.every((c) => c.path === 'versioned' && c.lockstep.length === 0)).toBe(true);
    const entry = analyse(model).scorecard.lockstepDeploys;
    expect(entry.evidence).not.toContain('logging');
    expect(entry.why).not.toContain('`logging`');
  });

  it('declared released in lockstep, the same library puts its five users in lockstep', () => {
    const model = loggingShop(true);
    const logging = change(deployCoordination(model).changes, 'logging');
    expect(logging).toMatchObject({ path: 'lockstep', coordinated: true });
    expect(logging.lockstep).toHaveLength(5);
    const entry = analyse(model).scorecard.lockstepDeploys;
    expect(entry).toMatchObject({ value: 5, verdict: 'bad' });
    expect(entry.why).toContain('`logging` makes 5 services');
  });
});

describe('deployCoordination: document changes replace the defaults', () => {
  it('a declared `breaking: false` replaces its target’s default breaking change', () => {
    const base = distributedMonolithShop();
    const declared = withChanges(base, [
      { target: 'shop-db', targetKind: 'datastore', breaking: false },
    ]);
    const before = deployCoordination(base).changes.filter((c) => c.target === 'shop-db');
    const after = deployCoordination(declared).changes.filter((c) => c.target === 'shop-db');
    expect(before.some((c) => c.breaking && c.lockstep.length === 4)).toBe(true);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ origin: 'document', breaking: false, likelihood: 1 });
    expect(after[0]?.lockstep.length).toBeLessThanOrEqual(1);
  });

  it('a declared breaking change to a library weighs a whole target, more than the default', () => {
    const base = distributedMonolithShop();
    const declared = withChanges(base, [
      { target: 'shop-models', targetKind: 'library', breaking: true },
    ]);
    expect(analyse(declared).scorecard.changeCoupling.value).toBeGreaterThan(
      analyse(base).scorecard.changeCoupling.value,
    );
  });
});

describe('deployCoordination: expand/contract and new event versions', () => {
  it('expand/contract on a shared datastore: independent releases in sequence, no lockstep', () => {
    const model = withChanges(distributedMonolithShop(), [
      { target: 'shop-db', targetKind: 'datastore', breaking: true, via: 'expand-contract' },
    ]);
    const shopDb = change(deployCoordination(model).changes, 'shop-db');
    expect(shopDb).toMatchObject({ path: 'expand-contract', coordinated: false });
    expect(shopDb.lockstep).toHaveLength(1);
    expect(shopDb.sequence[0]).toBe(shopDb.sequence[shopDb.sequence.length - 1]);
    expect(new Set(shopDb.sequence)).toEqual(
      new Set(['gateway', 'orders', 'payments', 'recommendations']),
    );
    // Owner's two releases, the other team's migrations in parallel after a handoff each way.
    expect(shopDb.leadTimeMs).toBeGreaterThan(2 * TEN_MINUTES);
    expect(shopDb.reason).toContain('no lockstep');
  });

  it('expand/contract on an operation: its callers move over in their own releases', () => {
    const model = withChanges(microservicesShop(), [
      { target: 'orders.recent', targetKind: 'operation', breaking: true, via: 'expand-contract' },
    ]);
    const recent = change(deployCoordination(model).changes, 'orders.recent');
    expect(recent.sequence).toEqual(['orders', 'gateway', 'orders']);
    expect(recent.lockstep).toEqual(['orders']);
    // Per-team: orders, a handoff to storefront, gateway, a handoff back, orders.
    expect(recent.leadTimeMs).toBe(3 * TEN_MINUTES + 2 * DAY);
  });

  it('a breaking event change ships as a new version by default: rule 4, no lockstep', () => {
    const { changes } = deployCoordination(microservicesShop());
    const event = change(changes, 'order-placed');
    expect(event).toMatchObject({ breaking: true, path: 'new-version', coordinated: false });
    expect(event.lockstep).toEqual(['orders']);
    expect(event.sequence).toEqual(['orders', 'shipping', 'orders']);
    expect(event.reason).toContain('order-placed.v2');
  });

  it('changed in place (`via: lockstep`), the event ships with its publisher and consumers', () => {
    const model = withChanges(microservicesShop(), [
      { target: 'order-placed', targetKind: 'event', breaking: true, via: 'lockstep' },
    ]);
    const event = change(deployCoordination(model).changes, 'order-placed');
    expect(event).toMatchObject({ path: 'lockstep', coordinated: true });
    expect(event.lockstep).toEqual(['orders', 'shipping']);
  });
});

describe('deployCoordination agrees with the event-rules checker', () => {
  const consumersOf = (strict: boolean) =>
    buildModel({
      events: {
        'order-placed': {
          publisher: 'orders',
          consumers: [{ target: 'shipping.schedule', ignoresUnknownFields: !strict }],
          fields: { orderId: { type: 'string', required: true } },
        },
      },
      services: {
        orders: { team: 'orders', operations: { create: [publish('order-placed')] } },
        shipping: { team: 'shipping', operations: { schedule: [] } },
      },
      endpoints: { create: ['orders.create', 1] },
    });

  it('a change the checker calls safe ships with the publisher alone', () => {
    const model = withChanges(consumersOf(false), [
      {
        target: 'order-placed',
        targetKind: 'event',
        add: { giftWrap: { type: 'boolean', required: false, default: false } },
      },
    ]);
    const event = change(deployCoordination(model).changes, 'order-placed');
    expect(event).toMatchObject({ breaking: false, path: 'alone', lockstep: ['orders'] });
  });

  it('a change the checker calls breaking takes the new version it proposes, not lockstep', () => {
    const model = withChanges(consumersOf(false), [
      {
        target: 'order-placed',
        targetKind: 'event',
        add: { giftWrap: { type: 'boolean', required: true } },
      },
    ]);
    const event = change(deployCoordination(model).changes, 'order-placed');
    expect(event).toMatchObject({ breaking: true, path: 'new-version', coordinated: false });
    expect(event.reason).toContain('order-placed.v2');
  });

  it('the default additive change is safe for tolerant consumers, a new version for strict ones', () => {
    const additive = (m: Model) =>
      deployCoordination(m).changes.find(
        (c) => c.target === 'order-placed' && c.nature === 'additive',
      );
    expect(additive(consumersOf(false))?.path).toBe('alone');
    expect(additive(consumersOf(true))?.path).toBe('new-version');
  });
});

describe('deployCoordination: release trains', () => {
  it('a monolith owned by three teams: its group lists three teams and takes longer', () => {
    const train = change(
      deployCoordination(trainMonolith(['a', 'b', 'c'])).changes,
      'shop.checkout',
    );
    const solo = change(deployCoordination(trainMonolith(['a'])).changes, 'shop.checkout');
    expect(train.lockstep).toEqual(['shop']);
    expect(train.teams).toEqual(['a', 'b', 'c']);
    expect(train.coordinated).toBe(true);
    expect(solo.teams).toEqual(['a']);
    expect(solo.coordinated).toBe(false);
    expect(train.leadTimeMs).toBe(TEN_MINUTES + 2 * DAY);
    expect(train.leadTimeMs).toBeGreaterThan(solo.leadTimeMs);
  });

  it('every change to a release train waits for the train, internal ones too', () => {
    const { changes } = deployCoordination(trainMonolith(['a', 'b', 'c']));
    expect(changes.filter((c) => c.target === 'shop.browse').every((c) => c.coordinated)).toBe(
      true,
    );
    expect(analyse(trainMonolith(['a', 'b', 'c'])).scorecard.lockstepDeploys.verdict).toBe('bad');
    expect(analyse(trainMonolith(['a'])).scorecard.lockstepDeploys.verdict).toBe('ok');
  });

  it('the monolith shop of one team has one lockstep group of one service', () => {
    const { changes, largestLockstep, meanLockstep } = deployCoordination(monolithShop());
    const groups = new Set(
      changes.filter((c) => c.lockstep.length > 0).map((c) => c.lockstep.join()),
    );
    expect(groups).toEqual(new Set(['shop']));
    expect(largestLockstep).toBe(1);
    expect(meanLockstep).toBeLessThanOrEqual(1);
  });
});
