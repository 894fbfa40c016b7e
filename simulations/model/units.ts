/**
 * Durations and shares, the two units of the topology language.
 *
 * Both parsers are total: they return a result instead of throwing, because the document parser
 * must never throw and reports every bad value at once.
 */
import { describeValue, formatNumber } from './describeValue.ts';

/** The outcome of reading one unit value: milliseconds or a share, or why it is not one. */
export type UnitResult = { readonly ok: true; readonly value: number } | UnitError;

/** `message` reads "found X; expected Y", ready to follow a field path. */
export interface UnitError {
  readonly ok: false;
  readonly message: string;
}

/** Longest duration the language accepts: 30 days, far beyond any simulated run. */
export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `250ms`, `2s`, `1.5m`, `1h`, `1d`; a space before the unit is tolerated. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
/** `50%`, `0.1%`. */
export const PERCENT_PATTERN = /^(\d+(?:\.\d+)?)\s*%$/;

const DURATION_HINT = 'a duration such as 250ms, 2s, 5m, 1h, 1d or a number of milliseconds';
const SHARE_HINT = 'a share: a number from 0 to 1 or a percentage such as 50% or 0.1%';

/** Options of `parseDuration`. */
export interface DurationOptions {
  /** Largest accepted value in milliseconds (default 30 days). */
  readonly max?: number;
}

/**
 * Reads a duration: a number of milliseconds or a string with a unit.
 * Refuses NaN, infinities, negative values and anything above `max`.
 */
export function parseDuration(input: unknown, options: DurationOptions = {}): UnitResult {
  const { max = MAX_DURATION_MS } = options;
  let ms: number;
  if (typeof input === 'number') {
    ms = input;
  } else if (typeof input === 'string') {
    const match = DURATION_PATTERN.exec(input.trim());
    if (!match) {
      if (/^-\s*\d/.test(input.trim())) {
        return fail(`found ${describeValue(input)}; a duration cannot be negative`);
      }
      const hint = /^\d+(\.\d+)?$/.test(input.trim()) ? ' (add a unit, e.g. 250ms)' : '';
      return fail(`found ${describeValue(input)}; expected ${DURATION_HINT}${hint}`);
    }
    ms = Number(match[1]) * (MS_PER_UNIT[match[2] ?? 'ms'] ?? 1);
  } else {
    return fail(`found ${describeValue(input)}; expected ${DURATION_HINT}`);
  }
  if (!Number.isFinite(ms)) {
    return fail(`found ${describeValue(input)}; expected a finite duration`);
  }
  if (ms < 0) {
    return fail(`found ${describeValue(input)}; a duration cannot be negative`);
  }
  if (ms > max) {
    return fail(
      `found ${describeValue(input)}; expected at most ${describeDuration(max)} (${formatNumber(max)} ms)`,
    );
  }
  return { ok: true, value: ms };
}

/**
 * Reads a share: a number in [0, 1] or a percentage string in [0%, 100%].
 * Refuses NaN and anything outside the range.
 */
export function parseShare(input: unknown): UnitResult {
  let share: number;
  if (typeof input === 'number') {
    share = input;
  } else if (typeof input === 'string') {
    const match = PERCENT_PATTERN.exec(input.trim());
    if (!match) return fail(`found ${describeValue(input)}; expected ${SHARE_HINT}`);
    share = Number(match[1]) / 100;
  } else {
    return fail(`found ${describeValue(input)}; expected ${SHARE_HINT}`);
  }
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    return fail(`found ${describeValue(input)}; expected ${SHARE_HINT}`);
  }
  return { ok: true, value: share };
}

/** The largest whole unit that divides evenly, for messages: `30d`, `1s`, `250ms`. */
export function describeDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = MS_PER_UNIT[unit] ?? 1;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function fail(message: string): UnitError {
  return { ok: false, message };
}
