import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { StepClock } from '../analyses/stepClock.ts';
import {
  type DeployPipelineInput,
  type DeployPipelineState,
  deployPipelineMachine,
} from './deployPipelineMachine.ts';

const input: DeployPipelineInput = {
  service: 'orders',
  durations: { build: 100, canary: 200, rollout: 300, rollback: 50 },
};

function start() {
  const clock = new StepClock();
  const actor = createActor(deployPipelineMachine, { input, clock });
  actor.start();
  return { clock, actor };
}

const ALL_STATES: readonly DeployPipelineState[] = [
  'waiting',
  'build',
  'canary',
  'rollout',
  'done',
  'rollback',
  'rolledBack',
  'failed',
  'cancelled',
];

describe('deployPipelineMachine', () => {
  it('waits for START, then builds, canaries and rolls out on the clock', () => {
    const { clock, actor } = start();
    expect(actor.getSnapshot().value).toBe('waiting');
    clock.advanceBy(1000);
    expect(actor.getSnapshot().value).toBe('waiting');
    actor.send({ type: 'START' });
    const seen: [number, unknown][] = [];
    actor.subscribe((s) => seen.push([clock.now, s.value]));
    while (clock.step()) {}
    expect(seen).toEqual([
      [1100, 'canary'],
      [1300, 'rollout'],
      [1600, 'done'],
    ]);
    expect(actor.getSnapshot().context.rollbackCause).toBeNull();
  });

  it('rolls back after a canary alarm and ends rolled back', () => {
    const { clock, actor } = start();
    actor.send({ type: 'START' });
    clock.advanceBy(150);
    actor.send({ type: 'CANARY_FAILED' });
    expect(actor.getSnapshot().value).toBe('rollback');
    expect(actor.getSnapshot().context.rollbackCause).toBe('canary');
    clock.advanceBy(49);
    expect(actor.getSnapshot().value).toBe('rollback');
    clock.advanceBy(1);
    expect(actor.getSnapshot().value).toBe('rolledBack');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('cancels the canary timer when rolling back, so rollout never starts', () => {
    const { clock, actor } = start();
    actor.send({ type: 'START' });
    clock.advanceBy(150);
    actor.send({ type: 'CANARY_FAILED' });
    actor.send({ type: 'ROLLBACK_FAILED' });
    expect(clock.nextDue()).toBeUndefined();
    expect(actor.getSnapshot().value).toBe('failed');
  });

  it('an abort cancels a service still building, and rolls back one already done', () => {
    const building = start();
    building.actor.send({ type: 'START' });
    building.actor.send({ type: 'ABORT' });
    expect(building.actor.getSnapshot().value).toBe('cancelled');

    const finished = start();
    finished.actor.send({ type: 'START' });
    while (finished.clock.step()) {}
    expect(finished.actor.getSnapshot().value).toBe('done');
    finished.actor.send({ type: 'ABORT' });
    expect(finished.actor.getSnapshot().value).toBe('rollback');
    expect(finished.actor.getSnapshot().context.rollbackCause).toBe('aborted');
  });

  it('reaches every state by a shortest path', () => {
    const paths = getShortestPaths(deployPipelineMachine, { input });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });

  it('every simple path replays on a real actor to the state it predicts', () => {
    const paths = getSimplePaths(deployPipelineMachine, { input });
    expect(paths.length).toBeGreaterThan(ALL_STATES.length);
    for (const path of paths) {
      const { clock, actor } = start();
      for (const { event } of path.steps.slice(1)) {
        // Delayed transitions are the clock's to fire: run to the next timer instead of sending.
        if (event.type.startsWith('xstate.after.')) clock.step();
        else actor.send(event as Parameters<typeof actor.send>[0]);
      }
      expect(actor.getSnapshot().value).toBe(path.state.value);
    }
  });
});
