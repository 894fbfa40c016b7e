/**
 * `compareNames(a, b)`: the order `a.localeCompare(b)` gives, without ICU. The first
 * `localeCompare` of a process builds a collator, about 10 ms of the command line's start; the
 * names it sorts (services, components, `service.operation` targets) are letters, digits, `_`, `-`
 * and `.`, and for those the collator's order is short enough to write down.
 *
 * The collator (CLDR root, tertiary strength) compares the letters ignoring case first, then the
 * case, lower before upper; `_`, `-` and `.` come before the digits, and the digits before the
 * letters. A string with any other character goes to `localeCompare`, so the order is the
 * collator's for every input, and `compareNames.test.ts` checks the two agree.
 */

/** Primary weight per char code (`_` `-` `.` digits letters; case folded), 0 when not listed. */
const PRIMARY = new Uint8Array(128);
for (const [i, c] of [...'_-.0123456789abcdefghijklmnopqrstuvwxyz'].entries()) {
  PRIMARY[c.charCodeAt(0)] = i + 1;
  PRIMARY[c.toUpperCase().charCodeAt(0)] = i + 1;
}

function primary(code: number): number {
  return code < 128 ? (PRIMARY[code] ?? 0) : 0;
}

/** Negative when `a` sorts first, positive when `b` does, 0 when equal, as `localeCompare`. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = primary(a.charCodeAt(i));
    const y = primary(b.charCodeAt(i));
    if (x === 0 || y === 0) return a.localeCompare(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  // The rest of the longer string must be plain too, or the collator decides.
  for (const s of [a, b]) {
    for (let i = n; i < s.length; i++)
      if (primary(s.charCodeAt(i)) === 0) return a.localeCompare(b);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Same letters: the first difference of case decides, lower case first.
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
