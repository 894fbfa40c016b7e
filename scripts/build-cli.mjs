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
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(root, 'simulations', 'cli', 'main.ts');
const require = createRequire(import.meta.url);

/**
 * `yaml`'s warnings as its Node build gives them: through `process.emitWarning`, where its
 * browser build calls `console.warn`. The bundle then prints what the npm scripts print.
 */
const yamlNodeLog = {
  name: 'yaml-node-log',
  setup(build) {
    build.onLoad({ filter: /[/\\]yaml[/\\]browser[/\\]dist[/\\]log\.js$/ }, () => ({
      loader: 'js',
      // The global `process`, not an import of `node:process`, whose module facade costs a
      // millisecond or two at start on Node 20.
      contents: `export function debug(logLevel, ...messages) {
  if (logLevel === 'debug') console.log(...messages);
}
export function warn(logLevel, warning) {
  if (logLevel === 'debug' || logLevel === 'warn') {
    if (typeof process.emitWarning === 'function') process.emitWarning(warning);
    else console.warn(warning);
  }
}
`,
    }));
  },
};

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
    // `yaml` resolves to its CommonJS build under `platform: 'node'`: 110 KB of wrapped modules
    // that all run at start, although most documents never reach `yaml` (`plainYaml.ts` reads
    // them). Its ES module build (the package's `default` export) is the same code, and the
    // bundler drops what is unused and runs no wrappers: about 8 ms less CPU at every start on
    // Node 20. The two builds differ in how they warn; `yamlNodeLog` gives back the Node one.
    alias: { yaml: join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js') },
    plugins: [yamlNodeLog],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
    // A bundle that runs anywhere must not depend on where it was built.
    sourcemap: false,
    metafile: true,
  });
  // The schema imports zod as `import * as z from 'zod/mini'`, so that the bundler keeps only what
  // it uses. `import { z } from 'zod'` names one object holding all of zod, the messages of every
  // language among them (260 KB of the 450 KB zod brings, parsed at every start): refuse that.
  const kept = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0),
  );
  const locales = kept
    .map(([input]) => input)
    .filter((input) => /[/\\]zod[/\\].*[/\\]locales[/\\](?!en\.js$|index\.js$)/.test(input));
  if (locales.length > 0) {
    throw new Error(
      `the bundle holds zod's messages in other languages (${locales[0]}, ...): import zod as \`import * as z from 'zod/mini'\`, not \`import { z } from 'zod'\``,
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
