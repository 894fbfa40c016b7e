/**
 * Offsets → 1-based line and column. Built from the text itself rather than the YAML lexer's
 * `LineCounter`, which stops counting inside tokens it could not parse; `\n`, `\r\n` and a lone
 * `\r` each end a line.
 */

/** Start offset of every line, in order. */
export type LineIndex = readonly number[];

/** Indexes the line starts of a text in one pass. */
export function indexLines(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset; the column stays within the line (at most its end + 1). */
export function positionOf(
  text: string,
  lines: LineIndex,
  offset: number,
): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lines[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  const start = lines[low] ?? 0;
  const next = lines[low + 1];
  let end = next === undefined ? text.length : next - 1;
  if (next !== undefined && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
  return { line: low + 1, column: Math.min(at - start, end - start) + 1 };
}
