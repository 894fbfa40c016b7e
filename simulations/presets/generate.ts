/**
 * Writes `texts.ts` from the preset YAML files, so presets load the same way in Node, in a Web
 * Worker and in any bundler (no `?raw` imports, no file system at run time). The YAML files stay
 * the source; `presets.test.ts` fails when `texts.ts` is stale.
 *
 *   node simulations/presets/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPresetTexts } from './renderTexts.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = ['monolith', 'distributed-monolith', 'microservices', 'retry-storm'];
const texts = Object.fromEntries(
  files.map((name) => [name, readFileSync(join(here, `${name}.yaml`), 'utf8')]),
);
writeFileSync(join(here, 'texts.ts'), renderPresetTexts(texts));
console.log(`wrote ${join(here, 'texts.ts')} (${files.join(', ')})`);
