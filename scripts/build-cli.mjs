#!/usr/bin/env node
// Bundles the command line (`simulations/cli/main.ts`) into one file, `OUT_DIR/cli/lockstep.mjs`,
// that runs on plain Node 20 or newer with nothing installed: a team downloads it from the site
// and runs `node lockstep.mjs check my-architecture.yaml --fail-on bad` in its own CI.
//
//   node scripts/build-cli.mjs [--outDir DIR]   (default dist; `npm run build` runs it after Astro)
//
// esbuild comes with Vite, so this needs no dependency of its own. The bundle is minified and has
// no top-level work beyond what the modules do themselves: startup is what a CI step waits for.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(root, 'simulations', 'cli', 'main.ts');

/**
 * Writes the bundle to `outFile` and returns its size in bytes. Throws (with esbuild's located
 * messages) when the bundle cannot be built.
 */
export async function buildCli(outFile) {
  mkdirSync(dirname(outFile), { recursive: true });
  const result = await build({
    entryPoints: [CLI_ENTRY],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node a team's CI is likely to have; the project itself builds on Node 24.
    target: 'node20',
    minify: true,
    // Licences of the bundled packages (yaml, zod) travel with the file, at its end.
    legalComments: 'eof',
    // `yaml` resolves to its CommonJS build under `platform: 'node'`, and that build calls
    // `require('process')`: an ES module has no `require`, so the bundle makes one.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __lockstepRequire } from 'node:module';\nconst require = __lockstepRequire(import.meta.url);",
    },
    logLevel: 'warning',
    // A bundle that runs anywhere must not depend on where it was built.
    sourcemap: false,
    metafile: true,
  });
  // The schema imports zod as `import * as z from 'zod'`, so that the bundler keeps only what it
  // uses. `import { z } from 'zod'` names one object holding all of zod, the messages of every
  // language among them (260 KB of the 450 KB zod brings, parsed at every start): refuse that.
  const kept = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0),
  );
  const locales = kept
    .map(([input]) => input)
    .filter((input) => /[/\\]zod[/\\].*[/\\]locales[/\\](?!en\.js$|index\.js$)/.test(input));
  if (locales.length > 0) {
    throw new Error(
      `the bundle holds zod's messages in other languages (${locales[0]}, ...): import zod as \`import * as z from 'zod'\`, not \`import { z } from 'zod'\``,
    );
  }
  return statSync(outFile).size;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outDir');
  const outDir = resolve(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist');
  const outFile = join(outDir, 'cli', 'lockstep.mjs');
  try {
    const bytes = await buildCli(outFile);
    console.log(`Lockstep: wrote ${outFile} (${(bytes / 1024).toFixed(0)} KB), the one-file CLI`);
  } catch (error) {
    console.error(`build-cli: could not bundle ${CLI_ENTRY}: ${error.message}`);
    process.exit(1);
  }
}
