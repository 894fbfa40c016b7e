/**
 * The claims chapter 1 (content/what-is-a-distributed-monolith.mdx) makes in words about the
 * numbers its `<Num>` components quote: if the engine changes and a claim stops holding, this
 * fails, so prose and engine cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../simulations/analyses/index.ts';
import { type CutName, type Design, shopModel } from '../../simulations/presets/shop/index.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { simulateSync } from '../../simulations/simulate.ts';

const ALL: Design = { parallel: true, batch: true, async: true, optional: true, resilience: true };
const run = (cut: CutName, design: Partial<Design> = {}) =>
  simulateSync(shopModel({ cut, design }), { seed: 1 }).overall.latencyMs;

describe('chapter 1 says what the engine computes', () => {
  it('quotes the failure risk of shop-models as deploy.changes.0', () => {
    const change = analyse(shopModel({ cut: 'distributed-monolith', design: {} })).deploy
      .changes[0];
    expect(change?.target).toBe('shop-models');
    expect(change?.breaking).toBe(true);
    expect(change?.failureRisk).toBeGreaterThan(1 / 7);
  });

  it('one click leaves lockstep and the shared model bad, and turns them to warn at 1%', () => {
    const model = shopModel({ cut: 'distributed-monolith', design: {} });
    const card = (rate?: number) =>
      analyse(
        applyControls(model, [
          { control: 'release', value: 'one-click' },
          ...(rate === undefined ? [] : [{ control: 'deployFailureRate' as const, value: rate }]),
        ]),
      ).scorecard;
    expect(card().lockstepDeploys.verdict).toBe('bad');
    expect(card().sharedModels.verdict).toBe('bad');
    expect(card().sharedDatastores.verdict).toBe('warn');
    expect(card().chattiness.verdict).toBe('warn');
    expect(card(0.01).lockstepDeploys.verdict).toBe('warn');
    expect(card(0.01).sharedModels.verdict).toBe('warn');
    const oneTeam = analyse(applyControls(model, [{ control: 'owners', value: 'one-team' }]));
    expect(oneTeam.scorecard.sharedTeams.verdict).toBe('bad');
  });

  it('the cut × design table: the monolith is fastest at each design, design choices help every cut, and the wrong pair misleads', () => {
    const cuts: CutName[] = ['monolith', 'distributed-monolith', 'microservices'];
    const first = cuts.map((c) => run(c));
    const all = cuts.map((c) => run(c, ALL));
    for (const [i, cut] of cuts.entries()) {
      if (cut !== 'monolith') {
        expect(first[0]?.p50).toBeLessThan(first[i]?.p50 ?? 0);
        expect(all[0]?.p50).toBeLessThan(all[i]?.p50 ?? 0);
        expect(first[0]?.p99).toBeLessThan(first[i]?.p99 ?? 0);
      }
      expect(all[i]?.p50).toBeLessThan(first[i]?.p50 ?? 0);
      expect(all[i]?.p99).toBeLessThan(first[i]?.p99 ?? 0);
    }
    expect(all[1]?.p50).toBeLessThan(first[0]?.p50 ?? 0);
  });
});
