/**
 * Zod building blocks shared by every section of the schema: names, integers, durations, shares.
 * Each block carries its own error message in the "found X; expected Y" form, so a diagnostic is
 * just the field path followed by that message.
 */
import { z } from 'zod';
import { describeValue, formatNumber } from '../describeValue.ts';
import {
  DURATION_PATTERN,
  MAX_DURATION_MS,
  PERCENT_PATTERN,
  parseDuration,
  parseShare,
} from '../units.ts';

/** Letters, digits, `_` and `-`; no dots, since `service.operation` splits on the dot. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const NAME_HINT = 'a name of letters, digits, "-" and "_" (at most 64 characters)';

/** A name of a service, operation, datastore, event, library, team or endpoint. */
export function name(description: string) {
  return z
    .string({ error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}` })
    .regex(NAME_PATTERN, {
      error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}`,
    })
    .describe(description);
}

/** Keys of a named section (`services`, `datastores`, ...), validated like names. */
export const nameKey = z.string().regex(NAME_PATTERN, {
  error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}`,
});

/** `service.operation`. */
export const OPERATION_REF_PATTERN =
  /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}\.[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/** A reference to an operation, written `service.operation`. */
export function operationRef(description: string) {
  const message = (input: unknown) =>
    `found ${describeValue(input)}; expected an operation written service.operation, e.g. orders.create`;
  return z
    .string({ error: (iss) => message(iss.input) })
    .regex(OPERATION_REF_PATTERN, { error: (iss) => message(iss.input) })
    .describe(description);
}

/** Free text for people (titles, descriptions). */
export function text(description: string, max = 10_000) {
  const message = (input: unknown) =>
    `found ${describeValue(input)}; expected text of at most ${formatNumber(max)} characters`;
  return z
    .string({ error: (iss) => message(iss.input) })
    .max(max, { error: (iss) => message(iss.input) })
    .describe(description);
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number, description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number from ${formatNumber(min)} to ${formatNumber(max)}`;
  return z
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max, { error })
    .describe(description);
}

/** A number in (0, max]: rates and factors. */
export function positive(max: number, description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a number above 0 and at most ${formatNumber(max)}`;
  return z.number({ error }).gt(0, { error }).max(max, { error }).describe(description);
}

/** A yes/no flag. */
export function flag(description: string) {
  return z
    .boolean({ error: (iss) => `found ${describeValue(iss.input)}; expected true or false` })
    .describe(description);
}

/** One of a fixed set of words; the parser adds "did you mean" for near misses. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
) {
  return z.enum(values).describe(description);
}

/** A duration in milliseconds, written as a number or with a unit; output is milliseconds. */
export function duration(description: string, max = MAX_DURATION_MS) {
  const error = (iss: { input?: unknown }) => durationMessage(iss.input, max);
  return z
    .union(
      [
        z.number({ error }).min(0, { error }).max(max, { error }),
        z.string({ error }).regex(DURATION_PATTERN, { error }),
      ],
      { error },
    )
    .transform((value, ctx) => {
      const result = parseDuration(value, { max });
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    })
    .describe(description);
}

function durationMessage(input: unknown, max: number): string {
  const result = parseDuration(input, { max });
  return result.ok ? 'invalid duration' : result.message;
}

/** A share in [0, 1], written as a number or a percentage; output is a number in [0, 1]. */
export function share(description: string) {
  const error = (iss: { input?: unknown }) => {
    const result = parseShare(iss.input);
    return result.ok ? 'invalid share' : result.message;
  };
  return z
    .union(
      [
        z.number({ error }).min(0, { error }).max(1, { error }),
        z.string({ error }).regex(PERCENT_PATTERN, { error }),
      ],
      { error },
    )
    .transform((value, ctx) => {
      const result = parseShare(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    })
    .describe(description);
}

/** A bounded queue length, or `unbounded`; output is a number, `Infinity` for unbounded. */
export function queueLength(description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number from 0 to 1,000,000 or unbounded`;
  return z
    .union(
      [
        z.number({ error }).int({ error }).min(0, { error }).max(1_000_000, { error }),
        z.literal('unbounded', { error }),
      ],
      { error },
    )
    .transform((value) => (value === 'unbounded' ? Number.POSITIVE_INFINITY : value))
    .describe(description);
}

/** Cores per replica, or `unbounded`; output is a number, `Infinity` for unbounded. */
export function cores(description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number of cores from 1 to 1,024 or unbounded`;
  return z
    .union(
      [
        z.number({ error }).int({ error }).min(1, { error }).max(1024, { error }),
        z.literal('unbounded', { error }),
      ],
      { error },
    )
    .transform((value) => (value === 'unbounded' ? Number.POSITIVE_INFINITY : value))
    .describe(description);
}

/** A weight: a share (20%, 0.2) or a relative number; weights are normalised to sum to 1. */
export function weight(description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a share (20%, 0.2) or a relative weight from 0 to 1,000,000`;
  return z
    .union(
      [
        z.number({ error }).min(0, { error }).max(1_000_000, { error }),
        z.string({ error }).regex(PERCENT_PATTERN, { error }),
      ],
      { error },
    )
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      const result = parseShare(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    })
    .describe(description);
}
