/**
 * Random durations: a bare duration (constant) or `{ dist: ..., ... }`.
 * The output is already in milliseconds; mixture weights are normalised later, by `normalise`.
 */
import * as z from 'zod/mini';
import { describeValue } from '../describeValue.ts';
import type { Distribution } from '../types.ts';
import { described, duration, integer, weight } from './common.ts';

/** Names accepted in `dist:`. */
export const DISTRIBUTION_NAMES = [
  'constant',
  'exponential',
  'uniform',
  'lognormal',
  'mixture',
] as const;

const constant = z.strictObject({
  dist: described(z.literal('constant'), 'Always the same duration.'),
  value: duration('The duration every draw returns.'),
});

const exponential = z.strictObject({
  dist: described(z.literal('exponential'), 'Memoryless durations, as in M/M/1 queueing theory.'),
  mean: duration('Mean duration.'),
});

const uniform = z
  .strictObject({
    dist: described(z.literal('uniform'), 'Any duration between min and max, equally likely.'),
    min: duration('Shortest duration.'),
    max: duration('Longest duration; at least min.'),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.max < value.min) {
        ctx.addIssue({
          code: 'custom',
          path: ['max'],
          message: `found ${value.max} ms, below min (${value.min} ms); expected max ≥ min`,
        });
      }
    }),
  );

const lognormal = z
  .strictObject({
    dist: described(
      z.literal('lognormal'),
      'Right-skewed durations with a long tail, typical of real services.',
    ),
    median: duration('Median (50th percentile) duration; above 0.'),
    p99: duration('99th percentile duration; at least the median. σ = ln(p99/median) / 2.3263.'),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.median <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['median'],
          message: 'found 0; expected a median above 0 for a lognormal distribution',
        });
      } else if (value.p99 < value.median) {
        ctx.addIssue({
          code: 'custom',
          path: ['p99'],
          message: `found ${value.p99} ms, below the median (${value.median} ms); expected p99 ≥ median`,
        });
      }
    }),
  );

/** One part of a mixture; `value` is itself a distribution. */
const mixturePart = z.strictObject({
  weight: weight(
    'Chance of drawing from this part: a share (99%) or a relative weight; weights are normalised to sum to 1.',
  ),
  get value() {
    return distribution;
  },
});

const mixture = z
  .strictObject({
    dist: described(
      z.literal('mixture'),
      'Draws from one of several distributions, chosen by weight (e.g. a slow 1%).',
    ),
    of: described(
      z
        .array(mixturePart)
        .check(
          z.minLength(1, { error: 'found an empty list; expected at least one part' }),
          z.maxLength(100, { error: 'found more than 100 parts; expected at most 100' }),
        ),
      'The parts: [{ weight, value }, ...].',
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.of.length > 0 && value.of.every((part) => part.weight === 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['of'],
          message: 'found weights that are all 0; expected at least one weight above 0',
        });
      }
    }),
  );

const distributionObject = z.discriminatedUnion(
  'dist',
  [constant, exponential, uniform, lognormal, mixture],
  {
    error: (iss) =>
      `found ${describeValue(iss.input)}; expected a distribution: ${DISTRIBUTION_NAMES.join(', ')}`,
  },
);

const bareDuration = duration('A constant duration.');

const durationOrObject = z.union([bareDuration, distributionObject], {
  error: (iss) =>
    `found ${describeValue(iss.input)}; expected a duration (5ms) or a distribution such as { dist: exponential, mean: 2ms }`,
});

/**
 * A random duration: a bare duration (`5ms`: constant) or `{ dist: constant | exponential |
 * uniform | lognormal | mixture, ... }`.
 */
export const distribution: z.ZodMiniType<Distribution, unknown> = z
  .pipe(
    durationOrObject,
    z.transform((value: z.output<typeof durationOrObject>): Distribution => {
      if (typeof value === 'number') return { dist: 'constant', value };
      return value;
    }),
  )
  .register(z.globalRegistry, {
    id: 'distribution',
    description:
      'A random duration: a bare duration (5ms, constant) or { dist: constant | exponential | uniform | lognormal | mixture, ... }.',
  });

/** Redelivery and retry counts share this range. */
export const attempts = (description: string) => integer(1, 100, description);
