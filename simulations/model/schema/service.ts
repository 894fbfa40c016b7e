/** Services, their operations, and datastores. */
import * as z from 'zod/mini';
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
    description: z.optional(text('A note for readers; ignored by the simulator.')),
    module: z.optional(
      name('Optional grouping inside the service, for diagrams and change analysis.'),
    ),
    work: described(
      z.optional(distribution),
      'Own processing before the steps: a duration or a distribution. Default 0.',
    ),
    steps: z.optional(stepsSchema),
    sideEffect: z.optional(
      flag(
        'A successful run changes the world once (charges a card, sends an e-mail): the report counts runs that repeat it for the same piece of work (duplicates) and repeats an idempotency key caught. Default false.',
      ),
    ),
  }),
  'An operation: its own work (default 0), then its steps.',
);

export const deploySchema = described(
  z.strictObject({
    duration: z.optional(
      duration(
        `How long one deploy of the service takes. Default ${describeDuration(s.deploy.duration)}.`,
      ),
    ),
    failureRate: z.optional(
      share(
        `Chance that a deploy fails and must be rolled back. Default ${s.deploy.failureRate * 100}%.`,
      ),
    ),
  }),
  'How the service is released.',
);

const sv = DEFAULTS.supervisor;

export const supervisorSchema = described(
  z.strictObject({
    restart: z.optional(
      duration(
        `Time from a crash until the restarted replica serves again. Default ${describeDuration(sv.restart)}.`,
      ),
    ),
    maxRestarts: z.optional(
      integer(
        1,
        1000,
        `Restarts allowed within the window; one more crash and the supervisor gives up (the replica stays down). 1 to 1,000, default ${sv.maxRestarts} (Erlang/OTP's intensity).`,
      ),
    ),
    within: z.optional(
      duration(
        `The window of maxRestarts. Default ${describeDuration(sv.within)} (Erlang/OTP's period).`,
      ),
    ),
  }),
  "Let it crash: a supervisor restarts the service's crashed replicas. Without one, a crashed replica stays down.",
);

export const moduleSchema = described(
  z.strictObject({
    team: name('The team that owns the operations of this module.'),
    description: z.optional(text('A note for readers.')),
  }),
  'A module of the service and the team that owns it.',
);

export const serviceSchema = described(
  z.strictObject({
    description: z.optional(text('A note for readers; ignored by the simulator.')),
    team: z.optional(name('The team that owns the service.')),
    replicas: z.optional(
      integer(
        1,
        1000,
        `Identical processes behind a load balancer. 1 to 1000, default ${s.replicas}.`,
      ),
    ),
    concurrency: z.optional(
      integer(
        1,
        10_000,
        `Operations in flight per replica; a slot is held for the whole operation, remote waits included (thread-per-request). 1 to 10,000, default ${s.concurrency}.`,
      ),
    ),
    queue: z.optional(
      queueLength(
        'Waiting operations per replica beyond which new ones are rejected: 0 to 1,000,000 or unbounded (default).',
      ),
    ),
    cpus: z.optional(
      cores(
        'CPU cores per replica: own work and message overhead run on a core and queue when all are busy; waits (remote calls, queries, backoff) hold a thread slot but no core. 1 to 1,024, or unbounded (default: work never waits for a core).',
      ),
    ),
    errorRate: z.optional(
      share(
        'Chance that an operation of this service fails on its own (a bug rate of its code, the same wherever the code runs), e.g. 0.1%. Default 0.',
      ),
    ),
    crashRate: z.optional(
      share(
        'Chance that one run of an operation crashes its replica rather than only failing: the run fails, the work in flight on that replica is lost, and the replica is down until a supervisor restarts it. Default 0.',
      ),
    ),
    supervisor: z.optional(supervisorSchema),
    libraries: z.optional(
      described(
        z.array(name('A library from the libraries section.')).check(z.maxLength(1000)),
        'Libraries (shared code and models) the service is built with. Default none.',
      ),
    ),
    deploy: z.optional(deploySchema),
    modules: z.optional(
      described(
        z.record(nameKey, moduleSchema),
        'Teams owning modules of this service (the module field of its operations). A service whose modules are owned by several teams ships as a release train. Default none.',
      ),
    ),
    operations: described(
      z.record(nameKey, operationSchema),
      'The operations the service offers, by name.',
    ),
  }),
  'One deployable process and its operations.',
);

export const datastoreSchema = described(
  z.nullable(
    z.strictObject({
      description: z.optional(text('A note for readers; ignored by the simulator.')),
      owner: z.optional(
        name('The service that owns it; a datastore queried by other services too is shared.'),
      ),
      concurrency: z.optional(
        integer(
          1,
          10_000,
          `Queries served at once (a connection pool). 1 to 10,000, default ${d.concurrency}.`,
        ),
      ),
      queue: z.optional(
        queueLength(
          'Waiting queries beyond which new ones are rejected: 0 to 1,000,000 or unbounded (default).',
        ),
      ),
      work: described(
        z.optional(distribution),
        'Time to serve one query. Default { dist: exponential, mean: 1ms }.',
      ),
      errorRate: z.optional(share('Chance that a query fails. Default 0.')),
    }),
  ),
  'A database or other store: a pool of slots and a work time per query. Empty (shop-db:) takes every default.',
);
