/** The smaller sections of a document: workload, network, bus, events, endpoints, faults, ... */
import * as z from 'zod/mini';
import { DEFAULTS } from '../defaults.ts';
import { describeValue } from '../describeValue.ts';
import { describeDuration } from '../units.ts';
import {
  described,
  duration,
  flag,
  integer,
  name,
  nameKey,
  oneOf,
  operationRef,
  positive,
  share,
  text,
  weight,
} from './common.ts';
import { attempts, distribution } from './distribution.ts';

const w = DEFAULTS.workload;
const bus = DEFAULTS.bus;

export const workloadSchema = described(
  z.strictObject({
    requests: z.optional(
      integer(1, 5_000_000, `User requests to simulate. 1 to 5,000,000, default ${w.requests}.`),
    ),
    rate: z.optional(
      positive(
        1_000_000,
        `Mean user requests per second. Above 0, at most 1,000,000, default ${w.rate}.`,
      ),
    ),
    arrivals: z.optional(
      oneOf(
        ['poisson', 'constant'],
        'How requests arrive: poisson (random, default) or constant (evenly spaced).',
      ),
    ),
    seed: z.optional(
      integer(
        0,
        4_294_967_295,
        `Seed of the random generator: same document and seed, same report. 0 to 2^32−1, default ${w.seed}.`,
      ),
    ),
  }),
  'The user traffic to simulate.',
);

export const networkSchema = described(
  z.strictObject({
    latency: described(
      z.optional(distribution),
      'One-way latency of each remote hop. Default { dist: lognormal, median: 0.5ms, p99: 4ms }.',
    ),
    overhead: z.optional(
      duration(
        `CPU time each remote message costs its sender and its receiver (serialisation, system calls, connection handling). Default ${describeDuration(DEFAULTS.network.overhead)}.`,
        1000,
      ),
    ),
    errorRate: z.optional(
      share(
        'Chance that one remote hop (a call, a query, a delivery) fails as a network error; in-process calls never see it. Default 0.',
      ),
    ),
  }),
  'The network between services.',
);

export const teamSchema = described(
  z.nullable(z.strictObject({ description: z.optional(text('A note for readers.')) })),
  'A team; services name it in their team field.',
);

export const librarySchema = described(
  z.nullable(
    z
      .strictObject({
        kind: z.optional(
          oneOf(
            ['model', 'code'],
            'model: shared data model (types, schemas); code: shared behaviour. Default code.',
          ),
        ),
        lockstep: z.optional(
          flag(
            'code only: every service using the library must deploy each release of it together (it is built from one tree, not versioned). Default false: services upgrade when they like. A model library carries wire types and is always released in lockstep.',
          ),
        ),
        description: z.optional(text('A note for readers.')),
      })
      .check(
        z.superRefine((library, ctx) => {
          if (library.kind === 'model' && library.lockstep !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['lockstep'],
              message:
                'found lockstep on a model library; a model carries wire types, so a breaking change to it always needs its users in lockstep (use kind: code for shared behaviour)',
            });
          }
        }),
      ),
  ),
  'Shared code or a shared model that services are built with.',
);

export const busSchema = described(
  z.strictObject({
    latency: described(
      z.optional(distribution),
      `Time from publish to delivery. Default ${describeDuration(bus.latency.value)} (constant).`,
    ),
    delivery: z.optional(
      oneOf(
        ['at-least-once', 'at-most-once'],
        'at-least-once (default): failed deliveries are redelivered, some are duplicated; at-most-once: never redelivered.',
      ),
    ),
    duplicateRate: z.optional(share('at-least-once: chance a delivery happens twice. Default 0.')),
    redelivery: z.optional(
      described(
        z.strictObject({
          attempts: z.optional(
            attempts(
              `Deliveries tried before the message is dead-lettered. 1 to 100, default ${bus.redelivery.attempts}.`,
            ),
          ),
          backoff: z.optional(
            oneOf(
              ['none', 'constant', 'exponential'],
              'Delay between deliveries. Default exponential.',
            ),
          ),
          base: z.optional(
            duration(`Base delay. Default ${describeDuration(bus.redelivery.base)}.`),
          ),
          cap: z.optional(
            duration(`Longest delay. Default ${describeDuration(bus.redelivery.cap)}.`),
          ),
        }),
        'How a failed delivery is retried, then dead-lettered.',
      ),
    ),
  }),
  'The message bus that carries events.',
);

