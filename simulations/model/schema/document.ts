/** The whole topology document. */
import * as z from 'zod';
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
        .min(1, { error: "found empty text; expected the architecture's name, e.g. name: Shop" })
        .max(200, { error: 'found more than 200 characters; expected a shorter name' }),
      'Name of the architecture, shown on reports. Required.',
    ),
    description: text('What the document describes, for readers.').optional(),
    style: oneOf(
      ['monolith', 'distributed-monolith', 'microservices', 'custom'],
      'The architectural style the document illustrates. Default custom.',
    ).optional(),
    workload: workloadSchema.optional(),
    network: networkSchema.optional(),
    teams: recordOf(
      teamSchema,
      'Teams, by name. Optional: without it, the teams services name are taken as declared.',
    ).optional(),
    libraries: recordOf(librarySchema, 'Shared code and shared models, by name.').optional(),
    datastores: recordOf(datastoreSchema, 'Databases and other stores, by name.').optional(),
    services: recordOf(serviceSchema, 'Deployable processes, by name.'),
    bus: busSchema.optional(),
    events: recordOf(eventSchema, 'Asynchronous events, by name.').optional(),
    endpoints: recordOf(endpointSchema, 'What users call, and the traffic mix, by name.'),
    faults: described(z.array(faultSchema).max(1000), 'Injected failures.').optional(),
    organization: organizationSchema.optional(),
    changes: described(
      z.array(changeSchema).max(1000),
      'What-if changes for the deploy analysis. Default: each library, datastore, event and operation gets a realistic mix (mostly internal, some additive, few breaking); an entry replaces the default for its target.',
    ).optional(),
    blastRadius: blastRadiusSchema.optional(),
  }),
  'A Lockstep topology document (format v1): an architecture to simulate.',
);

/** What the schema accepts, after units are converted (durations in ms, shares in [0, 1]). */
export type RawTopology = z.output<typeof topologySchema>;
