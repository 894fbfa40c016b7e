import { describe, expect, it } from 'vitest';
import { deployCoordination } from '../../simulations/analyses/deployCoordination.ts';
import { simulateRelease } from '../../simulations/analyses/releaseSimulation.ts';
import { circuitBreakerMachine } from '../../simulations/machines/circuitBreakerMachine.ts';
import { deployPipelineMachine } from '../../simulations/machines/deployPipelineMachine.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { machineGraph } from './machineLayout.ts';
import {
  breakerScenario,
  breakerTrack,
  checkTrack,
  releaseTracks,
  replayTimes,
  stateAt,
} from './machineReplay.ts';

describe('breakerScenario', () => {
  it('opens in the outage, probes while it lasts, and closes after recovery (seed 1)', () => {
    const { transitions } = breakerScenario({ seed: 1 });
    expect(transitions.map((t) => `${t.atMs} ${t.from}→${t.to}`)).toMatchSnapshot();
    expect(transitions[0]).toMatchObject({ from: 'closed', to: 'open' });
    expect(transitions.at(-1)).toMatchObject({ from: 'halfOpen', to: 'closed' });
    const track = breakerTrack(transitions);
    checkTrack(track, machineGraph(circuitBreakerMachine));
    expect(stateAt(track, 0).state).toBe('closed');
    expect(stateAt(track, transitions[0]?.atMs ?? 0).state).toBe('open');
  });

  it('a healthy dependency never trips the breaker', () => {
    const calm = breakerScenario({ outage: { fromMs: 0, untilMs: 0, failureRate: 0 } });
    expect(calm.transitions).toEqual([]);
  });
});

describe('releaseTracks', () => {
  const parsed = parseTopology(loadPreset('distributed-monolith'), { file: 'dm.yaml' });
  if (!parsed.ok) throw new Error('preset must parse');
  const group = deployCoordination(parsed.model).changes.find((c) => c.target === 'shop-models');
  const services = group?.lockstep ?? [];

  it('follows the deploy machine for every service, released or rolled back', () => {
    const graph = machineGraph(deployPipelineMachine);
    for (const seed of [1, 7]) {
      for (const release of ['per-team', 'one-click'] as const) {
        const tracks = releaseTracks(simulateRelease(parsed.model, { services, seed, release }));
        expect(tracks).toHaveLength(10);
        for (const track of tracks) checkTrack(track, graph);
      }
    }
  });

  it('seed 7: recommendations rolls back after its canary, later teams are cancelled', () => {
    const result = simulateRelease(parsed.model, { services, seed: 7 });
    const tracks = releaseTracks(result);
    const recs = tracks.find((t) => t.name === 'recommendations');
    expect(recs?.steps.map((s) => s.state)).toEqual([
      'waiting',
      'build',
      'canary',
      'rollback',
      'rolledBack',
    ]);
    expect(tracks.find((t) => t.name === 'shipping')?.steps.map((s) => s.state)).toEqual([
      'waiting',
      'cancelled',
    ]);
    const times = replayTimes(tracks);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(result.durationMs);
  });

  it('rejects a replay that jumps where the machine has no arrow', () => {
    const track = {
      name: 'x',
      steps: [
        { atMs: 0, state: 'closed' },
        { atMs: 5, state: 'halfOpen' },
      ],
    };
    expect(() => checkTrack(track, machineGraph(circuitBreakerMachine))).toThrow(
      'circuitBreaker has no transition closed → halfOpen',
    );
  });
});
