/** The essays' sources in `content/` (not the `_` page fragments), read from disk for the tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_DIR = resolve(fileURLToPath(import.meta.url), '../../../content');

export interface ChapterSource {
  /** The file name without `.mdx`: the chapter's slug. */
  readonly slug: string;
  readonly file: string;
  readonly text: string;
}

/** Every chapter (`content/*.mdx` not starting with `_`), by file name. */
export function chapterSources(): ChapterSource[] {
  return readdirSync(CONTENT_DIR)
    .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
    .sort()
    .map((name) => ({
      slug: name.replace(/\.mdx$/, ''),
      file: `content/${name}`,
      text: readFileSync(join(CONTENT_DIR, name), 'utf8'),
    }));
}

/** Every MDX file in `content/`, page fragments included (for checks that apply everywhere). */
export function mdxSources(): ChapterSource[] {
  return readdirSync(CONTENT_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => ({
      slug: name.replace(/\.mdx$/, ''),
      file: `content/${name}`,
      text: readFileSync(join(CONTENT_DIR, name), 'utf8'),
    }));
}
