import { describe, expect, it } from 'vitest';
import { analyse } from '../../simulations/analyses/index.ts';
import type { Scorecard } from '../../simulations/analyses/types.ts';
import { shopModel } from '../../simulations/presets/shop/index.ts';
import { applyControls, type ControlSetting } from '../../simulations/scenarios/controls.ts';
import { describeScorecard, SYMPTOMS, scorecardRows, tally } from './scorecard.ts';

const model = shopModel({ cut: 'distributed-monolith', design: {} });
const card = (settings: readonly ControlSetting[] = []): Scorecard =>
  analyse(applyControls(model, settings)).scorecard;
const oneClick: ControlSetting[] = [{ control: 'release', value: 'one-click' }];

describe('scorecard explorer view', () => {
  it('shows the six symptoms in the rubric order, with the analyses’ verdicts and plain whys', () => {
    const asWritten = card();
    const rows = scorecardRows(asWritten);
    expect(rows.map((r) => r.key)).toEqual(SYMPTOMS.map((s) => s.key));
    for (const row of rows) {
      expect(row.verdict).toBe(asWritten[row.key].verdict);
      expect(row.why).not.toContain('`');
      expect(row.was).toBeUndefined();
    }
    expect(rows.find((r) => r.key === 'lockstepDeploys')?.value).toBe(
      '10 services in the largest group',
    );
    expect(describeScorecard(rows)).toMatch(/^4 bad, 1 warn, 1 ok; no verdict differs/);
  });

  it('marks the verdicts the reader’s settings changed, and says which', () => {
    const rows = scorecardRows(card(oneClick), card());
    const changed = rows.filter((r) => r.was !== undefined).map((r) => [r.key, r.was, r.verdict]);
    expect(changed).toEqual([
      ['changeCoupling', 'bad', 'ok'],
      ['sharedDatastores', 'bad', 'warn'],
    ]);
    expect(tally(rows)).toEqual({ ok: 2, warn: 2, bad: 2 });
    expect(describeScorecard(rows)).toContain('2 verdicts differ from the shop as written');
    expect(describeScorecard(rows)).toContain('many services share one datastore: bad → warn');
  });

  it('needs a low deploy failure rate before one-click lockstep of ten services is cheap', () => {
    const at = (rate: number) =>
      card([...oneClick, { control: 'deployFailureRate', value: rate }]).lockstepDeploys.verdict;
    expect(at(0.01)).toBe('warn');
    expect(at(0.02)).toBe('bad');
  });
});
