/**
 * The seeds' rule on the presets: a symptom is `bad` only when it is costly in the document.
 * Assertions are about verdict directions, not numbers, so the presets may be retuned.
 */
import { describe, expect, it } from 'vitest';
import type { Change, Model, Organization } from '../model/types.ts';
import { analyse } from './index.ts';
import { presetModel } from './testing/presetModels.ts';
import { microservicesShop } from './testing/shops.ts';
import type { Scorecard, ScorecardKey } from './types.ts';

const distributed = presetModel('distributed-monolith');
const micro = presetModel('microservices');

function reorganised(
  model: Model,
  organization: Partial<Organization>,
  options: { team?: string; failureRate?: number } = {},
): Model {
  const services = Object.fromEntries(
    Object.entries(model.services).map(([name, s]) => [
      name,
      {
        ...s,
        ...(options.team === undefined ? {} : { team: options.team, modules: {} }),
        deploy: { ...s.deploy, failureRate: options.failureRate ?? s.deploy.failureRate },
      },
    ]),
  );
  return { ...model, services, organization: { ...model.organization, ...organization } };
}

const keys = (scorecard: Scorecard): ScorecardKey[] => Object.keys(scorecard) as ScorecardKey[];

describe('shared datastores and models weigh what changing them costs', () => {
  it('one-click and one team: shared datastore and model are ok or warn, and say why', () => {
    const { scorecard } = analyse(
      reorganised(distributed, { release: 'one-click' }, { team: 'shop' }),
    );
    for (const key of ['sharedDatastores', 'sharedModels'] as const) {
      expect(['ok', 'warn']).toContain(scorecard[key].verdict);
      expect(scorecard[key].why).toContain('one team');
    }
  });

  it('per-team with three teams: shared datastore and model are bad', () => {
    const model = reorganised(distributed, { release: 'per-team' });
    expect(new Set(Object.values(model.services).map((s) => s.team)).size).toBeGreaterThanOrEqual(
      3,
    );
    const { scorecard } = analyse(model);
    expect(scorecard.sharedDatastores.verdict).toBe('bad');
    expect(scorecard.sharedModels.verdict).toBe('bad');
  });

  it('one-click across teams: warn while the coordinated release rarely fails', () => {
    const { scorecard } = analyse(
      reorganised(distributed, { release: 'one-click' }, { failureRate: 0.001 }),
    );
    expect(scorecard.sharedModels.verdict).toBe('warn');
    expect(scorecard.sharedModels.why).toContain('cheap');
    expect(scorecard.lockstepDeploys.verdict).toBe('warn');
  });

  it('one-click across teams: a release that fails 15% of the time or more is costly', () => {
    const { scorecard } = analyse(
      reorganised(distributed, { release: 'one-click' }, { failureRate: 0.05 }),
    );
    expect(scorecard.sharedModels.verdict).toBe('bad');
    expect(scorecard.lockstepDeploys.verdict).toBe('bad');
    expect(scorecard.lockstepDeploys.why).toMatch(/fails \d+(\.\d)?% of the time/);
  });
});

describe('microservices and their events', () => {
  // The preset's first event when it has one, and the hand-built shop's `order-placed`.
  const cases: [string, Model, string][] = [
    ['microservices shop', microservicesShop(), 'order-placed'],
    ...Object.keys(micro.events)
      .slice(0, 1)
      .map((event): [string, Model, string] => ['microservices preset', micro, event]),
  ];

  it.each(cases)(
    '%s: an event changed through a new version gives no bad verdict',
    (_, model, event) => {
      const change: Change = {
        target: event,
        targetKind: 'event',
        breaking: true,
        via: 'new-version',
      };
      const { scorecard, deploy } = analyse({ ...model, changes: [change] });
      expect(deploy.changes.find((c) => c.target === event)).toMatchObject({
        path: 'new-version',
        coordinated: false,
      });
      for (const key of keys(scorecard)) {
        if (scorecard[key].verdict !== 'bad') continue;
        expect(scorecard[key].evidence.join(' '), key).not.toContain(event);
        expect(scorecard[key].why, key).not.toContain(`\`${event}\``);
      }
    },
  );

  it.each(cases)(
    '%s: changed in place across teams, the event is a slow coordinated release',
    (_, model, event) => {
      const change: Change = {
        target: event,
        targetKind: 'event',
        breaking: true,
        via: 'lockstep',
      };
      const { deploy } = analyse({ ...model, changes: [change] });
      const entry = deploy.changes.find((c) => c.target === event);
      expect(entry).toMatchObject({ path: 'lockstep', coordinated: true });
      expect(entry?.leadTimeMs).toBeGreaterThan(3_600_000);
    },
  );
});
