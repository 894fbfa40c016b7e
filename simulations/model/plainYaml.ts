/**
 * A reader for the plain subset of YAML that topology documents are written in: block mappings
 * and lists, one-line flow collections (`{ dist: exponential, mean: 2ms }`, `[a, b]`), plain and
 * one-line quoted scalars, folded and literal text blocks, comments. It returns exactly what the
 * `yaml` package's `toJS()` gives for the same text (YAML 1.2 core schema), or `undefined` for
 * anything outside the subset, and then the caller reads the text with `yaml` itself.
 *
 * Why it exists: `yaml`'s parser is built of generators, which Node 20 runs slowly; reading a
 * 7 KB preset cost 25-60 ms there (10-20 ms on Node 24), the largest single part of starting the
 * one-file command line. This reader does the same in a few milliseconds. It gives up rather
 * than guess: tabs, carriage returns, anchors, aliases, tags, directives, multi-line plain or
 * quoted scalars, complex keys, duplicate keys, nesting beyond the depth limit and anything else
 * unusual all return `undefined`, so every error message still comes from `yaml`.
 * `plainYaml.test.ts` compares the two on the presets, the fixtures and generated documents.
 */

/** Why the reader gave up; caught inside `readPlainYaml` only. */
class OutsideSubset extends Error {}

const outside = (): never => {
  throw new OutsideSubset();
};

/** Characters the reader accepts anywhere: printable ASCII, newline, and BMP text outside C1
 * controls, surrogates, U+2028/2029 and U+FEFF. Anything else is left to `yaml`. */
const UNUSUAL_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/** A document marker or directive at the start of a line. */
const MARKER_LINE = /^(?:---|\.\.\.)(?:[ ]|$)|^%/m;

/** A key the reader accepts: a plain word of names, dots and slashes. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*/;

/** Core-schema scalars other than strings, with the `yaml` package's own patterns. */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, as `yaml` resolves it. */
function resolvePlain(text: string): unknown {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return Number.parseInt(text.substring(2), 8);
  if (INT.test(text)) return Number.parseInt(text, 10);
  if (INT_HEX.test(text)) return Number.parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return Number.parseFloat(text);
  return text;
}

