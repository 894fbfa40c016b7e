/**
 * What the sandbox editor offers beyond the JSON Schema: completion of the document's own names
 * (services, `service.operation`, datastores, events, libraries, teams) where a field wants one,
 * and quick fixes for the engine's diagnostics that name their fix ("did you mean", "remove
 * timeout"). Pure functions over text and diagnostics; the Monaco wiring lives in the island.
 */
import type { Diagnostic } from '../../simulations/model/diagnostics.ts';
import { readYaml } from '../../simulations/model/yamlSource.ts';

export interface DocumentNames {
  readonly services: readonly string[];
  /** `service.operation`. */
  readonly operations: readonly string[];
  readonly datastores: readonly string[];
  readonly events: readonly string[];
  readonly libraries: readonly string[];
  readonly teams: readonly string[];
}

export const NO_NAMES: DocumentNames = {
  services: [],
  operations: [],
  datastores: [],
  events: [],
  libraries: [],
  teams: [],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const keysOf = (value: unknown): string[] => (isObject(value) ? Object.keys(value) : []);

/** Every name the document defines; none when it does not read as YAML. */
export function documentNames(text: string): DocumentNames {
  const read = readYaml(text, 'names');
  if (!read.ok || !isObject(read.value)) return NO_NAMES;
  const doc = read.value;
  const services = isObject(doc.services) ? doc.services : {};
  const operations: string[] = [];
  const teams = new Set(keysOf(doc.teams));
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    for (const op of keysOf(service.operations)) operations.push(`${name}.${op}`);
    if (typeof service.team === 'string') teams.add(service.team);
    if (isObject(service.modules)) {
      for (const module of Object.values(service.modules)) {
        if (isObject(module) && typeof module.team === 'string') teams.add(module.team);
      }
    }
  }
  return {
    services: Object.keys(services),
    operations,
    datastores: keysOf(doc.datastores),
    events: keysOf(doc.events),
    libraries: keysOf(doc.libraries),
    teams: [...teams],
  };
}

export type NameKind = keyof DocumentNames;

export interface NameCompletion {
  /** What the names are, for the completion's detail line. */
  readonly kind: NameKind | 'target';
  readonly names: readonly string[];
  /** 1-based column where the word being completed starts. */
  readonly startColumn: number;
}

/** The field a value position belongs to → the names it takes. */
const FIELD_NAMES: Readonly<Record<string, readonly NameKind[]>> = {
  call: ['operations'],
  operation: ['operations'],
  query: ['datastores'],
  publish: ['events'],
  team: ['teams'],
  owner: ['services'],
  publisher: ['services'],
  target: ['services', 'operations', 'datastores', 'libraries', 'events'],
};

/** The key of the nearest line above with less indentation (the list a `- ` item is in). */
function parentKey(lines: readonly string[], index: number, indent: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const own = line.length - line.trimStart().length;
    if (own < indent || (own === indent && !line.trimStart().startsWith('-'))) {
      return /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:/.exec(line)?.[1];
    }
  }
  return undefined;
}

/**
 * The names to offer at a cursor (1-based line and column), or nothing when the cursor is not in
 * the value of a field that names something.
 */
export function nameCompletion(
  text: string,
  line: number,
  column: number,
  names: DocumentNames,
): NameCompletion | undefined {
  const lines = text.split(/\r?\n/);
  const current = lines[line - 1] ?? '';
  const before = current.slice(0, column - 1);
  const word = /[\w.-]*$/.exec(before)?.[0] ?? '';
  const startColumn = column - word.length;
  const head = before.slice(0, before.length - word.length);
  const pick = (kinds: readonly NameKind[], kind: NameCompletion['kind']): NameCompletion => ({
    kind,
    names: [...new Set(kinds.flatMap((k) => names[k]))],
    startColumn,
  });
  // `key: word` (possibly inside `- ` or a flow mapping `{ call: word`).
  const field = /(?:^|[\s{,-])([A-Za-z]+)\s*:\s*["']?$/.exec(head)?.[1];
  if (field !== undefined) {
    const kinds = FIELD_NAMES[field];
    if (kinds) return pick(kinds, kinds.length > 1 ? 'target' : (kinds[0] as NameKind));
    if (field === 'libraries') return pick(['libraries'], 'libraries');
    if (field === 'consumers') return pick(['operations'], 'operations');
    return undefined;
  }
  // `libraries: [a, wo` and `consumers: [a.b, wo`.
  const flow = /([A-Za-z]+)\s*:\s*\[[^\]]*$/.exec(head)?.[1];
  if (flow === 'libraries') return pick(['libraries'], 'libraries');
  if (flow === 'consumers') return pick(['operations'], 'operations');
  // `- wo` under `libraries:` or `consumers:`.
  if (/^\s*-\s*$/.test(head)) {
    const indent = head.length - head.trimStart().length;
    const parent = parentKey(lines, line - 1, indent + 1);
    if (parent === 'libraries') return pick(['libraries'], 'libraries');
    if (parent === 'consumers') return pick(['operations'], 'operations');
  }
  return undefined;
}

/** A text edit a quick fix makes (1-based, end exclusive, as Monaco's ranges). */
export interface QuickFix {
  readonly title: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

/**
 * The fix a diagnostic names, if any: `did you mean "x"` replaces the misspelt name inside the
 * flagged span; `remove KEY` deletes the option's line when it stands on a line of its own.
 */
export function quickFix(diagnostic: Diagnostic, text: string): QuickFix | undefined {
  const lines = text.split('\n');
  const mean = /did you mean "([^"]+)"\?/.exec(diagnostic.message);
  if (mean) {
    const suggestion = mean[1] as string;
    const found = /"([^"]*)"/.exec(diagnostic.message)?.[1];
    if (diagnostic.line !== diagnostic.endLine) return undefined;
    const lineText = lines[diagnostic.line - 1] ?? '';
    const span = lineText.slice(diagnostic.column - 1, diagnostic.endColumn);
    const at = found === undefined ? -1 : span.indexOf(found);
    if (found === undefined || at < 0) return undefined;
    return {
      title: `Change "${found}" to "${suggestion}"`,
      startLine: diagnostic.line,
      startColumn: diagnostic.column + at,
      endLine: diagnostic.line,
      endColumn: diagnostic.column + at + found.length,
      text: suggestion,
    };
  }
  const remove = /; remove ([A-Za-z]+)\b/.exec(diagnostic.message);
  if (remove) {
    const key = remove[1] as string;
    if (!diagnostic.path.endsWith(`.${key}`)) return undefined;
    // The option's key line: the flagged line or the nearest one above it starting with `key:`.
    for (let i = diagnostic.line - 1; i >= Math.max(0, diagnostic.line - 3); i--) {
      const lineText = lines[i] ?? '';
      if (new RegExp(`^\\s*${key}\\s*:`).test(lineText)) {
        const indent = lineText.length - lineText.trimStart().length;
        // A block value (`retry:` then deeper lines) goes with its key.
        let end = i + 1;
        while (end < lines.length) {
          const next = lines[end] ?? '';
          if (next.trim() !== '' && next.length - next.trimStart().length <= indent) break;
          end++;
        }
        return {
          title: `Remove ${key}`,
          startLine: i + 1,
          startColumn: 1,
          endLine: end + 1,
          endColumn: 1,
          text: '',
        };
      }
    }
  }
  return undefined;
}
