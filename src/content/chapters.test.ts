import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chapterSources } from './chapters.ts';
import { CHAPTERS } from './glossary.ts';

/** Previous/next links follow `order` (src/pages/essays/[slug].astro), so the order must hold. */
describe('the chapters', () => {
  const fronts = chapterSources().map((c) => ({
    slug: c.slug,
    ...(parse(c.text.split(/^---$/m)[1] ?? '') as { order: number; draft?: boolean }),
  }));

  it('have distinct reading orders', () => {
    const orders = fronts.filter((f) => !f.draft).map((f) => f.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('put the first three chapters first, in the order the glossary names them', () => {
    const published = fronts.filter((f) => !f.draft).sort((a, b) => a.order - b.order);
    const known = published
      .map((f) => f.slug)
      .filter((slug) => (CHAPTERS as readonly string[]).includes(slug));
    expect(known).toEqual(CHAPTERS.filter((slug) => known.includes(slug)));
    expect(published.slice(0, known.length).map((f) => f.slug)).toEqual(known);
  });
});
