/**
 * Every scene in the chapters names a figure of its own chapter, so no speaker finds a missing
 * figure on stage; and the chapters the talk mode was written for have scenes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureIds, hasScenes, sceneFigures, sceneOutline } from './chapterScenes.ts';

const dir = join(import.meta.dirname, '../../../content');
const chapters = readdirSync(dir).filter((f) => f.endsWith('.mdx') && !f.startsWith('_'));

describe('scenes in the chapters', () => {
  it.each(chapters)('%s: every scene names a figure in the same chapter', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const ids = figureIds(source);
    const missing = sceneFigures(source).filter((id) => !ids.has(id));
    expect(missing, `figures named by scenes but not in ${file}`).toEqual([]);
  });

  it('chapters 1 to 3 have a talk', () => {
    for (const file of [
      'what-is-a-distributed-monolith.mdx',
      'every-hop-costs.mdx',
      'blast-radius.mdx',
    ]) {
      expect(hasScenes(readFileSync(join(dir, file), 'utf8')), file).toBe(true);
    }
  });
});

describe('reading scenes from MDX', () => {
  const source = [
    '<SimulationFigure',
    '  id="storm"',
    '  controls={[{ control: "retries" }]}',
    '/>',
    '<Predict id="guess" question="?" options={["a", "b"]}>',
    '  Notes <Num preset="x" metric="y" />',
    '</Predict>',
    '<DeployTimeline preset="distributed-monolith" change="shop-models" />',
    '<Scene figure="storm" headline="One" set={[{ control: "retries", value: 3 }]}>',
    '  Notes',
    '</Scene>',
    '<Scene figure="guess" headline="Two" />',
    '<Scene',
    '  figure="storm"',
    '  headline="Three: retries, \'no\' budget"',
    '  minutes={2.5}',
    '>',
    '  Notes with minutes={9} in them',
    '</Scene>',
  ].join('\n');

  it('finds figure ids, not prediction ids, and names deploy timelines as the component does', () => {
    expect([...figureIds(source)]).toEqual(['storm', 'deploy-shop-models']);
  });

  it('lists the figures scenes name, in order', () => {
    expect(sceneFigures(source)).toEqual(['storm', 'guess', 'storm']);
  });

  it("reads each scene's headline and planned minutes, and not its notes", () => {
    expect(sceneOutline(source)).toEqual([
      { figure: 'storm', headline: 'One', minutes: null },
      { figure: 'guess', headline: 'Two', minutes: null },
      { figure: 'storm', headline: "Three: retries, 'no' budget", minutes: 2.5 },
    ]);
  });

  it.each(chapters.filter((f) => hasScenes(readFileSync(join(dir, f), 'utf8'))))(
    '%s: every scene has a headline for the list of talks',
    (file) => {
      const outline = sceneOutline(readFileSync(join(dir, file), 'utf8'));
      expect(outline.length).toBeGreaterThan(0);
      expect(outline.filter((s) => s.headline.trim() === '')).toEqual([]);
    },
  );
});
