import { z } from 'astro/zod';

/** A source the essay draws on; shown in the "Sources" list at the end of the essay. */
export const sourceSchema = z.object({
  /** Title as the source gives it. */
  title: z.string().min(1),
  /** Author or organisation. */
  author: z.string().min(1).optional(),
  /** Where a reader can find it; optional because some sources are talks without a stable link. */
  url: z.url().optional(),
  /** One line on what the essay takes from it. */
  note: z.string().optional(),
});

/** Front matter of an essay in `content/`. A bad value fails the build naming file and field. */
export const essaySchema = z.object({
  /** Shown as the page's heading and in the essay list. */
  title: z.string().min(1),
  /** One or two sentences for the home page and the page's meta description. */
  summary: z.string().min(20).max(300),
  /** Position in the reading order, 1 first. */
  order: z.number().int().positive(),
  /** Declared reading time; when absent it is computed from the word count. */
  readingMinutes: z.number().int().positive().optional(),
  sources: z.array(sourceSchema).default([]),
  /** Drafts build in development only and never appear in the essay list. */
  draft: z.boolean().default(false),
});

export type EssayFrontmatter = z.infer<typeof essaySchema>;
export type Source = z.infer<typeof sourceSchema>;
