import { describe, expect, it } from 'vitest';
import { chapterSources, mdxSources } from './chapters.ts';
import { CHAPTERS, GLOSSARY, glossaryEntry } from './glossary.ts';

/** The id Astro gives a heading (github-slugger's rule for plain text). */
function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** Ids of a chapter's `##` and `###` headings, outside fenced code. */
function headingIds(text: string): Set<string> {
  const ids = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const m = /^#{2,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!fenced && m?.[1]) ids.add(headingSlug(m[1].replace(/<[^>]+>/g, '').replace(/[*_`]/g, '')));
  }
  return ids;
}

describe('the glossary', () => {
  it('has the terms the essays rely on', () => {
    const required = [
      'blast-radius',
      'lockstep',
      'lockstep-group',
      'release-train',
      'p50',
      'p99',
      'tail-latency',
      'percentile',
      'fan-out',
      'hedging',
      'backoff',
      'jitter',
      'retry-budget',
      'circuit-breaker',
      'bulkhead',
      'knee',
      'utilisation',
      'saturation',
      'queueing',
      'thread-slot',
      'core',
      'chattiness',
      'distributed-monolith',
      'monolith',
      'microservice',
      'event',
      'at-least-once',
      'idempotency',
      'timeout',
      'blast-radius-kinds',
      'deferred-blast-radius',
      'expand-contract',
      'coupling',
    ];
    expect(required.filter((id) => glossaryEntry(id) === undefined)).toEqual([]);
  });

  it('has unique, well-formed ids and a definition and a teaching chapter for each', () => {
    const ids = GLOSSARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of GLOSSARY) {
      expect(e.id, e.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(e.definition.length, e.id).toBeGreaterThan(40);
      expect(e.taught.length, e.id).toBeGreaterThan(0);
      for (const other of e.see ?? [])
        expect(glossaryEntry(other), `${e.id} sees ${other}`).toBeDefined();
    }
  });

  it('links each entry to chapters and sections that exist', () => {
    const chapters = new Map(chapterSources().map((c) => [c.slug, headingIds(c.text)]));
    const problems: string[] = [];
    for (const e of GLOSSARY) {
      for (const t of e.taught) {
        if (!(CHAPTERS as readonly string[]).includes(t.chapter))
          problems.push(`${e.id}: unknown chapter ${t.chapter}`);
        const headings = chapters.get(t.chapter);
        // A chapter not written yet: the glossary page leaves the link out until it is.
        if (headings === undefined || t.section === undefined) continue;
        if (!headings.has(t.section)) {
          problems.push(
            `${e.id}: ${t.chapter} has no heading #${t.section}; it has ${[...headings].join(', ')}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('knows every <Term id> the content uses', () => {
    const unknown: string[] = [];
    for (const source of mdxSources()) {
      for (const m of source.text.matchAll(/<Term\s+id=["']([^"']+)["']/g)) {
        const id = m[1] ?? '';
        if (glossaryEntry(id) === undefined) {
          const line = source.text.slice(0, m.index).split('\n').length;
          unknown.push(`${source.file}:${line}: <Term id="${id}">`);
        }
      }
    }
    expect(unknown, 'add these to src/content/glossary.ts').toEqual([]);
  });

  it('slugs headings as Astro does', () => {
    expect(headingSlug('Chains and availability, (1 − p)^n')).toBe('chains-and-availability-1--pn');
    expect([...headingIds('## One big pool, or many small ones?\n```\n## not\n```')]).toEqual([
      'one-big-pool-or-many-small-ones',
    ]);
  });
});
