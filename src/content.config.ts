import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { essaySchema } from './content/schema.ts';

/**
 * Essays live at the top of the repo in `content/`, one MDX file each. Files starting with `_`
 * are page fragments (home, about, the figure tour, the authoring guide), not essays.
 */
const essays = defineCollection({
  loader: glob({ pattern: ['**/*.mdx', '!**/_*'], base: './content' }),
  schema: essaySchema,
});

export const collections = { essays };
