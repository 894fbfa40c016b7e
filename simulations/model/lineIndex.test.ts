import { describe, expect, it } from 'vitest';
import { indexLines, positionOf } from './lineIndex.ts';

describe('positionOf', () => {
  it('counts \\n, \\r\\n and lone \\r as line ends, 1-based', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const lines = indexLines(text);
    expect(positionOf(text, lines, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(text, lines, 4)).toEqual({ line: 2, column: 1 });
    expect(positionOf(text, lines, 7)).toEqual({ line: 3, column: 1 });
    expect(positionOf(text, lines, 11)).toEqual({ line: 4, column: 2 });
  });

  it('keeps offsets past a line end on that line', () => {
    const text = 'ab\r\ncd';
    const lines = indexLines(text);
    expect(positionOf(text, lines, 3)).toEqual({ line: 1, column: 3 });
    expect(positionOf(text, lines, 99)).toEqual({ line: 2, column: 3 });
    expect(positionOf('', indexLines(''), 5)).toEqual({ line: 1, column: 1 });
  });
});
