/**
 * Writes the three shop presets from the shop's one description (`shop/`), then `texts.ts` from
 * every preset YAML file, so presets load the same way in Node, in a Web Worker and in any bundler
 * (no `?raw` imports, no file system at run time). `retry-storm.yaml` is written by hand.
 * `presets.test.ts` fails when a file is stale.
 *
 *   npm run presets
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPresetTexts } from './renderTexts.ts';
import { CUTS, shopYaml } from './shop/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
for (const cut of CUTS) {
  writeFileSync(join(here, `${cut.name}.yaml`), shopYaml({ cut: cut.name }));
}
const files = [
  ...CUTS.map((c) => c.name),
  'retry-storm',
  'order-orchestrated',
  'order-choreographed',
  'order-duplicates',
  'retry-layers',
  'double-charge',
  'double-charge-keyed',
  'let-it-crash',
];
const texts = Object.fromEntries(
  files.map((name) => [name, readFileSync(join(here, `${name}.yaml`), 'utf8')]),
);
writeFileSync(join(here, 'texts.ts'), renderPresetTexts(texts));
console.log(`wrote ${files.map((f) => `${f}.yaml`).join(', ')} and texts.ts`);
