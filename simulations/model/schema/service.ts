/** Services, their operations, and datastores. */
import * as z from 'zod';
import { DEFAULTS } from '../defaults.ts';
import { describeDuration } from '../units.ts';
import {
  cores,
  described,
  duration,
  flag,
  integer,
  name,
  nameKey,
  queueLength,
  share,
  text,
} from './common.ts';
import { distribution } from './distribution.ts';
import { stepsSchema } from './steps.ts';

const s = DEFAULTS.service;
const d = DEFAULTS.datastore;

export const operationSchema = described(
  z.strictObject({
    description: text('A note for readers; ignored by the simulator.').optional(),
    module: name(
      'Optional grouping inside the service, for diagrams and change analysis.',
    ).optional(),
    work: described(
      distribution.optional(),
      'Own processing before the steps: a duration or a distribution. Default 0.',
    ),
    steps: stepsSchema.optional(),
    sideEffect: flag(
      'A successful run changes the world once (charges a card, sends an e-mail): the report counts runs that repeat it for the same piece of work (duplicates) and repeats an idempotency key caught. Default false.',
    ).optional(),
  }),
  'An operation: its own work (default 0), then its steps.',
);

export const deploySchema = described(
  z.strictObject({
    duration: duration(
      `How long one deploy of the service takes. Default ${describeDuration(s.deploy.duration)}.`,
    ).optional(),
    failureRate: share(
      `Chance that a deploy fails and must be rolled back. Default ${s.deploy.failureRate * 100}%.`,
    ).optional(),
  }),
  'How the service is released.',
);

const sv = DEFAULTS.supervisor;

export const supervisorSchema = described(
  z.strictObject({
    restart: duration(
      `Time from a crash until the restarted replica serves again. Default ${describeDuration(sv.restart)}.`,
    ).optional(),
    maxRestarts: integer(
      1,
      1000,
      `Restarts allowed within the window; one more crash and the supervisor gives up (the replica stays down). 1 to 1,000, default ${sv.maxRestarts} (Erlang/OTP's intensity).`,
    ).optional(),
    within: duration(
      `The window of maxRestarts. Default ${describeDuration(sv.within)} (Erlang/OTP's period).`,
    ).optional(),
  }),
  "Let it crash: a supervisor restarts the service's crashed replicas. Without one, a crashed replica stays down.",
);

export const moduleSchema = described(
  z.strictObject({
    team: name('The team that owns the operations of this module.'),
    description: text('A note for readers.').optional(),
  }),
  'A module of the service and the team that owns it.',
);

export const serviceSchema = described(
  z.strictObject({
    description: text('A note for readers; ignored by the simulator.').optional(),
    team: name('The team that owns the service.').optional(),
    replicas: integer(
      1,
      1000,
      `Identical processes behind a load balancer. 1 to 1000, default ${s.replicas}.`,
    ).optional(),
    concurrency: integer(
      1,
      10_000,
      `Operations in flight per replica; a slot is held for the whole operation, remote waits included (thread-per-request). 1 to 10,000, default ${s.concurrency}.`,
    ).optional(),
    queue: queueLength(
      'Waiting operations per replica beyond which new ones are rejected: 0 to 1,000,000 or unbounded (default).',
    ).optional(),
    cpus: cores(
      'CPU cores per replica: own work and message overhead run on a core and queue when all are busy; waits (remote calls, queries, backoff) hold a thread slot but no core. 1 to 1,024, or unbounded (default: work never waits for a core).',
    ).optional(),
    errorRate: share(
      'Chance that an operation of this service fails on its own (a bug rate of its code, the same wherever the code runs), e.g. 0.1%. Default 0.',
    ).optional(),
    crashRate: share(
      'Chance that one run of an operation crashes its replica rather than only failing: the run fails, the work in flight on that replica is lost, and the replica is down until a supervisor restarts it. Default 0.',
    ).optional(),
    supervisor: supervisorSchema.optional(),
    libraries: described(
      z.array(name('A library from the libraries section.')).max(1000),
      'Libraries (shared code and models) the service is built with. Default none.',
    ).optional(),
    deploy: deploySchema.optional(),
    modules: described(
      z.record(nameKey, moduleSchema),
      'Teams owning modules of this service (the module field of its operations). A service whose modules are owned by several teams ships as a release train. Default none.',
    ).optional(),
    operations: described(
      z.record(nameKey, operationSchema),
      'The operations the service offers, by name.',
    ),
  }),
  'One deployable process and its operations.',
);

export const datastoreSchema = described(
  z
    .strictObject({
      description: text('A note for readers; ignored by the simulator.').optional(),
      owner: name(
        'The service that owns it; a datastore queried by other services too is shared.',
      ).optional(),
      concurrency: integer(
        1,
        10_000,
        `Queries served at once (a connection pool). 1 to 10,000, default ${d.concurrency}.`,
      ).optional(),
      queue: queueLength(
        'Waiting queries beyond which new ones are rejected: 0 to 1,000,000 or unbounded (default).',
      ).optional(),
      work: described(
        distribution.optional(),
        'Time to serve one query. Default { dist: exponential, mean: 1ms }.',
      ),
      errorRate: share('Chance that a query fails. Default 0.').optional(),
    })
    .nullable(),
  'A database or other store: a pool of slots and a work time per query. Empty (shop-db:) takes every default.',
);
