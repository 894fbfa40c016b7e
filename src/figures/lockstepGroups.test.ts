import { describe, expect, it } from 'vitest';
import { analyse } from '../../simulations/analyses/index.ts';
import type { DeployAnalysis } from '../../simulations/analyses/types.ts';
import { shopModel } from '../../simulations/presets/shop/index.ts';
import {
  describeGroups,
  lockstepGroups,
  lockstepGroupsPlot,
  NO_TEAM_COLOUR,
  serviceTeams,
} from './lockstepGroups.ts';

function groupsOf(cut: 'monolith' | 'distributed-monolith' | 'microservices', async = false) {
  const model = shopModel({ cut, design: { async } });
  return lockstepGroups(analyse(model).deploy, { teams: serviceTeams(model) });
}

describe('lockstepGroups', () => {
  it('puts the shared model library first: ten services of three teams in one row', () => {
    const data = groupsOf('distributed-monolith');
    const first = data.rows[0];
    expect(first?.target).toBe('shop-models');
    expect(first?.path).toBe('lockstep');
    expect(first?.services).toHaveLength(10);
    expect(first?.teams).toEqual(['checkout', 'fulfilment', 'storefront']);
    expect(data.rows[1]?.target).toBe('shop-db');
    expect(data.rows.slice(0, 3).map((r) => r.cause)).toEqual([
      'shared models',
      'shared datastore',
      'API and callers',
    ]);
    // One filled square per service of each row, coloured by team.
    expect(data.cells.filter((c) => c.row === 'shop-models')).toHaveLength(10);
    expect(new Set(data.cells.map((c) => c.colour)).size).toBe(3);
    expect(data.legend.map((l) => l.team)).toEqual(['checkout', 'fulfilment', 'storefront']);
  });

  it('draws the monolith as one release train that every change waits for', () => {
    const data = groupsOf('monolith');
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0]?.pathLabel).toBe('release train (3 teams)');
    expect(data.rows[0]?.label).toMatch(/^shop\.\S+ \+19$/);
    expect(data.columns).toEqual([{ service: 'shop', team: 'checkout + fulfilment + storefront' }]);
  });

  it('microservices keep only pairs and one team-internal triple, no shared library or database', () => {
    const data = groupsOf('microservices');
    expect(data.rows.every((r) => r.services.length <= 3)).toBe(true);
    expect(data.rows.some((r) => r.targets.includes('shop-db'))).toBe(false);
    expect(data.rows[0]).toMatchObject({ target: 'pricing.price-line', teams: ['checkout'] });
  });

  it('an event with a new version is a sequence of numbered releases, listed after the groups', () => {
    const data = groupsOf('microservices', true);
    const row = data.rows.find((r) => r.target === 'order-placed');
    expect(row?.path).toBe('new-version');
    expect(row?.order).toEqual({ orders: [1, 4], notifications: [2], shipping: [3] });
    expect(data.rows[0]?.path).toBe('lockstep');
    const cells = data.cells.filter((c) => c.row === 'order-placed');
    expect(cells.map((c) => [c.service, c.kind, c.text])).toEqual([
      ['orders', 'step', '1, 4'],
      ['notifications', 'step', '2'],
      ['shipping', 'step', '3'],
    ]);
    // Asynchronous e-mail and shipping: the receipt and shipping calls no longer lock orders in.
    expect(data.rows.some((r) => r.target === 'notifications.send-receipt')).toBe(false);
  });

  it('keeps `limit` rows and counts the rest; `all` adds the changes one service ships', () => {
    const model = shopModel({ cut: 'microservices' });
    const deploy = analyse(model).deploy;
    const some = lockstepGroups(deploy, { teams: serviceTeams(model), limit: 4 });
    expect(some.rows).toHaveLength(4);
    expect(some.hidden).toBe(some.total - 4);
    // The sentence counts every row, not only those drawn.
    expect(describeGroups(some)).toMatch(new RegExp(`^${some.total} lockstep groups\\.`));
    const all = lockstepGroups(deploy, { teams: serviceTeams(model), show: 'all' });
    expect(all.total).toBeGreaterThan(some.total);
    expect(all.rows.at(-1)?.coordinated).toBe(false);
    expect(() => lockstepGroups(deploy, { limit: -1 })).toThrow(/limit must be 0 or more, not -1/);
  });

  it('says when nothing needs coordinating, and greys services without a team', () => {
    const empty: DeployAnalysis = { changes: [], largestLockstep: 0, meanLockstep: 0 };
    const data = lockstepGroups(empty);
    expect(data.rows).toEqual([]);
    expect(describeGroups(data)).toBe(
      'No change needs a coordinated release: every service ships alone.',
    );
    const model = shopModel({ cut: 'distributed-monolith' });
    const untouched = lockstepGroups(analyse(model).deploy);
    expect(new Set(untouched.cells.map((c) => c.colour))).toEqual(new Set([NO_TEAM_COLOUR]));
  });

  it('describes the largest group in one sentence', () => {
    expect(describeGroups(groupsOf('distributed-monolith'))).toBe(
      '12 lockstep groups. The largest, shop-models, is a lockstep group of 10 services, 3 teams, 2 d 1 h, and fails 18.3%.',
    );
  });

  it('plots one square per cell and drops the facts column on a phone', () => {
    const data = groupsOf('distributed-monolith');
    const wide = lockstepGroupsPlot(data, { width: 720 });
    const narrow = lockstepGroupsPlot(data, { width: 360 });
    expect(wide.marks).toHaveLength(4);
    expect(narrow.marks).toHaveLength(3);
    expect(wide.height).toBeGreaterThan(data.rows.length * 20);
    expect((wide.x as { domain: string[] }).domain).toEqual(data.columns.map((c) => c.service));
  });
});
