/**
 * Reading YAML text into plain data while keeping the source positions, within hard limits:
 * size, aliases (billion-laughs documents) and nesting depth. Positions come from the `yaml`
 * package's node ranges and our own line index (`lineIndex.ts`).
 */
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
} from 'yaml';
import { LIMITS } from './defaults.ts';
import { formatNumber } from './describeValue.ts';
import type { Diagnostic } from './diagnostics.ts';
import { indexLines, type LineIndex, positionOf } from './lineIndex.ts';
import { readPlainYaml } from './plainYaml.ts';

/**
 * A parsed YAML document and what is needed to point into its text. When the text was read by
 * `plainYaml`, `doc` and `lines` are made on first use: only a diagnostic needs positions.
 */
export interface Source {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineIndex;
}

/** One segment of a document path: a mapping key or a list index. */
export type PathSegment = string | number;

/** Where in the node a diagnostic points: the value, the key that names it, or (when absent) its parent. */
export type Anchor = 'value' | 'key';

type ReadResult =
  | { readonly ok: true; readonly value: unknown; readonly source: Source }
  | { readonly ok: false; readonly errors: Diagnostic[] };

/** Parses text into plain data, or returns located YAML problems. Never throws. */
export function readYaml(text: string, file: string): ReadResult {
  if (text.length > LIMITS.textLength) {
    return fail(
      file,
      `document too large: found ${formatNumber(text.length)} characters; expected at most ${formatNumber(LIMITS.textLength)}`,
    );
  }
  const brackets = bracketDepthOffset(text);
  if (brackets !== undefined) {
    const lines = indexLines(text);
    return {
      ok: false,
      errors: [diagnosticAt({ file, text, lines }, brackets, brackets + 1, '', DEPTH_MESSAGE)],
    };
  }
  // Most documents are plain YAML, which `plainYaml` reads many times faster than `yaml` (on
  // Node 20 above all) to the same data; anything else, errors included, takes `yaml`'s path.
  const plain = readPlainYaml(text, LIMITS.depth);
  if (plain !== undefined) return { ok: true, value: plain.value, source: lazySource(file, text) };
  const lines = indexLines(text);
  let doc: Document.Parsed;
  try {
    doc = parseYamlDocument(text);
  } catch (error) {
    // The parser recurses on nesting; a stack overflow on absurd nesting lands here.
    return fail(file, `could not read the YAML: ${errorText(error)}`);
  }
  const source: Source = { file, text, doc, lines };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      // One stray character can cascade into hundreds of errors; the first few locate it.
      errors: doc.errors
        .slice(0, MAX_SYNTAX_ERRORS)
        .map((error) =>
          diagnosticAt(
            source,
            error.pos[0],
            error.pos[1],
            '',
            `YAML syntax: ${firstLine(error.message)}`,
          ),
        ),
    };
  }
  const shape = checkShape(source);
  if (shape) return { ok: false, errors: [shape] };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: LIMITS.aliases });
    return { ok: true, value, source };
  } catch (error) {
    const alias = firstAlias(doc);
    const message = /alias/i.test(errorText(error))
      ? `too many aliases: the document expands aliases more than ${LIMITS.aliases} times; write the values out instead`
      : `could not read the YAML: ${errorText(error)}`;
    if (alias?.range)
      return {
        ok: false,
        errors: [diagnosticAt(source, alias.range[0], alias.range[1], '', message)],
      };
    return fail(file, message);
  }
}

const MAX_SYNTAX_ERRORS = 10;

function parseYamlDocument(text: string): Document.Parsed {
  return parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    version: '1.2',
  });
}

/**
 * A source whose `doc` and `lines` are made when first asked for, which only a diagnostic does
 * (its text was read by `plainYaml`, so `yaml` parses it without errors).
 */
function lazySource(file: string, text: string): Source {
  let doc: Document.Parsed | undefined;
  let lines: LineIndex | undefined;
  return {
    file,
    text,
    get lines() {
      lines ??= indexLines(text);
      return lines;
    },
    get doc() {
      doc ??= parseYamlDocument(text);
      return doc;
    },
  };
}

const DEPTH_MESSAGE = `nesting too deep: found more than ${LIMITS.depth} levels of mappings and lists; expected at most ${LIMITS.depth}`;

/**
 * Offset of the first flow bracket nested four times deeper than the depth limit, counting
 * naively (brackets in strings and comments count too, hence the margin). The YAML parser
 * recurses on flow nesting; this refuses `[[[[...` bombs before it spends seconds on them.
 */
function bracketDepthOffset(text: string): number | undefined {
  const max = LIMITS.depth * 4;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Refuses nesting deeper than the limit, iteratively so that depth itself cannot overflow. */
function checkShape(source: Source): Diagnostic | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: source.doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > LIMITS.depth) {
      const range = node.range ?? [0, 0];
      return diagnosticAt(source, range[0], range[1], '', DEPTH_MESSAGE);
    }
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 });
        stack.push({ node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** The alias earliest in the text: where an alias bomb starts to expand. */
function firstAlias(doc: Document.Parsed): Node | undefined {
  const stack: unknown[] = [doc.contents];
  let first: Node | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!first || (node.range?.[0] ?? 0) < (first.range?.[0] ?? 0)) first = node;
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    }
  }
  return first;
}

/**
 * Finds the node a path points to. With `anchor: 'key'` the last segment's key is returned
 * (for unknown fields). When the path leaves the document, the deepest node on it is
 * returned (for a missing field: its parent mapping).
 */
export function locate(
  source: Source,
  path: readonly PathSegment[],
  anchor: Anchor = 'value',
): Node | undefined {
  let node: unknown = source.doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(source.doc);
    let next: unknown;
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      next = pair?.value;
      key = pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined && key === undefined) return isNode(node) ? node : undefined;
    if (i === path.length - 1 && anchor === 'key' && isNode(key)) return key;
    // A key with no value (`name:`) has a null scalar or nothing; point at the key then.
    if (!isNode(next) || next.range === undefined || next.range === null) {
      return isNode(key) ? key : isNode(node) ? node : undefined;
    }
    node = next;
  }
  return isNode(node) ? node : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** A diagnostic for the node at `path`, or at 1:1 when the document has no such place. */
export function diagnosticFor(
  source: Source,
  path: readonly PathSegment[],
  message: string,
  options: { anchor?: Anchor; severity?: 'error' | 'warning' } = {},
): Diagnostic {
  const node = locate(source, path, options.anchor);
  const range = node?.range ?? [0, 0, 0];
  return diagnosticAt(source, range[0], range[1], path.join('.'), message, options.severity);
}

/** A diagnostic spanning text offsets [start, end). */
export function diagnosticAt(
  source: Pick<Source, 'file' | 'text' | 'lines'>,
  start: number,
  end: number,
  path: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  const from = positionOf(source.text, source.lines, start);
  const to = positionOf(source.text, source.lines, Math.max(start, end - 1));
  return {
    file: source.file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    path,
    severity,
    message,
  };
}

function fail(file: string, message: string): { ok: false; errors: Diagnostic[] } {
  return {
    ok: false,
    errors: [
      { file, line: 1, column: 1, endLine: 1, endColumn: 1, path: '', severity: 'error', message },
    ],
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