/** Characters that may not start a plain scalar (YAML's indicators). */
const INDICATOR_START = /^[?:,[\]{}#&*!|>'"%@`]|^-(?:[ ]|$)/;

interface Line {
  /** Spaces before the content. */
  readonly indent: number;
  /** The line without its indentation. */
  readonly content: string;
}

/**
 * Reads `text` as plain data, or returns `undefined` when the text uses YAML beyond the subset
 * (the caller then parses it with `yaml`, which also reports any syntax error). Collections
 * nested deeper than `maxDepth` give `undefined` too, so that `yaml`'s reading reports them.
 */
export function readPlainYaml(text: string, maxDepth: number): { value: unknown } | undefined {
  if (UNUSUAL_CHARACTER.test(text) || MARKER_LINE.test(text)) return undefined;
  try {
    return { value: new Reader(text, maxDepth).document() };
  } catch (error) {
    if (error instanceof OutsideSubset || error instanceof RangeError) return undefined;
    throw error;
  }
}

class Reader {
  private readonly lines: Line[];
  private readonly maxDepth: number;
  private at = 0;

  constructor(text: string, maxDepth: number) {
    this.maxDepth = maxDepth;
    this.lines = text.split('\n').map((raw) => {
      const indent = spacesAt(raw, 0);
      return { indent, content: raw.slice(indent) };
    });
  }

  document(): unknown {
    // An empty document is rare enough to leave to `yaml` (so is a lone scalar: `mapping` gives up).
    const first = this.nextContent() ?? outside();
    const value = this.block(first.indent, 1);
    if (this.nextContent() !== undefined) outside();
    return value;
  }

  /** The next line that is neither blank nor a comment, moving past the skipped ones. */
  private nextContent(): Line | undefined {
    while (this.at < this.lines.length) {
      const line = this.lines[this.at] as Line;
      if (line.content !== '' && !line.content.startsWith('#')) return line;
      this.at++;
    }
    return undefined;
  }

  /** A mapping or a list starting at the current line, whose indentation is `indent`. */
  private block(indent: number, depth: number): unknown {
    if (depth > this.maxDepth) outside();
    const line = this.nextContent() as Line;
    return isItem(line.content) ? this.list(indent, depth) : this.mapping(indent, depth);
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.nextContent(); line !== undefined; line = this.nextContent()) {
      if (line.indent < indent) break;
      if (line.indent > indent) outside();
      const key = PLAIN_KEY.exec(line.content)?.[0];
      if (key === undefined) {
        if (isItem(line.content)) break; // a list under the parent key, at that key's indentation
        return outside();
      }
      const colon = key.length;
      if (line.content[colon] !== ':') outside();
      const after = line.content[colon + 1];
      if (after !== undefined && after !== ' ') outside();
      // Keys that resolve to numbers, booleans or null become strings in JS; leave them to `yaml`.
      if (typeof resolvePlain(key) !== 'string' || key.length > 1000 || key === '__proto__') {
        outside();
      }
      if (Object.hasOwn(out, key)) outside();
      const rest = line.content.slice(colon + 1);
      out[key] = this.value(rest, indent, depth, true);
    }
    return out;
  }

  private list(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.nextContent(); line !== undefined; line = this.nextContent()) {
      if (line.indent < indent) break;
      if (line.indent > indent) outside();
      if (!isItem(line.content)) break; // the parent mapping's next key
      const rest = line.content.slice(1);
      const body = rest.slice(spacesAt(rest, 0));
      if (body !== '' && !body.startsWith('#') && PLAIN_KEY.test(body) && isEntry(body)) {
        // `- key: value` starts a mapping whose keys line up with `key`: read the line as if the
        // dash were a space.
        const column = indent + 1 + (rest.length - body.length);
        this.lines[this.at] = { indent: column, content: body };
        if (depth + 1 > this.maxDepth) outside();
        out.push(this.mapping(column, depth + 1));
      } else {
        out.push(this.value(rest, indent, depth, false));
      }
    }
    return out;
  }

  /**
   * The value after `key:` or `-` on the current line (`rest`, with its leading spaces), reading
   * any lines it spans. `indent` is that of the key or dash; a list may sit at the indentation of
   * a mapping key (`inMapping`).
   */
  private value(rest: string, indent: number, depth: number, inMapping: boolean): unknown {
    const text = rest.slice(spacesAt(rest, 0));
    if (text === '' || text.startsWith('#')) {
      if (text === '' && rest !== '') outside(); // trailing spaces: rare, leave them to `yaml`
      this.at++;
      const next = this.nextContent();
      if (next === undefined) return null;
      if (next.indent > indent) return this.block(next.indent, depth + 1);
      if (next.indent === indent && inMapping && isItem(next.content)) {
        return this.block(indent, depth + 1);
      }
      return null;
    }
    if (rest[0] !== ' ') outside();
    let value: unknown;
    if (text[0] === '|' || text[0] === '>') {
      return this.textBlock(text, indent);
    }
    if (text[0] === '{' || text[0] === '[') {
      const flow = new FlowReader(text, this.maxDepth);
      value = flow.collection(depth + 1);
      flow.end();
    } else if (text[0] === '"' || text[0] === "'") {
      const { value: quoted, end } = readQuoted(text, 0);
      endOfLine(text, end);
      value = quoted;
    } else {
      value = plainValue(text);
    }
    this.at++;
    // A more indented line after a scalar continues it (or is an error): leave both to `yaml`.
    const next = this.nextContent();
    if (next !== undefined && next.indent > indent) outside();
    return value;
  }

  /** `|` or `>` (with `-` to strip the final newline): lines indented more than the key. */
  private textBlock(header: string, indent: number): string {
    const match = /^([|>])(-?)(?:[ ]+#.*)?$/.exec(header);
    if (!match) return outside();
    const folded = match[1] === '>';
    const strip = match[2] === '-';
    this.at++;
    const first = this.lines[this.at];
    if (first === undefined || first.content === '' || first.indent <= indent) outside();
    const contentIndent = (first as Line).indent;
    const parts: string[] = [];
    while (this.at < this.lines.length) {
      const line = this.lines[this.at] as Line;
      if (line.content === '') {
        if (line.indent > 0) outside(); // spaces on an empty line: leave them to `yaml`
        parts.push('');
      } else if (line.indent < contentIndent) {
        break;
      } else if (line.indent > contentIndent || line.content.endsWith(' ')) {
        outside(); // more indented lines and trailing spaces have rules of their own
      } else {
        parts.push(line.content);
      }
      this.at++;
    }
    // Empty lines at the end belong to the chomping, not to the text.
    while (parts.length > 0 && parts[parts.length - 1] === '') {
      parts.pop();
      this.at--;
    }
    const next = this.nextContent();
    if (next !== undefined && next.indent > indent) outside();
    let body: string;
    if (folded) {
      body = parts[0] ?? '';
      let empties = 0;
      for (let i = 1; i < parts.length; i++) {
        const part = parts[i] as string;
        if (part === '') {
          empties++;
          continue;
        }
        body += empties === 0 ? ` ${part}` : '\n'.repeat(empties) + part;
        empties = 0;
      }
    } else {
      body = parts.join('\n');
    }
    return strip || body === '' ? body : `${body}\n`;
  }
}

