/**
 * The JSON Schema of a topology document, generated from the zod schema, for editors
 * (completion, hover documentation). It describes what authors write (the input side), so
 * durations and shares appear as "number or string with a unit".
 */
import * as z from 'zod/mini';
import { topologySchema } from './schema.ts';

/** Deterministic JSON Schema text (2-space indent, trailing newline). */
export function topologyJsonSchema(): string {
  const schema = z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12' });
  const withId = {
    $schema: schema.$schema,
    $id: 'https://lockstep.dev/schemas/topology-v1.json',
    title: 'Lockstep topology (format v1)',
    ...schema,
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
