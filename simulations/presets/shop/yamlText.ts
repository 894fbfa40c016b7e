/**
 * A small YAML writer for documents that carry comments: a tree of mappings, sequences and
 * scalars, each entry with an optional comment above it and a note at the end of its line.
 * It writes the subset the presets use (block and flow mappings, block sequences, plain or
 * double-quoted scalars, folded text) in the layout of the hand-written presets, and wraps
 * comments at 100 columns. `toPlain` gives the same tree as the plain object a YAML parser reads.
 */

export type YScalar = string | number | boolean;

export interface YMap {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
  /** Written on one line, `{ a: 1, b: 2 }`. */
  readonly flow: boolean;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly items: readonly YItem[];
  /** Written on one line, `[a, b]`. */
  readonly flow: boolean;
}

/** Text written as a folded block (`>-`), wrapped to the page width. */
export interface YFolded {
  readonly kind: 'folded';
  readonly text: string;
}

export type YValue = YScalar | YMap | YSeq | YFolded;

export interface Commented {
  /** A comment above the entry (wrapped). */
  readonly comment?: string | undefined;
  /** A comment at the end of the entry's first line; moved above it when the line is too long. */
  readonly note?: string | undefined;
  /** A blank line before the entry (and its comment). */
  readonly gap?: boolean | undefined;
}

export interface YEntry extends Commented {
  readonly key: string;
  readonly value: YValue;
}

export interface YItem extends Commented {
  readonly value: YValue;
}

const WIDTH = 100;

/** Entries whose value is `undefined` are left out, so builders can write optional fields inline. */
export type EntryInput = readonly [string, YValue | undefined, Commented?] | undefined | false;

function entries(input: readonly EntryInput[]): YEntry[] {
  const out: YEntry[] = [];
  for (const e of input) {
    if (!e || e[1] === undefined) continue;
    out.push({ key: e[0], value: e[1], ...e[2] });
  }
  return out;
}

/** A block mapping. */
export function block(...input: EntryInput[]): YMap {
  return { kind: 'map', entries: entries(input), flow: false };
}

/** A flow mapping, `{ a: 1 }`. */
export function flow(...input: EntryInput[]): YMap {
  return { kind: 'map', entries: entries(input), flow: true };
}

/** A block sequence. */
export function list(items: readonly YItem[]): YSeq {
  return { kind: 'seq', items, flow: false };
}

/** A flow sequence of scalars, `[a, b]`. */
export function inline(items: readonly YScalar[]): YSeq {
  return { kind: 'seq', items: items.map((value) => ({ value })), flow: true };
}

export function folded(text: string): YFolded {
  return { kind: 'folded', text };
}

const PLAIN = /^[A-Za-z_./][A-Za-z0-9_./%-]*( [A-Za-z0-9_./%()'-]+)*$|^[0-9.]+(ms|s|m|h|d|%)$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** Plain in block context: words may also be separated by `, ` (`Shop, monolith`). */
function scalar(value: YScalar, inFlow = true): string {
  if (typeof value !== 'string') return String(value);
  const text = inFlow ? value : value.replaceAll(', ', ' ');
  return PLAIN.test(text) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function isBlock(value: YValue): value is YMap | YSeq {
  return typeof value === 'object' && value.kind !== 'folded' && !value.flow;
}

function oneLine(value: YValue, inFlow = true): string {
  if (typeof value !== 'object') return scalar(value, inFlow);
  switch (value.kind) {
    case 'map':
      return value.entries.length === 0
        ? '{}'
        : `{ ${value.entries.map((e) => `${scalar(e.key)}: ${oneLine(e.value)}`).join(', ')} }`;
    case 'seq':
      return `[${value.items.map((i) => oneLine(i.value)).join(', ')}]`;
    case 'folded':
      return JSON.stringify(value.text);
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function commentLines(text: string, indent: string): string[] {
  return wrap(text, WIDTH - indent.length - 2).map((l) => `${indent}# ${l}`);
}

/**
 * Writes one entry or item: `head` is its first line's text (`key:` or `- key:`) without the
 * value; `rest` the lines that follow it. The note goes at the end of the first line, or above.
 */
function withComments(c: Commented, indent: string, first: string, rest: string[]): string[] {
  const out: string[] = [];
  if (c.gap) out.push('');
  let comment = c.comment;
  let line = first;
  if (c.note !== undefined) {
    const noted = `${first} # ${c.note}`;
    if (noted.length <= WIDTH) line = noted;
    else comment = comment === undefined ? c.note : `${comment} ${c.note}`;
  }
  if (comment !== undefined) out.push(...commentLines(comment, indent));
  out.push(line, ...rest);
  return out;
}

function mapLines(map: YMap, indent: string): string[] {
  return map.entries.flatMap((e) => entryLines(e, indent, `${indent}${scalar(e.key)}:`));
}

function entryLines(e: YEntry, indent: string, head: string): string[] {
  const value = e.value;
  if (isBlock(value)) {
    const inner = `${indent}  `;
    return withComments(
      e,
      indent,
      head,
      value.kind === 'map' ? mapLines(value, inner) : seqLines(value, inner),
    );
  }
  if (typeof value === 'object' && value.kind === 'folded') {
    const inner = `${indent}  `;
    const text = wrap(value.text, WIDTH - inner.length).map((l) => `${inner}${l}`);
    return withComments(e, indent, `${head} >-`, text);
  }
  return withComments(e, indent, `${head} ${oneLine(value, false)}`, []);
}

function seqLines(seq: YSeq, indent: string): string[] {
  return seq.items.flatMap((item) => {
    const value = item.value;
    if (typeof value === 'object' && value.kind === 'map' && !value.flow) {
      // `- first: …` then the other entries under it; the item's comments go on the first line.
      const [first, ...others] = value.entries;
      if (first === undefined) return withComments(item, indent, `${indent}- {}`, []);
      const inner = `${indent}  `;
      const comments = [item.comment, first.comment].filter((c) => c !== undefined);
      const merged: YEntry = {
        ...first,
        comment: comments.length > 0 ? comments.join(' ') : undefined,
        note: item.note ?? first.note,
        gap: item.gap,
      };
      const firstLines = entryLines(merged, inner, `${indent}- ${scalar(first.key)}:`);
      const head = firstLines.findIndex((l) => l.startsWith(`${indent}- `));
      return [
        ...firstLines.slice(0, head).map((l) => (l.startsWith(inner) ? l.slice(2) : l)),
        ...firstLines.slice(head),
        ...others.flatMap((e) => entryLines(e, inner, `${inner}${scalar(e.key)}:`)),
      ];
    }
    return withComments(item, indent, `${indent}- ${oneLine(value)}`, []);
  });
}

/** The document as text: its top comment, then the mapping, ending with a newline. */
export function writeYaml(doc: YMap, header?: string): string {
  const top = header === undefined ? [] : commentLines(header, '');
  return `${[...top, ...mapLines(doc, '')].join('\n')}\n`;
}

/** A plain value: objects, arrays, numbers, strings and booleans, as a YAML parser reads them. */
export type Plain =
  | string
  | number
  | boolean
  | readonly Plain[]
  | { readonly [key: string]: Plain };

/** The tree as the plain object a YAML parser reads from `writeYaml`'s text. */
export function toPlain(value: YValue): Plain {
  if (typeof value !== 'object') return value;
  switch (value.kind) {
    case 'map':
      return Object.fromEntries(value.entries.map((e) => [e.key, toPlain(e.value)]));
    case 'seq':
      return value.items.map((i) => toPlain(i.value));
    case 'folded':
      return value.text;
  }
}
