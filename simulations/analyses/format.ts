/** Small formatters shared by the scorecard's sentences and the command line's tables. */

/** `2 d 3 h`, `40 min`, `12 s`, `250 ms`: the two largest units, for sentences and tables. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: readonly (readonly [string, number])[] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  const rounded = Math.round(ms / 1000) * 1000;
  for (let i = 0; i < units.length; i++) {
    const [unit, size] = units[i] ?? ['s', 1000];
    if (rounded < size) continue;
    const n = Math.floor(rounded / size);
    // The next smaller unit that is not zero: `2 d 40 min` says more than `2 d`.
    const rest = rounded - n * size;
    const next = units.slice(i + 1).find(([, s]) => rest >= s);
    return next === undefined
      ? `${n} ${unit}`
      : `${n} ${unit} ${Math.floor(rest / next[1])} ${next[0]}`;
  }
  return '0 s';
}

/** `64%`, `0.5%`, `12.5%`: percent with up to one decimal. */
export function formatPercent(share: number): string {
  const percent = Math.round(share * 1000) / 10;
  return `${percent}%`;
}

/** `a`, `a and b`, `a, b and c`. */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `a, b, c and 2 more`, for long lists in a sentence. */
export function formatShortList(items: readonly string[], max = 4): string {
  if (items.length <= max) return formatList(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `1 service`, `3 services`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
