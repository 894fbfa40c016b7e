/**
 * `npm run schema`: writes `topology.schema.json` next to this file from the zod schema.
 * The test `jsonSchema.test.ts` fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topologyJsonSchema } from './jsonSchema.ts';

const target = fileURLToPath(new URL('./topology.schema.json', import.meta.url));
writeFileSync(target, topologyJsonSchema());
console.log(`wrote ${target}`);
