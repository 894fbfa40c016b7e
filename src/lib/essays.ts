import { type CollectionEntry, getCollection } from 'astro:content';
import { readingMinutes } from './readingTime.ts';

export type Essay = CollectionEntry<'essays'>;

export interface EssaySummary {
  readonly entry: Essay;
  readonly minutes: number;
}

/** Published essays in reading order (drafts only in development), each with its reading time. */
export async function listEssays(): Promise<EssaySummary[]> {
  const entries = await getCollection('essays', ({ data }) => import.meta.env.DEV || !data.draft);
  return entries
    .sort((a, b) => a.data.order - b.data.order)
    .map((entry) => ({
      entry,
      minutes: entry.data.readingMinutes ?? readingMinutes(entry.body ?? ''),
    }));
}