export const eventFieldSchema = described(
  z.strictObject({
    type: oneOf(['string', 'number', 'boolean', 'object', 'array'], 'The field type.'),
    required: z.optional(flag('Whether every message must carry the field. Default false.')),
    default: z.optional(
      described(
        z.union([z.string(), z.number(), z.boolean(), z.null()], {
          error: (iss) =>
            `found ${describeValue(iss.input)}; expected a string, number, true, false or null`,
        }),
        'Value a consumer assumes when the field is absent.',
      ),
    ),
    description: z.optional(text('A note for readers.')),
  }),
  'A field of an event message.',
);

export const eventFieldsSchema = described(
  z.record(
    z.string().check(
      z.regex(/^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/, {
        error: (iss) =>
          `found ${describeValue(iss.input)}; expected a field name of letters, digits, "_", "-" and "$"`,
      }),
    ),
    eventFieldSchema,
  ),
  'Fields of the event message, by name.',
);

export const consumerSchema = described(
  z.union(
    [
      operationRef('The consuming operation, service.operation (keeps both event rules).'),
      described(
        z.strictObject({
          operation: operationRef('The consuming operation, service.operation.'),
          ignoresUnknownFields: z.optional(
            flag('Event rule 2: the consumer ignores fields it does not know. Default true.'),
          ),
          usesDefaults: z.optional(
            flag(
              'Event rule 3: the consumer uses defaults for absent optional fields. Default true.',
            ),
          ),
          idempotent: z.optional(
            flag(
              "The consumer deduplicates on the event's id: a redelivered or duplicated event does not repeat its side effects. Default false.",
            ),
          ),
        }),
        'A consumer that may break the event-change rules (a Lockstep extension).',
      ),
    ],
    {
      error: (iss) =>
        `found ${describeValue(iss.input)}; expected service.operation or { operation: service.operation, ignoresUnknownFields, usesDefaults, idempotent }`,
    },
  ),
  'An operation run when the event is delivered: service.operation, or an object saying whether it tolerates event changes.',
);

export const eventSchema = described(
  z.strictObject({
    description: z.optional(text('A note for readers.')),
    publisher: name('The service that publishes the event.'),
    consumers: z.optional(
      described(
        z.array(consumerSchema).check(z.maxLength(1000)),
        'Operations run when the event is delivered. Default none.',
      ),
    ),
    fields: z.optional(eventFieldsSchema),
    slo: z.optional(
      objective(
        `Delivery objective, from publish to a consumer's success: a delivery dead-lettered, dropped or later than this counts in the deferred blast radius. Above 0, default ${describeDuration(DEFAULTS.eventSlo)}.`,
      ),
    ),
  }),
  'An asynchronous event carried by the bus.',
);

export const endpointSchema = described(
  z.strictObject({
    operation: operationRef('The operation that serves this endpoint, service.operation.'),
    weight: z.optional(
      weight(
        'Share of user requests (20%, 0.2) or a relative weight; weights are normalised to sum to 1. Default 1.',
      ),
    ),
    slo: z.optional(
      objective(
        `Latency objective: in the simulated blast radius a request slower than this counts as lost, like a failed one. Above 0, default ${describeDuration(DEFAULTS.endpointSlo)}.`,
      ),
    ),
    description: z.optional(text('A note for readers.')),
  }),
  'What users call, and how often.',
);

/** A latency objective: a duration above 0 (an objective of 0 would count every answer lost). */
function objective(description: string) {
  return duration(description).check(
    z.refine((ms) => ms > 0, {
      error: 'found 0s; expected an objective above 0, e.g. slo: 1s',
    }),
  );
}

export const blastRadiusSchema = described(
  z.strictObject({
    slowFactor: z.optional(
      positive(
        1000,
        `The simulated blast radius's slow run multiplies each component's work (the bus: its latency) by this. Above 0, at most 1,000, default ${DEFAULTS.blastRadius.slowFactor}.`,
      ),
    ),
  }),
  'How the simulated blast radius injects failures (check, the report).',
);

