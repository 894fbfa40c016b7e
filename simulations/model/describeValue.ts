/**
 * How a message names the value it found. Every diagnostic says "found X", so a reader sees
 * their own input echoed back in YAML terms rather than JavaScript ones.
 */

const MAX_SHOWN = 40;

/** A short, YAML-flavoured rendering of any parsed value, e.g. `"5 sec"`, `-5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (value === Number.POSITIVE_INFINITY) return '.inf';
    if (value === Number.NEGATIVE_INFINITY) return '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** `a, b, c` or `a, b, c and 7 more`: lists of valid names stay one readable line. */
export function listNames(names: readonly string[], max = 12): string {
  if (names.length === 0) return 'none';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Thousands separators without locale data (workers may lack Intl locales): `5,000,000`. */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
