import { describe, expect, it } from 'vitest';
import { deployCoordination } from '../../simulations/analyses/deployCoordination.ts';
import {
  type ReleaseOptions,
  simulateRelease,
} from '../../simulations/analyses/releaseSimulation.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import {
  deployTimelineData,
  deployTimelinePlot,
  describeRelease,
  formatDuration,
} from './deployTimeline.ts';
import { serviceTeams } from './lockstepGroups.ts';

const parsed = parseTopology(loadPreset('distributed-monolith'), {
  file: 'distributed-monolith.yaml',
});
if (!parsed.ok) throw new Error('the distributed-monolith preset must parse');
const model = parsed.model;
const group = deployCoordination(model).changes.find((c) => c.target === 'shop-models');
if (!group) throw new Error('shop-models must be a change of the preset');
const teams = Object.fromEntries(
  Object.values(model.services).map((s) => [s.name, s.team ?? null]),
);

const release = (options: Partial<ReleaseOptions>) =>
  simulateRelease(model, { services: group.lockstep, ...options });

/** Rounded so the snapshot does not depend on floating-point noise. */
const round = (x: number) => Math.round(x);

describe('deployTimelineData', () => {
  it('per-team release (seed 1): three team blocks separated by two labelled handoffs', () => {
    const result = release({ seed: 1, release: 'per-team' });
    const data = deployTimelineData(result, { teams });
    expect(result.outcome).toBe('released');
    expect(data.rows.filter((r) => r.kind === 'team').map((r) => r.name)).toEqual([
      'checkout',
      'storefront',
      'fulfilment',
    ]);
    expect(data.gaps.map((g) => [g.row, g.label])).toEqual([
      ['team:storefront', '1 d handoff\n(shortened)'],
      ['team:fulfilment', '1 d handoff\n(shortened)'],
    ]);
    // Both handoffs are collapsed into breaks, drawn much narrower than a day.
    expect(data.breaks).toHaveLength(2);
    for (const g of data.gaps) expect(g.x2 - g.x1).toBeLessThan((g.endMs - g.startMs) / 10);
    expect(
      data.rows.filter((r) => r.kind === 'service').every((r) => r.status === '✓ released'),
    ).toBe(true);
    expect(data.rollbacks).toEqual([]);
    // Ticks keep real times across the breaks.
    const labels = data.ticks.map((t) => t.label);
    expect(labels[0]).toBe('0');
    expect(labels).toContain('1 d 1 h');
    expect(labels.at(-1)).toBe('2 d 1 h');
  });

  it('true scale keeps handoffs at their length', () => {
    const result = release({ seed: 1, release: 'per-team' });
    const data = deployTimelineData(result, { teams, scale: 'true' });
    expect(data.breaks).toEqual([]);
    expect(data.gaps.map((g) => round(g.x2 - g.x1))).toEqual([86_400_000, 86_400_000]);
    expect(data.gaps[0]?.label).toBe('1 d handoff');
  });

  it('one-click release starts every service at 0 and has no handoffs', () => {
    const result = release({ seed: 1, release: 'one-click' });
    const data = deployTimelineData(result, { teams });
    expect(data.gaps).toEqual([]);
    const builds = data.bars.filter((b) => b.phase === 'build');
    expect(builds).toHaveLength(10);
    expect(new Set(builds.map((b) => b.x1))).toEqual(new Set([0]));
    expect(formatDuration(result.durationMs)).toBe('10 min');
  });

  it('a canary alarm (seed 7) shows a vermillion-dotted rollback row for every deployed service', () => {
    const result = release({ seed: 7, release: 'per-team' });
    const data = deployTimelineData(result, { teams });
    const failing = data.rows.find((r) => r.status.startsWith('✕ canary alarm'));
    expect(failing?.name).toBe('recommendations');
    expect(data.rollbacks.map((r) => r.row)).toContain('recommendations');
    // Services that never started still sit under their own team.
    const rows = data.rows.map((r) => `${r.kind === 'team' ? '#' : ''}${r.name}: ${r.status}`);
    expect(rows).toMatchSnapshot();
    expect(
      data.bars.filter((b) => b.phase === 'rollback').map((b) => [b.service, b.outcome]),
    ).toMatchSnapshot();
    expect(describeRelease(result, 'shop-models', teams)).toMatchSnapshot();
  });

  it('the Plot spec carries one mark per layer and the cursor only when asked', () => {
    const result = release({ seed: 7, release: 'one-click' });
    const plain = deployTimelinePlot(result, { teams });
    const withCursor = deployTimelinePlot(result, { teams, cursorMs: 60_000 });
    expect(withCursor.marks?.length).toBe((plain.marks?.length ?? 0) + 1);
    expect(plain.color?.domain).toEqual(['build', 'canary', 'rollout', 'rollback']);
    expect(plain.color?.range).toContain('#D55E00');
  });

  it('leaves room for its longest service name and status, so neither is clipped', () => {
    const result = release({ seed: 7, release: 'per-team' });
    const plot = deployTimelinePlot(result, { teams });
    // Measured in Chromium at 14 px: "recommendations" is 127 px, the alarm's status 218 px bold.
    const px = (text: string) => text.length * 14 * 0.6;
    expect(plot.marginLeft).toBeGreaterThan(px('recommendations'));
    expect(plot.marginRight).toBeGreaterThan(px('✕ canary alarm, rolled back'));
  });
});

describe('describeRelease', () => {
  it('names the style, size and outcome', () => {
    expect(describeRelease(release({ seed: 1, release: 'per-team' }), 'shop-models')).toBe(
      'Per-team release of shop-models: 10 services, 3 teams, 2 d 1 h (2 handoffs); every service released.',
    );
  });
});

describe('formatDuration', () => {
  it('reads like a person', () => {
    expect(
      [0, 1500, 90_000, 3_600_000 * 3.5, 86_400_000 * 2 + 3_600_000].map(formatDuration),
    ).toEqual(['0', '1.5 s', '2 min', '3 h 30 min', '2 d 1 h']);
  });
});

describe('a release train of the monolith', () => {
  const mono = parseTopology(loadPreset('monolith'), { file: 'monolith.yaml' });
  if (!mono.ok) throw new Error('the monolith preset must parse');
  const trainTeams = serviceTeams(mono.model);
  const result = simulateRelease(mono.model, { services: ['shop'] });

  it('labels its teams once and its back-to-back handoffs as one break', () => {
    const data = deployTimelineData(result, { teams: trainTeams });
    expect(data.rows.map((r) => r.name)).toEqual(['checkout + fulfilment + storefront', 'shop']);
    expect(data.gaps.map((g) => [g.row, g.label])).toEqual([
      ['team:checkout + fulfilment + storefront', '2 handoffs, 2 d\n(shortened)'],
    ]);
    expect(describeRelease(result, 'shop-models', trainTeams)).toBe(
      'Per-team release of shop-models: 1 service, 3 teams, 2 d 10 min (2 handoffs); every service released.',
    );
  });

  it('keeps its tick labels apart however long they are', () => {
    const { ticks, extent } = deployTimelineData(result, { teams: trainTeams });
    expect(ticks.map((t) => t.label)).toEqual(['2 d', '2 d 4 min', '2 d 8 min']);
    for (let i = 1; i < ticks.length; i++) {
      const gap = (ticks[i]?.x ?? 0) - (ticks[i - 1]?.x ?? 0);
      expect(gap / extent).toBeGreaterThanOrEqual(0.022 * ((ticks[i]?.label.length ?? 0) + 1));
    }
  });
});
