import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retryBudget.ts';

/** Float slack for comparing against budget × first attempts (the bucket itself is exact). */
const EPS = 1e-6;

/** A first attempt, then up to `retries` retries of it (as a failing call would ask for). */
interface Call {
  readonly retries: number;
}

const budgetArbitrary = fc.oneof(
  fc.constantFrom(0, 0.01, 0.05, 0.1, 0.2, 0.25, 0.29, 1 / 3, 0.5, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const callsArbitrary = fc.array(
  fc.record({ retries: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })) }),
  { maxLength: 400 },
);

/** Runs the calls, checking `check` after every step. */
function drive(budget: RetryBudget, calls: readonly Call[], check: (denied: boolean) => void) {
  for (const call of calls) {
    budget.recordFirstAttempt();
    check(false);
    for (let k = 0; k < call.retries; k++) {
      const allowed = budget.tryRetry();
      check(!allowed);
      if (!allowed) break;
    }
  }
}

describe('RetryBudget', () => {
  it('ten first attempts at 10% earn exactly one retry (exact token arithmetic)', () => {
    const b = new RetryBudget({ budget: 0.1 });
    for (let i = 0; i < 9; i++) b.recordFirstAttempt();
    expect(b.tryRetry()).toBe(false);
    b.recordFirstAttempt();
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(false);
    expect([b.firstAttempts, b.retries, b.denied]).toEqual([10, 1, 2]);
  });

  it('never lets retries exceed budget × first attempts + initial tokens (so ≤ 1 token over)', () => {
    fc.assert(
      fc.property(
        budgetArbitrary,
        fc.constantFrom(0, 1),
        fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        callsArbitrary,
        (share, initialTokens, maxTokens, calls) => {
          const b = new RetryBudget({ budget: share, initialTokens, maxTokens });
          drive(b, calls, () => {
            expect(b.retries).toBeLessThanOrEqual(share * b.firstAttempts + initialTokens + EPS);
            expect(b.retries).toBeLessThanOrEqual(share * b.firstAttempts + 1 + EPS);
          });
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('is not stingy: without a cap, a retry is refused only when the budget is spent', () => {
    fc.assert(
      fc.property(budgetArbitrary, fc.constantFrom(0, 1), callsArbitrary, (share, init, calls) => {
        const b = new RetryBudget({ budget: share, initialTokens: init, maxTokens: Infinity });
        drive(b, calls, (denied) => {
          // Deposits are rounded down to millionths: up to 10⁻⁶ token short per first attempt.
          const earned = share * b.firstAttempts + init - 1e-6 * b.firstAttempts - EPS;
          if (denied) expect(b.retries + 1).toBeGreaterThan(earned);
        });
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('caps the reserve: after a long healthy stretch an outage gets only maxTokens at once', () => {
    const b = new RetryBudget({ budget: 0.1 }); // default cap 10 tokens
    for (let i = 0; i < 10_000; i++) b.recordFirstAttempt();
    let burst = 0;
    while (b.tryRetry()) burst++;
    expect(burst).toBe(10);
    expect(b.tokens).toBe(0);
  });

  it('a zero budget never retries', () => {
    const b = new RetryBudget({ budget: 0 });
    for (let i = 0; i < 1000; i++) b.recordFirstAttempt();
    expect(b.tryRetry()).toBe(false);
  });

  it('rejects nonsense options, naming the value', () => {
    expect(() => new RetryBudget({ budget: 1.5 })).toThrow('found 1.5');
    expect(() => new RetryBudget({ budget: Number.NaN })).toThrow('found NaN');
    expect(() => new RetryBudget({ budget: 0.1, maxTokens: 0.5 })).toThrow('found 0.5');
    expect(() => new RetryBudget({ budget: 0.1, initialTokens: -1 })).toThrow('found -1');
  });
});
