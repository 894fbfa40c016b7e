import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { essaySchema } from './content/schema.ts';

/** Essays live at the top of the repo in `content/`, one MDX file each. */
const essays = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content' }),
  schema: essaySchema,
});

export const collections = { essays };
