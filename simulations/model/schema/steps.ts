/**
 * Steps of an operation. A step is one mapping with exactly one kind key (`call`, `query`,
 * `parallel`, `publish`, `work`) and the options that kind allows. It is one object rather than
 * a union of five, so that a typo inside a step gets a precise message instead of "matches no
 * alternative".
 */
import * as z from 'zod/mini';
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
    attempts: z.optional(
      attempts(
        `Total attempts, the first included (1 = no retry). 1 to 100, default ${r.attempts}.`,
      ),
    ),
    backoff: z.optional(
      oneOf(
        ['none', 'constant', 'exponential'],
        `Delay before retry k: none = 0, constant = base, exponential = min(cap, base·2^(k−1)). Default ${r.backoff}.`,
      ),
    ),
    base: z.optional(duration(`Base backoff delay. Default ${describeDuration(r.base)}.`)),
    cap: z.optional(duration(`Longest backoff delay. Default ${describeDuration(r.cap)}.`)),
    jitter: z.optional(
      oneOf(
        ['none', 'full', 'equal', 'decorrelated'],
        `Randomises the delay: full = uniform(0, d); equal = d/2 + uniform(0, d/2); decorrelated = min(cap, uniform(base, 3·previous)). Default ${r.jitter}.`,
      ),
    ),
    on: z.optional(
      described(
        z.array(oneOf(['error', 'timeout', 'rejected'], 'A failure that is retried.')).check(
          z.minLength(1, {
            error: 'found an empty list; expected at least one of error, timeout, rejected',
          }),
          z.maxLength(3, {
            error: 'found more than 3 entries; expected some of error, timeout, rejected',
          }),
        ),
        'Failures that are retried. Default: error, timeout and rejected.',
      ),
    ),
    budget: z.optional(
      share(
        'Retries at most this share of first attempts, per caller → callee (e.g. 10%). Default: unlimited.',
      ),
    ),
  }),
  'Retry policy for each attempt of this step.',
);

export const breakerSchema = described(
  z.strictObject({
    failureRate: z.optional(
      share(
        `Share of failed calls in the window at which the breaker opens. Default ${b.failureRate * 100}%.`,
      ),
    ),
    window: z.optional(integer(1, 10_000, `The last N calls considered. Default ${b.window}.`)),
    minimumCalls: z.optional(
      integer(
        1,
        10_000,
        `Calls needed in the window before the breaker may open. Default ${b.minimumCalls}.`,
      ),
    ),
    cooldown: z.optional(
      duration(`Time open before half-open. Default ${describeDuration(b.cooldown)}.`),
    ),
    probes: z.optional(
      integer(1, 1000, `Trial calls let through while half-open. Default ${b.probes}.`),
    ),
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
          z.pipe(
            z.string().check(z.regex(PERCENTILE_PATTERN)),
            z.transform((value: string, ctx) => {
              const p = Number((PERCENTILE_PATTERN.exec(value) as RegExpExecArray)[1]);
              // Divided after the test so p99.9 gives 0.999 exactly, not 0.9990000000000001.
              if (p >= 50 && p < 100) return { percentile: Math.round(p * 10) / 1000 };
              ctx.issues.push({ code: 'custom', message: 'percentile out of range', input: value });
              return z.NEVER;
            }),
          ),
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
    max: z.optional(
      integer(1, 10, `Extra copies at most, per attempt. 1 to 10, default ${DEFAULTS.hedge.max}.`),
    ),
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

/**
 * `schema.check(...checks)` for an object whose shape has a getter (a recursive field). zod/mini's
 * `check` copies the definition with a spread, which runs the getter, here before the schema it
 * returns exists; copied by descriptors, as classic zod's `check` copies it, the getter stays one.
 */
function withChecks<T extends z.ZodMiniType>(schema: T, ...checks: z.core.$ZodCheck[]): T {
  const def = schema._zod.def;
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(def)) as typeof def;
  copy.checks = [...(def.checks ?? []), ...checks];
  return schema.clone(copy, { parent: true }) as T;
}

export const stepSchema: z.ZodMiniType<RawStep, unknown> = withChecks(
  z.strictObject({
    call: z.optional(
      operationRef(
        'Calls an operation, written service.operation, and waits for its answer. Remote when the service differs, in-process otherwise.',
      ),
    ),
    query: z.optional(name('Queries a datastore and waits for its answer.')),
    get parallel() {
      return z.optional(
        described(
          z
            .array(stepSchema)
            .check(z.minLength(1, { error: 'found an empty list; expected at least one step' })),
          'Runs these steps concurrently and waits for all of them.',
        ),
      );
    },
    publish: z.optional(
      name(
        'Publishes an event on the bus; asynchronous: the operation does not wait for consumers.',
      ),
    ),
    work: described(
      z.optional(distribution),
      'Own processing for this long (a duration or a distribution), holding the slot.',
    ),
    times: z.optional(
      integer(
        1,
        1000,
        'Sequential repetitions of the step (chattiness, e.g. one call per cart line). 1 to 1000, default 1.',
      ),
    ),
    optional: z.optional(
      flag(
        'When true, a failure of this step does not fail its operation (graceful degradation). Default false.',
      ),
    ),
    fanout: z.optional(
      integer(
        1,
        1000,
        'call and query: concurrent copies per repetition, all awaited. 1 to 1000, default 1.',
      ),
    ),
    timeout: z.optional(
      duration(
        'call and query: per attempt; the callee keeps working on a timed-out attempt. Default: none (wait forever).',
      ),
    ),
    retry: z.optional(retrySchema),
    breaker: z.optional(breakerSchema),
    hedge: z.optional(hedgeSchema),
    bulkhead: z.optional(
      integer(
        1,
        10_000,
        'call: at most this many attempts in flight from this service to the callee at once; one more fails at once as rejected, not retried. Default: no limit.',
      ),
    ),
    idempotencyKey: z.optional(
      flag(
        'call (remote): the caller sends a key that stays the same across retries and hedges, so the callee writes its side effect once per call. Default false.',
      ),
    ),
    description: z.optional(text('A note for readers; ignored by the simulator.')),
  }),
  z.superRefine((step, ctx) => {
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
  }),
).register(z.globalRegistry, {
  id: 'step',
  description: 'One step: exactly one of call, query, parallel, publish or work, with its options.',
});

export const stepsSchema = described(
  z.array(stepSchema),
  'What the operation does after its own work, in order.',
);
