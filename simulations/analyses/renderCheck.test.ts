import { describe, expect, it } from 'vitest';
import { check, entriesAtLeast } from './check.ts';
import { renderMarkdown, renderText, wrap } from './renderCheck.ts';
import { presetModel } from './testing/presetModels.ts';

const presets = ['monolith', 'distributed-monolith', 'microservices'] as const;

describe('check output', () => {
  for (const name of presets) {
    it(`${name}: text fits 100 columns and names every section`, async () => {
      const text = renderText(await check(presetModel(name), { requests: 300 }));
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      for (const heading of ['SCORECARD', 'BLAST RADIUS', 'LOCKSTEP GROUPS']) {
        expect(text).toContain(heading);
      }
    });
  }

  it('markdown: one scorecard row per entry, and tables whose rows all have their columns', async () => {
    const md = renderMarkdown(
      await check(presetModel('distributed-monolith'), { simulate: false }),
    );
    expect(md).toContain('| 🔴 bad | `sharedDatastores` | 1 |');
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    for (const row of rows) expect(row.endsWith('|')).toBe(true);
    expect(md).toContain('#### Lockstep groups');
  });

  it('the gate: entries at or above a level', async () => {
    const { scorecard } = (await check(presetModel('distributed-monolith'), { simulate: false }))
      .analyses;
    expect(entriesAtLeast(scorecard, 'bad')).toEqual(
      expect.arrayContaining(['lockstepDeploys', 'sharedDatastores', 'sharedModels']),
    );
    const monolith = (await check(presetModel('monolith'), { simulate: false })).analyses.scorecard;
    // A monolith warns at most about its release train (several teams in one deployable).
    expect(
      entriesAtLeast(monolith, 'warn').filter(
        (k) => k !== 'changeCoupling' && k !== 'lockstepDeploys',
      ),
    ).toEqual([]);
  });

  it('wraps on words', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
  });
});
