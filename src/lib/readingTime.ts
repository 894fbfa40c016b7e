/** Words a reader gets through per minute in explanatory prose (a common, slightly slow estimate). */
export const WORDS_PER_MINUTE = 220;

/** Counts words in MDX source, ignoring front matter, import/export lines and code fences. */
export function countWords(source: string): number {
  const body = source
    .replace(/^---\n[\s\S]*?\n---\n?/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ');
  return body.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whole minutes, at least one. */
export function readingMinutes(source: string): number {
  return Math.max(1, Math.round(countWords(source) / WORDS_PER_MINUTE));
}
