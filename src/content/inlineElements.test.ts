/**
 * In MDX a line that holds nothing but an element is a block: a `<Num>` or `<Term>` alone on its
 * line ends the paragraph before it and starts another after it, so the number lands on a line of
 * its own in the page. Inline elements must share their line with text (a full stop will do).
 */
import { describe, expect, it } from 'vitest';
import { mdxSources } from './chapters.ts';

const ALONE = /^\s*(<Num\b[^>]*\/>|<Term\b[^>]*>[^<]*<\/Term>)\s*$/;

/** `file:line` of every inline element alone on its line. */
function aloneIn(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (ALONE.test(line) ? [`${file}:${i + 1}`] : []));
}

describe('inline elements in the essays', () => {
  it('the check finds an element alone on its line, and not one followed by text', () => {
    expect(aloneIn('x', 'is\n  <Num metric="a" />\nand')).toEqual(['x:2']);
    expect(aloneIn('x', 'is\n<Num metric="a" />.\nand <Term id="t">t</Term>')).toEqual([]);
  });

  it.each(mdxSources().map((s) => [s.file, s.text] as const))(
    '%s keeps every <Num> and <Term> inside its paragraph',
    (file, text) => {
      expect(aloneIn(file, text)).toEqual([]);
    },
  );
});
