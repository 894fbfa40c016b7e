import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from './readingTime.ts';

describe('reading time', () => {
  it('counts only the prose, not front matter, imports or code', () => {
    const source = [
      '---',
      'title: Three words here',
      '---',
      "import Figure from '../src/components/Figure.astro';",
      '',
      'One two three four.',
      '```yaml',
      'ignored: entirely',
      '```',
      '<Figure preset="monolith" /> five',
    ].join('\n');
    expect(countWords(source)).toBe(5);
  });

  it('rounds to whole minutes and never says zero', () => {
    expect(readingMinutes('word')).toBe(1);
    expect(readingMinutes(Array(880).fill('word').join(' '))).toBe(4);
  });
});
