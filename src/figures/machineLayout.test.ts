import { describe, expect, it } from 'vitest';
import { circuitBreakerMachine } from '../../simulations/machines/circuitBreakerMachine.ts';
import { deployPipelineMachine } from '../../simulations/machines/deployPipelineMachine.ts';
import { layoutMachine, machineGraph } from './machineLayout.ts';

const arrows = (graph: ReturnType<typeof machineGraph>) =>
  graph.transitions.filter((t) => t.to !== null).map((t) => `${t.from} → ${t.to}: ${t.label}`);

describe('machineGraph', () => {
  it('reads the breaker: three states, the guarded trips and the cooldown', () => {
    const graph = machineGraph(circuitBreakerMachine);
    expect(graph.states.map((s) => s.id)).toEqual(['closed', 'open', 'halfOpen']);
    expect(graph.states.find((s) => s.initial)?.id).toBe('closed');
    // closed → open is eventless: after a FAILURE is recorded, the threshold guard trips it.
    expect(arrows(graph)).toEqual([
      'closed → open: [failureRateReached]',
      'open → halfOpen: after cooldown',
      'halfOpen → open: FAILURE [isCurrent]',
      'halfOpen → closed: [allProbesSucceeded]',
    ]);
    expect(graph.states.find((s) => s.id === 'closed')?.handles).toEqual([
      'REQUEST',
      'SUCCESS',
      'FAILURE',
    ]);
    const record = graph.transitions.find((t) => t.from === 'closed' && t.trigger === 'FAILURE');
    expect(record).toMatchObject({ to: null, guard: 'isCurrent', actions: ['recordFailure'] });
  });

  it('reads the deploy pipeline: nine states, three final, delays in words', () => {
    const graph = machineGraph(deployPipelineMachine);
    expect(graph.states.map((s) => s.id)).toEqual([
      'waiting',
      'build',
      'canary',
      'rollout',
      'done',
      'rollback',
      'rolledBack',
      'failed',
      'cancelled',
    ]);
    expect(graph.states.filter((s) => s.final).map((s) => s.id)).toEqual([
      'rolledBack',
      'failed',
      'cancelled',
    ]);
    expect(arrows(graph)).toContain('canary → rollback: CANARY_FAILED');
    expect(arrows(graph)).toContain('canary → rollout: after canary time');
    expect(arrows(graph)).toContain('done → rollback: ABORT');
    expect(graph.transitions.find((t) => t.trigger === 'CANARY_FAILED')?.actions).toEqual([
      'blameCanary',
    ]);
  });
});

describe('layoutMachine', () => {
  it('places every state and merges transitions between the same states into one arrow', async () => {
    const layout = await layoutMachine(machineGraph(deployPipelineMachine));
    expect(layout.states).toHaveLength(9);
    const canaryRollback = layout.arrows.find((a) => a.id === 'canary->rollback');
    expect(canaryRollback?.labels).toEqual(['CANARY_FAILED', 'ABORT']);
    expect(layout.arrows).toHaveLength(11);
    for (const s of layout.states) {
      expect(s.x + s.width).toBeLessThanOrEqual(layout.width);
      expect(s.y + s.height).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.arrows) expect(a.d).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
  });

  it('is deterministic', async () => {
    const graph = machineGraph(circuitBreakerMachine);
    expect(await layoutMachine(graph)).toEqual(await layoutMachine(graph));
  });
});
