import { describe, expect, it } from 'vitest';
import { describeChange, diffDocuments } from './documentDiff.ts';

const A = `name: Shop
services:
  web:
    replicas: 2
    operations:
      home:
        work: 1ms
        steps:
          - call: orders.list
  orders:
    operations:
      list: { work: 2ms }
endpoints:
  home: { operation: web.home }
`;

describe('document diff', () => {
  it('lists a changed value, an added section and a removed step', () => {
    const B = `# a comment is not a change
name: Shop
services:
  web:
    replicas: 3
    operations:
      home:
        work: 1ms
  orders:
    operations:
      list: { work: 2ms }
datastores:
  db: { owner: orders }
endpoints:
  home: { operation: web.home }
`;
    const result = diffDocuments(A, B);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes.map(describeChange)).toEqual([
      'added datastores (1 field)',
      'removed services.web.operations.home.steps (was a list of 1)',
      'services.web.replicas: 2 → 3',
    ]);
  });

  it('finds no change when only comments, order and formatting differ', () => {
    const reordered = `endpoints: { home: { operation: web.home } }
# reordered
services:
  orders: { operations: { list: { work: 2ms } } }
  web:
    operations:
      home: { work: 1ms, steps: [ { call: orders.list } ] }
    replicas: 2
name: Shop
`;
    const result = diffDocuments(A, reordered);
    expect(result).toEqual({ ok: true, changes: [], more: 0 });
  });

  it('says when a side is not readable', () => {
    const result = diffDocuments(A, 'services: [\n');
    expect(result).toEqual({
      ok: false,
      message: 'Design B is not readable YAML, so the two cannot be compared yet.',
    });
  });
});
