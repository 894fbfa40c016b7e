import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './didYouMean.ts';

describe('closest', () => {
  it('suggests typos, transpositions, case slips and abbreviations', () => {
    expect(closest('orders.creat', ['orders.create', 'orders.list'])).toBe('orders.create');
    expect(closest('tiems', ['times', 'optional'])).toBe('times');
    expect(closest('Gateway', ['gateway'])).toBe('gateway');
    expect(closest('expo', ['constant', 'exponential'])).toBe('exponential');
  });

  it('stays silent when nothing is close', () => {
    expect(closest('banana', ['orders', 'gateway'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('measures edit distance with transpositions', () => {
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
