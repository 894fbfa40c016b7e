import { describe, expect, it } from 'vitest';
import { check, entriesAtLeast } from './check.ts';
import { renderMarkdown, renderText, wrap } from './renderCheck.ts';
import { presetModel } from './testing/presetModels.ts';

const presets = ['monolith', 'distributed-monolith', 'microservices'] as const;

describe('check output', () => {
  for (const name of presets) {
    it(`${name}: text fits 100 columns and names every section`, () => {
      const text = renderText(check(presetModel(name), { requests: 300 }));
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      for (const heading of ['SCORECARD', 'BLAST RADIUS', 'LOCKSTEP GROUPS']) {
        expect(text).toContain(heading);
      }
    });
  }

  it('markdown: one scorecard row per entry, and tables whose rows all have their columns', () => {
    const md = renderMarkdown(check(presetModel('distributed-monolith'), { simulate: false }));
    expect(md).toContain('| 🔴 bad | `sharedDatastores` | 1 |');
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    for (const row of rows) expect(row.endsWith('|')).toBe(true);
    expect(md).toContain('#### Lockstep groups');
  });

  it('the gate: entries at or above a level', () => {
    const { scorecard } = check(presetModel('distributed-monolith'), { simulate: false }).analyses;
    expect(entriesAtLeast(scorecard, 'bad')).toEqual([
      'changeCoupling',
      'lockstepDeploys',
      'sharedDatastores',
      'sharedModels',
    ]);
    const monolith = check(presetModel('monolith'), { simulate: false }).analyses.scorecard;
    expect(entriesAtLeast(monolith, 'warn')).toEqual([]);
  });

  it('wraps on words', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
  });
});
