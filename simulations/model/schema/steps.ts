/**
 * Steps of an operation. A step is one mapping with exactly one kind key (`call`, `query`,
 * `parallel`, `publish`, `work`) and the options that kind allows. It is one object rather than
 * a union of five, so that a typo inside a step gets a precise message instead of "matches no
 * alternative".
 */
import * as z from 'zod';
import { DEFAULTS } from '../defaults.ts';
import { describeDuration } from '../units.ts';
import {
  described,
  duration,
  flag,
  integer,
  name,
  oneOf,
  operationRef,
  share,
  text,
} from './common.ts';
import { attempts, distribution } from './distribution.ts';

/** The key that says what a step does. */
export const STEP_KINDS = ['call', 'query', 'parallel', 'publish', 'work'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Options only some kinds take. */
export const STEP_OPTIONS_BY_KIND: Readonly<Record<StepKind, readonly string[]>> = {
  call: ['fanout', 'timeout', 'retry', 'breaker', 'hedge', 'bulkhead', 'idempotencyKey'],
  query: ['fanout', 'timeout', 'retry'],
  parallel: [],
  publish: [],
  work: [],
};

const r = DEFAULTS.retry;
const b = DEFAULTS.breaker;

export const retrySchema = described(
  z.strictObject({
    attempts: attempts(
      `Total attempts, the first included (1 = no retry). 1 to 100, default ${r.attempts}.`,
    ).optional(),
    backoff: oneOf(
      ['none', 'constant', 'exponential'],
      `Delay before retry k: none = 0, constant = base, exponential = min(cap, base·2^(k−1)). Default ${r.backoff}.`,
    ).optional(),
    base: duration(`Base backoff delay. Default ${describeDuration(r.base)}.`).optional(),
    cap: duration(`Longest backoff delay. Default ${describeDuration(r.cap)}.`).optional(),
    jitter: oneOf(
      ['none', 'full', 'equal', 'decorrelated'],
      `Randomises the delay: full = uniform(0, d); equal = d/2 + uniform(0, d/2); decorrelated = min(cap, uniform(base, 3·previous)). Default ${r.jitter}.`,
    ).optional(),
    on: described(
      z
        .array(oneOf(['error', 'timeout', 'rejected'], 'A failure that is retried.'))
        .min(1, { error: 'found an empty list; expected at least one of error, timeout, rejected' })
        .max(3, { error: 'found more than 3 entries; expected some of error, timeout, rejected' }),
      'Failures that are retried. Default: error, timeout and rejected.',
    ).optional(),
    budget: share(
      'Retries at most this share of first attempts, per caller → callee (e.g. 10%). Default: unlimited.',
    ).optional(),
  }),
  'Retry policy for each attempt of this step.',
);

export const breakerSchema = described(
  z.strictObject({
    failureRate: share(
      `Share of failed calls in the window at which the breaker opens. Default ${b.failureRate * 100}%.`,
    ).optional(),
    window: integer(1, 10_000, `The last N calls considered. Default ${b.window}.`).optional(),
    minimumCalls: integer(
      1,
      10_000,
      `Calls needed in the window before the breaker may open. Default ${b.minimumCalls}.`,
    ).optional(),
    cooldown: duration(
      `Time open before half-open. Default ${describeDuration(b.cooldown)}.`,
    ).optional(),
    probes: integer(
      1,
      1000,
      `Trial calls let through while half-open. Default ${b.probes}.`,
    ).optional(),
  }),
  'Circuit breaker, per calling service and target service.',
);

/** `p95`, `p99.9`: a percentile of the call's observed latency, as a hedge delay. */
const PERCENTILE_PATTERN = /^p(\d{1,2}(?:\.\d{1,3})?)$/;

export const hedgeSchema = described(
  z.strictObject({
    after: described(
      z.union(
        [
          z
            .string()
            .regex(PERCENTILE_PATTERN)
            .transform((value, ctx) => {
              const p = Number((PERCENTILE_PATTERN.exec(value) as RegExpExecArray)[1]);
              // Divided after the test so p99.9 gives 0.999 exactly, not 0.9990000000000001.
              if (p >= 50 && p < 100) return { percentile: Math.round(p * 10) / 1000 };
              ctx.addIssue({ code: 'custom', message: 'percentile out of range', input: value });
              return z.NEVER;
            }),
          duration('A fixed delay.'),
        ],
        {
          // One message for both forms: a union's default ("Invalid input") says nothing useful.
          error: (iss) =>
            `found ${JSON.stringify(iss.input)}; expected a duration (10ms) or a percentile from p50 to p99.9 (p95)`,
        },
      ),
      'Send another copy when no answer came this long after the last copy: a duration (10ms) or a percentile of the answers this call has seen (p95, running estimate).',
    ),
    max: integer(
      1,
      10,
      `Extra copies at most, per attempt. 1 to 10, default ${DEFAULTS.hedge.max}.`,
    ).optional(),
  }),
  'Hedged requests: extra copies of a slow attempt; the first answer wins, the others are ignored.',
);

export interface RawStep {
  call?: string;
  query?: string;
  parallel?: RawStep[];
  publish?: string;
  work?: import('../types.ts').Distribution;
  times?: number;
  optional?: boolean;
  fanout?: number;
  timeout?: number;
  retry?: z.output<typeof retrySchema>;
  breaker?: z.output<typeof breakerSchema>;
  hedge?: z.output<typeof hedgeSchema>;
  bulkhead?: number;
  idempotencyKey?: boolean;
  description?: string;
}

export const stepSchema: z.ZodType<RawStep, unknown> = z
  .strictObject({
    call: operationRef(
      'Calls an operation, written service.operation, and waits for its answer. Remote when the service differs, in-process otherwise.',
    ).optional(),
    query: name('Queries a datastore and waits for its answer.').optional(),
    get parallel() {
      return described(
        z.array(stepSchema).min(1, { error: 'found an empty list; expected at least one step' }),
        'Runs these steps concurrently and waits for all of them.',
      ).optional();
    },
    publish: name(
      'Publishes an event on the bus; asynchronous: the operation does not wait for consumers.',
    ).optional(),
    work: described(
      distribution.optional(),
      'Own processing for this long (a duration or a distribution), holding the slot.',
    ),
    times: integer(
      1,
      1000,
      'Sequential repetitions of the step (chattiness, e.g. one call per cart line). 1 to 1000, default 1.',
    ).optional(),
    optional: flag(
      'When true, a failure of this step does not fail its operation (graceful degradation). Default false.',
    ).optional(),
    fanout: integer(
      1,
      1000,
      'call and query: concurrent copies per repetition, all awaited. 1 to 1000, default 1.',
    ).optional(),
    timeout: duration(
      'call and query: per attempt; the callee keeps working on a timed-out attempt. Default: none (wait forever).',
    ).optional(),
    retry: retrySchema.optional(),
    breaker: breakerSchema.optional(),
    hedge: hedgeSchema.optional(),
    bulkhead: integer(
      1,
      10_000,
      'call: at most this many attempts in flight from this service to the callee at once; one more fails at once as rejected, not retried. Default: no limit.',
    ).optional(),
    idempotencyKey: flag(
      'call (remote): the caller sends a key that stays the same across retries and hedges, so the callee writes its side effect once per call. Default false.',
    ).optional(),
    description: text('A note for readers; ignored by the simulator.').optional(),
  })
  .superRefine((step, ctx) => {
    const kinds = STEP_KINDS.filter((kind) => step[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `found a step with none of ${STEP_KINDS.join(', ')}; expected exactly one of them`
            : `found a step with ${kinds.join(' and ')}; expected exactly one of ${STEP_KINDS.join(', ')} (split it into ${kinds.length} steps)`,
      });
      return;
    }
    const kind = kinds[0] as StepKind;
    const allowed = STEP_OPTIONS_BY_KIND[kind];
    const options = [
      'fanout',
      'timeout',
      'retry',
      'breaker',
      'hedge',
      'bulkhead',
      'idempotencyKey',
    ] as const;
    for (const option of options) {
      if (step[option] !== undefined && !allowed.includes(option)) {
        const takers = STEP_KINDS.filter((k) => STEP_OPTIONS_BY_KIND[k].includes(option));
        ctx.addIssue({
          code: 'custom',
          path: [option],
          message: `found ${option} on a ${kind} step; only ${takers.join(' and ')} steps take ${option}`,
        });
      }
    }
  })
  .meta({
    id: 'step',
    description:
      'One step: exactly one of call, query, parallel, publish or work, with its options.',
  });

export const stepsSchema = described(
  z.array(stepSchema),
  'What the operation does after its own work, in order.',
);
