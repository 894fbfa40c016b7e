/** The whole topology document. */
import * as z from 'zod/mini';
import { describeValue } from '../describeValue.ts';
import { described, oneOf, text } from './common.ts';
import {
  blastRadiusSchema,
  busSchema,
  changeSchema,
  endpointSchema,
  eventSchema,
  faultSchema,
  librarySchema,
  networkSchema,
  organizationSchema,
  recordOf,
  teamSchema,
  workloadSchema,
} from './sections.ts';
import { datastoreSchema, serviceSchema } from './service.ts';

export const topologySchema = described(
  z.strictObject({
    name: described(
      z
        .string({
          error: (iss) =>
            `found ${describeValue(iss.input)}; expected the architecture's name, e.g. name: Shop`,
        })
        .check(
          z.minLength(1, {
            error: "found empty text; expected the architecture's name, e.g. name: Shop",
          }),
          z.maxLength(200, { error: 'found more than 200 characters; expected a shorter name' }),
        ),
      'Name of the architecture, shown on reports. Required.',
    ),
    description: z.optional(text('What the document describes, for readers.')),
    style: z.optional(
      oneOf(
        ['monolith', 'distributed-monolith', 'microservices', 'custom'],
        'The architectural style the document illustrates. Default custom.',
      ),
    ),
    workload: z.optional(workloadSchema),
    network: z.optional(networkSchema),
    teams: z.optional(
      recordOf(
        teamSchema,
        'Teams, by name. Optional: without it, the teams services name are taken as declared.',
      ),
    ),
    libraries: z.optional(recordOf(librarySchema, 'Shared code and shared models, by name.')),
    datastores: z.optional(recordOf(datastoreSchema, 'Databases and other stores, by name.')),
    services: recordOf(serviceSchema, 'Deployable processes, by name.'),
    bus: z.optional(busSchema),
    events: z.optional(recordOf(eventSchema, 'Asynchronous events, by name.')),
    endpoints: recordOf(endpointSchema, 'What users call, and the traffic mix, by name.'),
    faults: z.optional(
      described(z.array(faultSchema).check(z.maxLength(1000)), 'Injected failures.'),
    ),
    organization: z.optional(organizationSchema),
    changes: z.optional(
      described(
        z.array(changeSchema).check(z.maxLength(1000)),
        'What-if changes for the deploy analysis. Default: each library, datastore, event and operation gets a realistic mix (mostly internal, some additive, few breaking); an entry replaces the default for its target.',
      ),
    ),
    blastRadius: z.optional(blastRadiusSchema),
  }),
  'A Lockstep topology document (format v1): an architecture to simulate.',
);

/** What the schema accepts, after units are converted (durations in ms, shares in [0, 1]). */
export type RawTopology = z.output<typeof topologySchema>;
