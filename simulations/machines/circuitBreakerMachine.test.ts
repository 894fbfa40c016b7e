import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { StepClock } from '../analyses/stepClock.ts';
import type { BreakerPolicy } from '../model/types.ts';
import { circuitBreakerMachine } from './circuitBreakerMachine.ts';

const policy: BreakerPolicy = {
  failureRate: 0.5,
  window: 4,
  minimumCalls: 2,
  cooldown: 100,
  probes: 2,
};

function start(p: BreakerPolicy = policy) {
  const clock = new StepClock();
  const actor = createActor(circuitBreakerMachine, { input: { policy: p }, clock });
  actor.start();
  /** Sends REQUEST and returns the ticket (−1 when rejected). */
  const request = (): number => {
    actor.send({ type: 'REQUEST' });
    return actor.getSnapshot().context.lastTicket;
  };
  const succeed = (ticket: number) => actor.send({ type: 'SUCCESS', ticket });
  const fail = (ticket: number) => actor.send({ type: 'FAILURE', ticket });
  const state = () => actor.getSnapshot().value;
  return { clock, actor, request, succeed, fail, state };
}

describe('circuitBreakerMachine', () => {
  it('stays closed below minimumCalls, then opens when the failure rate is reached', () => {
    const b = start();
    b.fail(b.request());
    expect(b.state()).toBe('closed'); // 1 call < minimumCalls 2
    b.succeed(b.request());
    expect(b.state()).toBe('open'); // 1 of 2 failed = 50%
    expect(b.request()).toBe(-1);
    expect(b.actor.getSnapshot().context.lastDecision).toBe('reject');
  });

  it('slides the window: only the last `window` results count', () => {
    const b = start({ ...policy, minimumCalls: 4 });
    for (const ok of [false, true, true, true]) {
      const t = b.request();
      if (ok) b.succeed(t);
      else b.fail(t);
    }
    expect(b.state()).toBe('closed'); // F S S S: 25%
    b.fail(b.request()); // S S S F: the first failure slid out
    expect(b.state()).toBe('closed');
    b.fail(b.request()); // S S F F: 50%
    expect(b.state()).toBe('open');
  });

  it('turns half-open after the cooldown and lets exactly `probes` trials through', () => {
    const b = start();
    b.fail(b.request());
    b.fail(b.request());
    b.clock.advanceBy(99);
    expect(b.state()).toBe('open');
    b.clock.advanceBy(1);
    expect(b.state()).toBe('halfOpen');
    const first = b.request();
    const second = b.request();
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBe(first);
    expect(b.request()).toBe(-1);
    b.succeed(first);
    expect(b.state()).toBe('halfOpen');
    b.succeed(second);
    expect(b.state()).toBe('closed');
    expect(b.actor.getSnapshot().context.outcomes).toEqual([]);
  });

  it('reopens for a fresh cooldown when a trial fails', () => {
    const b = start();
    b.fail(b.request());
    b.fail(b.request());
    b.clock.advanceBy(100);
    b.fail(b.request());
    expect(b.state()).toBe('open');
    b.clock.advanceBy(99);
    expect(b.state()).toBe('open');
    b.clock.advanceBy(1);
    expect(b.state()).toBe('halfOpen');
  });

  it('ignores results of calls admitted before the last transition', () => {
    const b = start();
    const slow = b.request(); // admitted while closed, answers late
    b.fail(b.request());
    b.fail(b.request());
    expect(b.state()).toBe('open');
    b.succeed(slow); // while open: ignored
    b.clock.advanceBy(100);
    b.succeed(slow); // while half-open: not a trial
    expect(b.actor.getSnapshot().context.probeSuccesses).toBe(0);
    b.fail(slow); // a stale failure does not reopen it either
    expect(b.state()).toBe('halfOpen');
    const t1 = b.request();
    const t2 = b.request();
    b.succeed(t1);
    b.succeed(t2);
    expect(b.state()).toBe('closed');
    b.fail(slow); // nor does it enter the new closed phase's window
    expect(b.actor.getSnapshot().context.outcomes).toEqual([]);
  });

  it('caps minimumCalls at the window, so a small window can still open', () => {
    const b = start({ ...policy, window: 2, minimumCalls: 10 });
    b.fail(b.request());
    b.fail(b.request());
    expect(b.state()).toBe('open');
  });

  it('never opens on a window without failures, even at failureRate 0', () => {
    const b = start({ ...policy, failureRate: 0 });
    for (let i = 0; i < 10; i++) b.succeed(b.request());
    expect(b.state()).toBe('closed');
    b.fail(b.request());
    expect(b.state()).toBe('open');
  });
});
