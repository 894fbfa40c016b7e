/**
 * Prose and engine cannot disagree: a chapter may not type a simulation number (a number followed
 * by ms, s, %, req/s or "requests"); it writes `<Num … />`, which the engine computes at build
 * time. Closed forms, quoted figures, inputs and thresholds go in `<Theory>`, or a line carries
 * `{/* theory *\/}`.
 * The rule is in content/_authoring.md, "Numbers in prose".
 */
import { describe, expect, it } from 'vitest';
import { chapterSources } from './chapters.ts';
import { proseOf, typedNumbers } from './proseNumbers.ts';

describe('numbers in chapter prose come from the engine', () => {
  for (const chapter of chapterSources()) {
    it(`${chapter.file} types no simulation number`, () => {
      const typed = typedNumbers(chapter.text).map(
        (t) => `${chapter.file}:${t.line}: "${t.text}" in: ${t.context}`,
      );
      expect(
        typed,
        'Write simulation results with <Num … /> (computed at build time); put a closed form, a quoted figure, a model input or a threshold inside <Theory>…</Theory> (content/_authoring.md, "Numbers in prose")',
      ).toEqual([]);
    });
  }
});

describe('the prose scanner', () => {
  const doc = (body: string) =>
    `---\ntitle: "Took 40 ms"\n---\n\nimport { Num } from '../src/components.ts';\n\n${body}\n`;

  it('finds typed numbers with the units a simulation reports', () => {
    const found = typedNumbers(
      doc(
        'Browse takes 42 ms at p50, 1.5 s at worst, 99.9% succeed at 1,200 req/s over 20,000 requests; 3 per cent fail; 10–20ms apart.',
      ),
    ).map((t) => t.text);
    expect(found).toEqual([
      '42 ms',
      '1.5 s',
      '99.9%',
      '1,200 req/s',
      '20,000 requests',
      '3 per cent',
      '10–20ms',
    ]);
  });

  it('leaves numbers without a unit, and units without a number, alone', () => {
    expect(
      typedNumbers(doc('Five hops, 3 teams, the 1990s, p99 and 2 services; ms are short.')),
    ).toEqual([]);
  });

  it('skips front matter, imports, code, comments, expressions and component props', () => {
    const body = [
      'Inline `40 ms` code and {/* 12 ms */} a comment.',
      '<Predict id="x" question="Is it 40 ms?" options={["10 ms", "90%"]}>',
      '  Notice the <Num preset="monolith" metric="overall.latencyMs.p50" format="ms" /> median.',
      '</Predict>',
      '```ts',
      'const t = 40; // 40 ms',
      '```',
      '<SimulationFigure',
      '  id="a"',
      '  caption="x"',
      '  fixed={[{ control: "timeout", value: 250 }]}',
      '/>',
    ].join('\n');
    expect(typedNumbers(doc(body))).toEqual([]);
  });

  it('scans the children of components: what to notice is prose', () => {
    const found = typedNumbers(
      doc('<Predict id="x" question="q" options={["a", "b"]}>\n  It took 80 ms.\n</Predict>'),
    );
    expect(found.map((t) => [t.line, t.text])).toEqual([[8, '80 ms']]);
  });

  it('lets through <Theory> numbers and lines marked theory', () => {
    expect(typedNumbers(doc('Closed form: <Theory>63.4%</Theory> of pages.'))).toEqual([]);
    expect(typedNumbers(doc('| 1 hop | 99% | {/* theory */}'))).toEqual([]);
    expect(typedNumbers(doc('| 1 hop | 99% |')).map((t) => t.text)).toEqual(['99%']);
  });

  it('keeps line numbers', () => {
    const source = doc('a\n\nb 5 ms');
    expect(proseOf(source).split('\n').length).toBe(source.split('\n').length);
    expect(typedNumbers(source)[0]?.line).toBe(9);
  });
});
