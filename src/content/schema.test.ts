import { describe, expect, it } from 'vitest';
import { essaySchema } from './schema.ts';

describe('essay front matter', () => {
  it('accepts a complete essay and fills the defaults', () => {
    const parsed = essaySchema.parse({
      title: 'What is a distributed monolith?',
      summary: 'Services that must change and ship together.',
      order: 1,
    });
    expect(parsed).toMatchObject({ sources: [], draft: false });
  });

  it('names each bad field, so the build error points at it', () => {
    const result = essaySchema.safeParse({
      title: '',
      summary: 'short',
      order: 'first',
      sources: [{ title: 'A talk', url: 'not a url' }],
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(fields).toEqual(['order', 'sources.0.url', 'summary', 'title']);
  });
});
