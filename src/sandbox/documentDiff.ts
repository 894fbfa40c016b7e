/**
 * What changed between two topology documents (design A and design B), as a list a reviewer
 * reads: `services.orders.replicas: 2 → 3`, `added datastores.cache`, `removed events.paid`.
 * Compares the data, not the text, so comments, key order and formatting are not changes; a
 * whole new or removed section is one line, not one per field inside it.
 */
import { readYaml } from '../../simulations/model/yamlSource.ts';

export interface DocumentChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** Dotted path; list items by index (`…steps.1`). */
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

export type DiffResult =
  | { readonly ok: true; readonly changes: readonly DocumentChange[]; readonly more: number }
  | { readonly ok: false; readonly message: string };

/** Changes listed at most; the rest are counted in `more`. */
export const MAX_CHANGES = 60;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value in one short line: scalars as written, collections by their size. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length <= 3 && keys.every((k) => !isObject(value[k]) && !Array.isArray(value[k]))) {
      return `{ ${keys.map((k) => `${k}: ${showValue(value[k])}`).join(', ')} }`;
    }
    return keys.length === 1 ? '1 field' : `${keys.length} fields`;
  }
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes from `before` to `after`, both parsed data. */
export function diffData(before: unknown, after: unknown): DocumentChange[] {
  const out: DocumentChange[] = [];
  // Iterative, and bounded by the documents themselves (already within the engine's limits).
  const stack: { path: string; a: unknown; b: unknown }[] = [{ path: '', a: before, b: after }];
  while (stack.length > 0) {
    const { path, a, b } = stack.pop() as { path: string; a: unknown; b: unknown };
    if (same(a, b)) continue;
    const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      const next: { path: string; a: unknown; b: unknown }[] = [];
      for (const key of keys) {
        if (!(key in b)) out.push({ kind: 'removed', path: join(key), before: showValue(a[key]) });
        else if (!(key in a))
          out.push({ kind: 'added', path: join(key), after: showValue(b[key]) });
        else next.push({ path: join(key), a: a[key], b: b[key] });
      }
      stack.push(...next.reverse());
    } else if (Array.isArray(a) && Array.isArray(b)) {
      const next: { path: string; a: unknown; b: unknown }[] = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= b.length) out.push({ kind: 'removed', path: join(i), before: showValue(a[i]) });
        else if (i >= a.length) out.push({ kind: 'added', path: join(i), after: showValue(b[i]) });
        else next.push({ path: join(i), a: a[i], b: b[i] });
      }
      stack.push(...next.reverse());
    } else {
      out.push({
        kind: 'changed',
        path: path === '' ? '(document)' : path,
        before: showValue(a),
        after: showValue(b),
      });
    }
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** The changes from document A to document B, or why they cannot be compared. */
export function diffDocuments(a: string, b: string): DiffResult {
  const left = readYaml(a, 'A');
  const right = readYaml(b, 'B');
  if (!left.ok || !right.ok) {
    const which = !left.ok ? 'A' : 'B';
    return {
      ok: false,
      message: `Design ${which} is not readable YAML, so the two cannot be compared yet.`,
    };
  }
  const changes = diffData(left.value, right.value);
  return {
    ok: true,
    changes: changes.slice(0, MAX_CHANGES),
    more: Math.max(0, changes.length - MAX_CHANGES),
  };
}

/** One change as a line: `services.orders.replicas: 2 → 3`. */
export function describeChange(change: DocumentChange): string {
  if (change.kind === 'added') return `added ${change.path} (${change.after})`;
  if (change.kind === 'removed') return `removed ${change.path} (was ${change.before})`;
  return `${change.path}: ${change.before} → ${change.after}`;
}
