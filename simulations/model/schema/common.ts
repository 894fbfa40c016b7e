/**
 * Zod building blocks shared by every section of the schema: names, integers, durations, shares.
 * Each block carries its own error message in the "found X; expected Y" form, so a diagnostic is
 * just the field path followed by that message.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { describeValue, formatNumber } from '../describeValue.ts';
import {
  DURATION_PATTERN,
  MAX_DURATION_MS,
  PERCENT_PATTERN,
  parseDuration,
  parseShare,
} from '../units.ts';

// The schema is written with zod/mini: the same validation (zod's core) without classic zod's
// methods on every schema. The one-file command line is 64 KB smaller for it and starts about
// 25 ms sooner on Node 20 (`simulations/bench/PROFILE.md`). Messages we do not word ourselves
// are zod's English ones, which classic zod sets and mini leaves to us.
z.config(en());

/**
 * `schema` with its description (for the JSON Schema and editors' hover text), registered on
 * `schema` itself. Only for a schema made for this one field: a shared one is cloned first.
 */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

// The blocks below give a type its checks in one `.check(...)` rather than a chain of
// `.int().min().max()`: each link of a chain copies the whole schema, and one copy is cheaper
// to build. The checks, their order and their messages are those of the chain.

/** Letters, digits, `_` and `-`; no dots, since `service.operation` splits on the dot. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const NAME_HINT = 'a name of letters, digits, "-" and "_" (at most 64 characters)';

/** A name of a service, operation, datastore, event, library, team or endpoint. */
export function name(description: string) {
  return described(
    z.string({ error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}` }).check(
      z.regex(NAME_PATTERN, {
        error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}`,
      }),
    ),
    description,
  );
}

/** Keys of a named section (`services`, `datastores`, ...), validated like names. */
export const nameKey = z.string().check(
  z.regex(NAME_PATTERN, {
    error: (iss) => `found ${describeValue(iss.input)}; expected ${NAME_HINT}`,
  }),
);

/** `service.operation`. */
export const OPERATION_REF_PATTERN =
  /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}\.[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/** A reference to an operation, written `service.operation`. */
export function operationRef(description: string) {
  const message = (input: unknown) =>
    `found ${describeValue(input)}; expected an operation written service.operation, e.g. orders.create`;
  return described(
    z
      .string({ error: (iss) => message(iss.input) })
      .check(z.regex(OPERATION_REF_PATTERN, { error: (iss) => message(iss.input) })),
    description,
  );
}

/** Free text for people (titles, descriptions). */
export function text(description: string, max = 10_000) {
  const message = (input: unknown) =>
    `found ${describeValue(input)}; expected text of at most ${formatNumber(max)} characters`;
  return described(
    z
      .string({ error: (iss) => message(iss.input) })
      .check(z.maxLength(max, { error: (iss) => message(iss.input) })),
    description,
  );
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number, description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number from ${formatNumber(min)} to ${formatNumber(max)}`;
  return described(
    z.number({ error }).check(z.int({ error }), z.gte(min, { error }), z.lte(max, { error })),
    description,
  );
}

/** A number in (0, max]: rates and factors. */
export function positive(max: number, description: string) {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a number above 0 and at most ${formatNumber(max)}`;
  return described(
    z.number({ error }).check(z.gt(0, { error }), z.lte(max, { error })),
    description,
  );
}

/** A yes/no flag. */
export function flag(description: string) {
  return described(
    z.boolean({ error: (iss) => `found ${describeValue(iss.input)}; expected true or false` }),
    description,
  );
}

/** One of a fixed set of words; the parser adds "did you mean" for near misses. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
) {
  return described(z.enum(values), description);
}

/**
 * The input side of a field with units (a union of two checked types: ten schemas to build) is
 * the same for every field of its kind, so it is built once, when first needed; each field adds
 * only its own transform and description.
 */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

function durationInputFor(max: number) {
  const error = (iss: { input?: unknown }) => durationMessage(iss.input, max);
  return z.union(
    [
      z.number({ error }).check(z.gte(0, { error }), z.lte(max, { error })),
      z.string({ error }).check(z.regex(DURATION_PATTERN, { error })),
    ],
    { error },
  );
}

const durationInputs = new Map<number, ReturnType<typeof durationInputFor>>();

/** A duration in milliseconds, written as a number or with a unit; output is milliseconds. */
export function duration(description: string, max = MAX_DURATION_MS) {
  let input = durationInputs.get(max);
  if (input === undefined) {
    input = durationInputFor(max);
    durationInputs.set(max, input);
  }
  const schema = z.pipe(
    input,
    z.transform((value: number | string, ctx) => {
      const result = parseDuration(value, { max });
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  );
  return described(schema, description);
}

function durationMessage(input: unknown, max: number): string {
  const result = parseDuration(input, { max });
  return result.ok ? 'invalid duration' : result.message;
}

const shareInput = once(() => {
  const error = (iss: { input?: unknown }) => {
    const result = parseShare(iss.input);
    return result.ok ? 'invalid share' : result.message;
  };
  return z.union(
    [
      z.number({ error }).check(z.gte(0, { error }), z.lte(1, { error })),
      z.string({ error }).check(z.regex(PERCENT_PATTERN, { error })),
    ],
    { error },
  );
});

/** A share in [0, 1], written as a number or a percentage; output is a number in [0, 1]. */
export function share(description: string) {
  const schema = z.pipe(
    shareInput(),
    z.transform((value: number | string, ctx) => {
      const result = parseShare(value);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  );
  return described(schema, description);
}

const queueLengthInput = once(() => {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number from 0 to 1,000,000 or unbounded`;
  return z.union(
    [
      z.number({ error }).check(z.int({ error }), z.gte(0, { error }), z.lte(1_000_000, { error })),
      z.literal('unbounded', { error }),
    ],
    { error },
  );
});

/** A bounded queue length, or `unbounded`; output is a number, `Infinity` for unbounded. */
export function queueLength(description: string) {
  const schema = z.pipe(
    queueLengthInput(),
    z.transform((value: number | 'unbounded') =>
      value === 'unbounded' ? Number.POSITIVE_INFINITY : value,
    ),
  );
  return described(schema, description);
}

const coresInput = once(() => {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a whole number of cores from 1 to 1,024 or unbounded`;
  return z.union(
    [
      z.number({ error }).check(z.int({ error }), z.gte(1, { error }), z.lte(1024, { error })),
      z.literal('unbounded', { error }),
    ],
    { error },
  );
});

/** Cores per replica, or `unbounded`; output is a number, `Infinity` for unbounded. */
export function cores(description: string) {
  const schema = z.pipe(
    coresInput(),
    z.transform((value: number | 'unbounded') =>
      value === 'unbounded' ? Number.POSITIVE_INFINITY : value,
    ),
  );
  return described(schema, description);
}

const weightInput = once(() => {
  const error = (iss: { input?: unknown }) =>
    `found ${describeValue(iss.input)}; expected a share (20%, 0.2) or a relative weight from 0 to 1,000,000`;
  return z.union(
    [
      z.number({ error }).check(z.gte(0, { error }), z.lte(1_000_000, { error })),
      z.string({ error }).check(z.regex(PERCENT_PATTERN, { error })),
    ],
    { error },
  );
});

/** A weight: a share (20%, 0.2) or a relative number; weights are normalised to sum to 1. */
export function weight(description: string) {
  const schema = z.pipe(
    weightInput(),
    z.transform((value: number | string, ctx) => {
      if (typeof value === 'number') return value;
      const result = parseShare(value);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  );
  return described(schema, description);
}