/** A list item: `-` then a space or the end of the line. */
function isItem(content: string): boolean {
  return content[0] === '-' && (content.length === 1 || content[1] === ' ');
}

/** `key:` then a space or the end of the line. */
function isEntry(content: string): boolean {
  const key = PLAIN_KEY.exec(content)?.[0] ?? '';
  const after = content[key.length + 1];
  return key !== '' && content[key.length] === ':' && (after === undefined || after === ' ');
}

/** A plain scalar filling the rest of a line (in block context), its comment dropped. */
function plainValue(text: string): unknown {
  if (INDICATOR_START.test(text)) outside();
  const hash = text.indexOf(' #');
  const body = trimSpacesEnd(hash === -1 ? text : text.slice(0, hash));
  if (body.includes(': ') || body.endsWith(':') || body.includes(' #')) outside();
  return resolvePlain(body);
}

/** After a value: nothing, or spaces and perhaps a comment. */
function endOfLine(text: string, from: number): void {
  const next = spacesAt(text, from);
  if (from + next === text.length) return;
  if (next === 0 || text[from + next] !== '#') outside();
}

/** How many spaces (YAML indentation is spaces only) start at `from`. */
function spacesAt(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  return i - from;
}

/** `text` without trailing spaces (not other white space, which YAML keeps). */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

/** A quoted scalar on one line, starting at `from`; `end` is the offset after its closing quote. */
function readQuoted(text: string, from: number): { value: string; end: number } {
  const quote = text[from];
  let out = '';
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c !== "'") out += c;
      else if (text[i + 1] === "'") {
        out += "'";
        i++;
      } else return { value: out, end: i + 1 };
    } else if (c === '"') {
      return { value: out, end: i + 1 };
    } else if (c === '\\') {
      const e = text[++i];
      if (e === '\\' || e === '"' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else outside();
    } else {
      out += c;
    }
  }
  return outside(); // not closed on this line
}

const STICKY_KEY = new RegExp(PLAIN_KEY.source.slice(1), 'y');
const FLOW_PLAIN = /[^,[\]{}:#]*/y;

/** One-line flow collections: `{ key: value, ... }` and `[value, ...]`. */
class FlowReader {
  private readonly text: string;
  private readonly maxDepth: number;
  private at = 0;

  constructor(text: string, maxDepth: number) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  /** Only spaces and a comment may follow the outermost bracket. */
  end(): void {
    endOfLine(this.text, this.at);
  }

  collection(depth: number): unknown {
    if (depth > this.maxDepth) outside();
    const open = this.text[this.at];
    const close = open === '{' ? '}' : ']';
    this.at++;
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    this.spaces();
    if (this.text[this.at] === close) {
      this.at++;
      return open === '{' ? map : list;
    }
    for (;;) {
      if (open === '{') {
        STICKY_KEY.lastIndex = this.at;
        const key = STICKY_KEY.exec(this.text)?.[0];
        if (key === undefined || this.text[this.at + key.length] !== ':') return outside();
        if (this.text[this.at + key.length + 1] !== ' ') outside();
        if (typeof resolvePlain(key) !== 'string' || key === '__proto__') outside();
        if (Object.hasOwn(map, key)) outside();
        this.at += key.length + 1;
        this.spaces();
        map[key] = this.item(depth);
      } else {
        list.push(this.item(depth));
      }
      this.spaces();
      const c = this.text[this.at];
      this.at++;
      if (c === close) return open === '{' ? map : list;
      if (c !== ',') outside();
      this.spaces();
      if (this.text[this.at] === close) outside(); // a trailing comma
    }
  }

  private spaces(): void {
    this.at += spacesAt(this.text, this.at);
  }

  private item(depth: number): unknown {
    const c = this.text[this.at];
    if (c === '{' || c === '[') return this.collection(depth + 1);
    if (c === '"' || c === "'") {
      const { value, end } = readQuoted(this.text, this.at);
      this.at = end;
      return value;
    }
    // A plain scalar in flow context stops at `,` and brackets; `:`, `#` and indicators at its
    // start are left to `yaml`.
    FLOW_PLAIN.lastIndex = this.at;
    const raw = FLOW_PLAIN.exec(this.text)?.[0] ?? '';
    const body = trimSpacesEnd(raw);
    if (
      body === '' ||
      INDICATOR_START.test(body) ||
      /[:#]/.test(this.text[this.at + raw.length] ?? '')
    ) {
      outside();
    }
    this.at += raw.length;
    return resolvePlain(body);
  }
}
