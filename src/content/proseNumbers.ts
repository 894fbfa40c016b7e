/**
 * Finds simulation numbers typed into an essay's prose: a number followed by a unit a simulation
 * reports (ms, s, %, per cent, req/s, requests). Such numbers must come from `<Num>`, which the
 * engine computes at build time, so prose and engine cannot disagree. See `content/_authoring.md`,
 * "Numbers in prose", for the rule and its two exits:
 *
 * - `<Theory>…</Theory>` around a number computed from a closed form or quoted from a source;
 * - a `{/* theory *\/}` comment on the line, for a line of such numbers (a table row, say).
 *
 * Not scanned: front matter, import/export lines, fenced and inline code, comments, and the tags
 * of components and HTML with their props. The text between tags (a `<Predict>`'s "what to
 * notice", a link's words) is prose and is scanned.
 */

export interface TypedNumber {
  /** 1-based line in the file. */
  readonly line: number;
  /** The number and its unit, as typed. */
  readonly text: string;
  /** The line, trimmed, for the message. */
  readonly context: string;
}

const UNIT = String.raw`(?:ms\b|\s?%|\s(?:s|per\s?cent|percent|req/s|requests?)\b)`;
const NUMBER = String.raw`(?<![\w.,^])\d+(?:[.,]\d+)*(?:\s?(?:–|-|to)\s?\d+(?:[.,]\d+)*)?`;
const TYPED = new RegExp(`${NUMBER}\\s?${UNIT}`, 'g');
const THEORY_MARKER = /\{\s*\/\*\s*theory\b[^*]*\*\/\s*\}/;

/** Replaces each character of `text[from, to)` by a space, keeping newlines (and so line numbers). */
function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to && i < chars.length; i++) if (chars[i] !== '\n') chars[i] = ' ';
}

/** End (exclusive) of the tag starting at `start` (a `<`), skipping quoted strings and `{…}`. */
function tagEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return text.length;
}

/** The prose of an MDX file with everything that is not prose blanked out, lines kept. */
export function proseOf(source: string): string {
  const chars = [...source];
  const text = chars.join('');
  // Front matter.
  const front = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (front) blank(chars, 0, front[0].length);
  // Fenced code.
  for (const m of text.matchAll(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm)) {
    blank(chars, m.index, m.index + m[0].length);
  }
  // Import and export statements (possibly over several lines, ending at a blank line).
  for (const m of text.matchAll(/^(?:import|export)\s[\s\S]*?(?:\n\s*\n|$)/gm)) {
    blank(chars, m.index, m.index + m[0].length);
  }
  let current = chars.join('');
  // <Theory>…</Theory>: allowed numbers, removed with their children.
  for (const m of current.matchAll(/<Theory\b[^>]*>[\s\S]*?<\/Theory>/g)) {
    blank(chars, m.index, m.index + m[0].length);
  }
  current = chars.join('');
  // Comments, JSX expressions and tags.
  for (let i = 0; i < current.length; i++) {
    const c = current[i];
    if (c === '`') {
      const end = current.indexOf('`', i + 1);
      if (end > 0) {
        blank(chars, i, end + 1);
        i = end;
      }
    } else if (c === '<' && /[A-Za-z/!]/.test(current[i + 1] ?? '')) {
      const end = tagEnd(current, i);
      blank(chars, i, end);
      i = end - 1;
    } else if (c === '{') {
      // A JSX expression or comment in prose: skip to its matching brace.
      let depth = 0;
      let j = i;
      for (; j < current.length; j++) {
        if (current[j] === '{') depth++;
        else if (current[j] === '}' && --depth === 0) break;
      }
      blank(chars, i, j + 1);
      i = j;
    }
  }
  return chars.join('');
}

/** Typed simulation numbers in an MDX file's prose, outside the allowed places. */
export function typedNumbers(source: string): TypedNumber[] {
  const prose = proseOf(source).split('\n');
  const original = source.split('\n');
  const found: TypedNumber[] = [];
  prose.forEach((line, index) => {
    if (THEORY_MARKER.test(original[index] ?? '')) return;
    for (const m of line.matchAll(TYPED)) {
      found.push({ line: index + 1, text: m[0].trim(), context: (original[index] ?? '').trim() });
    }
  });
  return found;
}
