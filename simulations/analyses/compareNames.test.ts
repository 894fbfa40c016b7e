import { describe, expect, it } from 'vitest';
import { Random } from '../engine/prng.ts';
import { compareNames } from './compareNames.ts';

// Strings of the characters names are made of, with the ones `localeCompare` orders specially
// (case, `_`, `-`, `.`), plus a few it must hand back to the collator (space, `é`).
const ALPHABET = 'aAbBzZ09_-. é';

function randomName(random: Random): string {
  let s = '';
  const length = 1 + Math.floor(random.uniform() * 5);
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(random.uniform() * ALPHABET.length)];
  return s;
}

describe('compareNames', () => {
  it('orders every pair of strings as localeCompare does', () => {
    const random = new Random(7);
    for (let k = 0; k < 20_000; k++) {
      const a = randomName(random);
      const b = randomName(random);
      expect([a, b, Math.sign(compareNames(a, b))]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
    }
  });

  it('sorts names of services and targets as localeCompare does', () => {
    const names = [
      'orders',
      'order-db',
      'Orders',
      'order_db',
      'api.get',
      'api-gw',
      'api',
      'a1',
      'a_1',
    ];
    expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
