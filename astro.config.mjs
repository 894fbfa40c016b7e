// @ts-check
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { rehypeHeadingAnchors } from './src/lib/rehypeHeadingAnchors.mjs';

/**
 * BASE_PATH lets the same build serve from a sub-folder of a static host
 * (e.g. `BASE_PATH=/lockstep/ npm run build`). Links go through `src/lib/paths.ts`.
 */
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'ignore',
  integrations: [mdx(), svelte()],
  markdown: {
    // The unified (remark/rehype) processor, because Sätteri runs no rehype plugins. Ids first
    // (Astro would otherwise add them after user plugins), then the visible "#" links. MDX
    // inherits this processor.
    processor: unified({ rehypePlugins: [rehypeHeadingIds, rehypeHeadingAnchors] }),
  },
  server: { host: '127.0.0.1', port: 4321 },
  // No page may request anything from another origin, so nothing here points outside.
  devToolbar: { enabled: false },
});