export const faultSchema = described(
  z
    .strictObject({
      target: described(z.string(), 'A service, service.operation, datastore, or bus.').check(
        z.maxLength(200),
      ),
      kind: oneOf(
        ['down', 'slow', 'errors', 'hang', 'crash'],
        'down: fails fast after one round trip; slow: work takes factor times longer; errors: adds errorRate; hang: accepts and never answers; crash (services only): every replica crashes at from, and stays down unless a supervisor restarts it.',
      ),
      from: z.optional(duration('Simulated time the fault starts. Default 0s.')),
      until: z.optional(duration('Simulated time the fault ends. Default: the end of the run.')),
      factor: z.optional(
        positive(1000, 'slow: multiplier of work times, e.g. 10. Required for slow.'),
      ),
      errorRate: z.optional(
        share('errors: added failure probability, e.g. 50%. Required for errors.'),
      ),
      description: z.optional(text('A note for readers.')),
    })
    .check(
      z.superRefine((fault, ctx) => {
        if (fault.kind === 'slow' && fault.factor === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['factor'],
            message: 'missing; a slow fault needs factor, e.g. factor: 10',
          });
        }
        if (fault.kind === 'errors' && fault.errorRate === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['errorRate'],
            message: 'missing; an errors fault needs errorRate, e.g. errorRate: 50%',
          });
        }
        if (fault.kind !== 'slow' && fault.factor !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['factor'],
            message: `found factor on a ${fault.kind} fault; only slow faults take factor`,
          });
        }
        if (fault.kind !== 'errors' && fault.errorRate !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['errorRate'],
            message: `found errorRate on a ${fault.kind} fault; only errors faults take errorRate`,
          });
        }
        if (fault.kind === 'crash' && fault.until !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['until'],
            message:
              'found until on a crash fault; a crash happens at from, and how long the service stays down is its supervisor.restart (remove until, or use a down fault for a window)',
          });
        } else if (fault.until !== undefined && fault.until <= (fault.from ?? 0)) {
          ctx.addIssue({
            code: 'custom',
            path: ['until'],
            message: `found ${describeDuration(fault.until)}, not after from (${describeDuration(fault.from ?? 0)}); expected until > from`,
          });
        }
      }),
    ),
  'An injected failure during a time window.',
);

export const organizationSchema = described(
  z.strictObject({
    release: z.optional(
      oneOf(
        ['one-click', 'per-team'],
        'one-click: one action deploys any set of services; per-team (default): each team ships its own services.',
      ),
    ),
    handoff: z.optional(
      duration('per-team: wait each extra team adds to a coordinated release. Default 1d.'),
    ),
  }),
  'How the organisation releases software.',
);

export const changeSchema = described(
  z.strictObject({
    target: described(
      z.string().check(z.maxLength(200)),
      'A library, datastore, event or service.operation.',
    ),
    breaking: z.optional(
      flag('Whether the change is breaking. For events, absent means: decide by the event rules.'),
    ),
    via: z.optional(
      oneOf(
        ['lockstep', 'expand-contract', 'new-version'],
        'How a breaking change is made. lockstep: every affected service deploys together; expand-contract (operations, datastores): the owner adds the new form beside the old, the others move over in their own releases, then the owner removes the old; new-version (events): the publisher publishes NAME.v2 beside NAME until every consumer has moved. Default: new-version for events (event rule 4), lockstep otherwise.',
      ),
    ),
    add: z.optional(described(eventFieldsSchema.clone(), 'Events only: fields the change adds.')),
    remove: z.optional(
      described(
        z.array(described(z.string(), 'A field name of the event.')).check(z.maxLength(1000)),
        'Events only: fields the change removes.',
      ),
    ),
    description: z.optional(text('A note for readers.')),
  }),
  'A what-if change for the deploy analysis.',
);

export const recordOf = <T extends z.ZodMiniType>(value: T, description: string) =>
  described(z.record(nameKey, value), description);
