/**
 * Turns zod issues into located diagnostics worded for authors: each names the field, what was
 * found and what would be valid.
 */
import type { z } from 'zod/mini';
import { describeValue, listNames } from './describeValue.ts';
import type { Diagnostic } from './diagnostics.ts';
import { suggestion } from './didYouMean.ts';
import { diagnosticFor, type PathSegment, type Source } from './yamlSource.ts';

type Issue = z.core.$ZodIssue;

/** Valid keys of the strict object that raised each `unrecognized_keys` issue, by its `keys` array. */
export type KnownKeys = WeakMap<readonly string[], readonly string[]>;

/**
 * An error map that records, for each unknown-key issue, the keys its object allows (zod's final
 * issue does not carry the schema). The `keys` array survives finalisation by reference.
 */
export function recordingErrorMap(known: KnownKeys) {
  return (iss: z.core.$ZodRawIssue): undefined => {
    if (iss.code === 'unrecognized_keys') {
      const def: unknown = iss.inst?._zod.def;
      if (isObject(def) && isObject(def.shape)) known.set(iss.keys, Object.keys(def.shape));
    }
    return undefined;
  };
}

/** One diagnostic per problem (an unknown-keys issue gives one per key). */
export function issuesToDiagnostics(
  issues: readonly Issue[],
  data: unknown,
  source: Source,
  known: KnownKeys,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of flatten(issues, [], data)) {
    out.push(...toDiagnostics(issue, data, source, known));
  }
  return out;
}

/**
 * A union whose input is a mapping almost always meant its one mapping-shaped alternative:
 * report that alternative's issues instead of "matches no alternative".
 */
function flatten(issues: readonly Issue[], prefix: readonly PathSegment[], data: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const plausible = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (plausible.length === 1 && plausible[0]) {
        out.push(...flatten(plausible[0], path, data));
        continue;
      }
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

/** A branch that failed because the value has the wrong type altogether. */
function isTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.some(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === 'invalid_type' ||
        (issue.code === 'invalid_union' &&
          issue.errors.length > 0 &&
          issue.errors.every((inner) => isTypeMismatch(inner)))),
  );
}

function toDiagnostics(
  issue: Issue,
  data: unknown,
  source: Source,
  known: KnownKeys,
): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const where = path.length === 0 ? 'document' : path.join('.');
  const present = has(data, path);
  const value = valueAt(data, path);

  if (issue.code === 'unrecognized_keys') {
    const valid = known.get(issue.keys) ?? [];
    return issue.keys.map((key) =>
      diagnosticFor(
        source,
        [...path, key],
        `${[...path, key].join('.')}: unknown field "${key}"${suggestion(key, valid)} (valid fields: ${listNames(valid, 20)})`,
        { anchor: 'key' },
      ),
    );
  }
  if (
    issue.code === 'invalid_union' &&
    'note' in issue &&
    issue.note === 'No matching discriminator'
  ) {
    const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
    const message = present
      ? `found ${describeValue(value)}${typeof value === 'string' ? suggestion(value, options) : ''} (valid: ${options.join(', ')})`
      : `missing; expected one of ${options.join(', ')}`;
    return [diagnosticFor(source, path, `${where}: ${message}`)];
  }
  if (!present && issue.message.startsWith('missing')) {
    return [diagnosticFor(source, path, `${where}: ${issue.message}`)];
  }
  if (!present) {
    const expected = expectedText(issue);
    return [
      diagnosticFor(
        source,
        path,
        `${where}: missing required field${expected ? `; expected ${expected}` : ''}`,
      ),
    ];
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String);
    const hint = typeof value === 'string' ? suggestion(value, options) : '';
    return [
      diagnosticFor(
        source,
        path,
        `${where}: found ${describeValue(value)}${hint} (valid: ${options.join(', ')})`,
      ),
    ];
  }
  if (issue.code === 'invalid_key') {
    const key = path[path.length - 1];
    const inner = issue.issues[0]?.message ?? 'invalid name';
    return [
      diagnosticFor(
        source,
        path,
        `${where}: ${rewordFound(inner, `found ${describeValue(key)}`)}`,
        { anchor: 'key' },
      ),
    ];
  }
  if (issue.message.startsWith('found ') || issue.message.startsWith('missing')) {
    return [diagnosticFor(source, path, `${where}: ${issue.message}`)];
  }
  if (issue.code === 'invalid_type') {
    return [
      diagnosticFor(
        source,
        path,
        `${where}: found ${describeValue(value)}; expected ${typeName(issue.expected)}`,
      ),
    ];
  }
  return [diagnosticFor(source, path, `${where}: found ${describeValue(value)}; ${issue.message}`)];
}

/** What the issue's own message says would be valid, for "missing" messages. */
function expectedText(issue: Issue): string | undefined {
  const match = /; expected (.*)$/.exec(issue.message);
  if (match?.[1]) return match[1];
  if (issue.code === 'invalid_type') return typeName(issue.expected);
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  return undefined;
}

function rewordFound(message: string, found: string): string {
  return message.replace(/^found [^;]*/, found);
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    default:
      return expected;
  }
}

function has(data: unknown, path: readonly PathSegment[]): boolean {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      if (segment >= node.length) return false;
      node = node[segment];
    } else if (isObject(node) && Object.hasOwn(node, segment)) {
      node = node[segment];
    } else {
      return false;
    }
  }
  return node !== undefined;
}

/** The plain value at a path, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
