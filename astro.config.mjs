// @ts-check

import { fileURLToPath } from 'node:url';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { generateSW } from 'workbox-build';
import { rehypeHeadingAnchors } from './src/lib/rehypeHeadingAnchors.mjs';

/**
 * BASE_PATH lets the same build serve from a sub-folder of a static host
 * (e.g. `BASE_PATH=/lockstep/ npm run build`). Links go through `src/lib/paths.ts`.
 */
const base = process.env.BASE_PATH ?? '/';

/**
 * Offline: after the build, Workbox writes `sw.js` into the output, precaching every page,
 * script (the engine worker included), style, font and image the build holds, so talk mode and
 * every figure work with the network off after one visit. Each file's revision is its content
 * hash, so a new build replaces exactly what changed; `cleanupOutdatedCaches` drops caches of
 * older Workbox versions. (`@vite-pwa/astro` does not support Astro 7, hence the hook.)
 * Registration lives in `src/components/talk/offline.ts`, and only production pages do it.
 */
/** @returns {import('astro').AstroIntegration} */
function offline() {
  return {
    name: 'lockstep-offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: out,
          globPatterns: [
            '**/*.{html,js,mjs,css,svg,png,webp,ico,woff2,json,webmanifest,txt,xml,yaml,wasm,ttf}',
          ],
          swDest: `${out}/sw.js`,
          cacheId: 'lockstep',
          cleanupOutdatedCaches: true,
          // The sandbox's editor is large; "the whole site" includes it.
          maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
          // URLs stay relative to the worker's own location, so a BASE_PATH build works as it is.
          // Astro's hashed assets never change under one name: no cache-busting query needed.
          dontCacheBustURLsMatching: /^_astro\//,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(
          `service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(1)} MB)`,
        );
      },
    },
  };
}

export default defineConfig({
  base,
  trailingSlash: 'ignore',
  integrations: [mdx(), svelte(), offline()],
  markdown: {
    // The unified (remark/rehype) processor, because Sätteri runs no rehype plugins. Ids first
    // (Astro would otherwise add them after user plugins), then the visible "#" links. MDX
    // inherits this processor.
    processor: unified({ rehypePlugins: [rehypeHeadingIds, rehypeHeadingAnchors] }),
  },
  server: { host: '127.0.0.1', port: 4321 },
  // No page may request anything from another origin, so nothing here points outside.
  devToolbar: { enabled: false },
  vite: {
    resolve: {
      // monaco-yaml's worker imports `monaco-editor/esm/vs/editor/editor.worker.js`, a path that
      // monaco-editor's `exports` map (0.56 on) serves as `monaco-editor/editor/editor.worker.js`
      // (microsoft/monaco-editor#5082): point the old spelling at the new one.
      alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: 'monaco-editor/' }],
    },
  },
});
