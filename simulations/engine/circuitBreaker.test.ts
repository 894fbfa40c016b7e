import { describe, expect, it } from 'vitest';
import type { BreakerPolicy } from '../model/types.ts';
import { CircuitBreaker, REJECTED } from './circuitBreaker.ts';

const policy: BreakerPolicy = {
  failureRate: 0.5,
  window: 4,
  minimumCalls: 2,
  cooldown: 100,
  probes: 1,
};

/** Opens a fresh breaker with two failures at `at`. */
function openedAt(at: number): CircuitBreaker {
  const b = new CircuitBreaker(policy);
  b.record(at, b.admit(at), false);
  b.record(at, b.admit(at), false);
  return b;
}

describe('CircuitBreaker (native)', () => {
  it('records each transition at the moment it happened, the end of a cooldown included', () => {
    const b = openedAt(10);
    // Nothing is asked until long after the cooldown ended at 110.
    expect(b.admit(500)).not.toBe(REJECTED);
    b.record(520, b.generation, false);
    b.record(900, b.admit(900), true);
    expect(b.transitions).toEqual([
      { atMs: 10, from: 'closed', to: 'open' },
      { atMs: 110, from: 'open', to: 'halfOpen' },
      { atMs: 520, from: 'halfOpen', to: 'open' },
      { atMs: 620, from: 'open', to: 'halfOpen' },
      { atMs: 900, from: 'halfOpen', to: 'closed' },
    ]);
  });

  it('accumulates open time, half-open excluded, up to any moment', () => {
    const b = openedAt(10);
    expect(b.openMs(60)).toBe(50);
    expect(b.openMs(1000)).toBe(100); // half-open from 110
    b.record(1000, b.admit(1000), false); // the trial fails: open again
    expect(b.openMs(1050)).toBe(150);
    expect(b.openMs(5000)).toBe(200);
  });

  it('sheds every call while open and all but `probes` while half-open', () => {
    const b = openedAt(0);
    expect(b.admit(50)).toBe(REJECTED);
    expect(b.state(50)).toBe('open');
    expect(b.admit(100)).not.toBe(REJECTED);
    expect(b.admit(100)).toBe(REJECTED);
    expect(b.state(100)).toBe('halfOpen');
  });

  it('rejects time going backwards and nonsense policies, naming the value', () => {
    const b = new CircuitBreaker(policy);
    b.admit(100);
    expect(() => b.admit(99)).toThrow('breaker time went backwards: 99 after 100');
    expect(() => new CircuitBreaker({ ...policy, window: 0 })).toThrow('found 0');
    expect(() => new CircuitBreaker({ ...policy, probes: 1.5 })).toThrow('found 1.5');
    expect(() => new CircuitBreaker({ ...policy, cooldown: Number.NaN })).toThrow('found NaN');
  });
});
