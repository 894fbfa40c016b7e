import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { topologyJsonSchema } from './jsonSchema.ts';

const onDisk = readFileSync(new URL('./topology.schema.json', import.meta.url), 'utf8');

/** Every `properties` entry in the schema, with its JSON pointer. */
function properties(node: unknown, pointer = '#'): Array<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return [];
  const out: Array<[string, Record<string, unknown>]> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, property] of Object.entries(value)) {
        out.push([`${pointer}/properties/${name}`, property as Record<string, unknown>]);
      }
    }
    out.push(...properties(value, `${pointer}/${key}`));
  }
  return out;
}

describe('topology.schema.json', () => {
  it('is up to date with the zod schema (run npm run schema)', () => {
    expect(onDisk).toBe(topologyJsonSchema());
  });

  it('documents every property, for editor hover docs', () => {
    const schema: unknown = JSON.parse(onDisk);
    const defs = (schema as { $defs?: Record<string, { description?: string }> }).$defs ?? {};
    const all = properties(schema);
    expect(all.length).toBeGreaterThan(100);
    const undocumented = all
      .filter(([, property]) => {
        if (typeof property.description === 'string' && property.description.length > 0)
          return false;
        const ref = typeof property.$ref === 'string' ? property.$ref.replace('#/$defs/', '') : '';
        return !defs[ref]?.description;
      })
      .map(([pointer]) => pointer);
    expect(undocumented).toEqual([]);
  });
});
