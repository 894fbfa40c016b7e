import { describe, expect, it } from 'vitest';
import { analyse } from '../../simulations/analyses/index.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { blastRows, compareRows } from './compareDesigns.ts';

function run(name: string, seed = 1): Report {
  const parsed = parseTopology(loadPreset(name));
  if (!parsed.ok) throw new Error(name);
  return { ...simulateSync(parsed.model, { requests: 4000, seed }), ...analyse(parsed.model) };
}

describe('compare A and B', () => {
  it('calls two seeds of one design within noise, and names what differs between designs', () => {
    const a = run('distributed-monolith', 1);
    const same = compareRows(a, run('distributed-monolith', 2));
    expect(same.find((r) => r.label === 'p50 latency')?.note).toBe('within noise');
    const other = compareRows(a, run('monolith'));
    expect(other.map((r) => r.label)).toEqual([
      'p50 latency',
      'p99 latency',
      'Availability',
      'Cores provisioned',
      'CPU per request',
      'Largest lockstep group',
      'Mean lockstep group',
      'Widest static blast radius',
      'Scorecard',
    ]);
    expect(other.find((r) => r.label === 'Cores provisioned')?.note).toBe('same');
  });

  it('lists components found on one side only', () => {
    const rows = blastRows(run('monolith'), run('microservices'));
    expect(rows.some((r) => r.note === 'only in B')).toBe(true);
  });
});
