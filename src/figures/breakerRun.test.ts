import { describe, expect, it } from 'vitest';
import { circuitBreakerMachine } from '../../simulations/machines/circuitBreakerMachine.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import {
  breakerStripPlot,
  breakerTracks,
  busiestTrack,
  describeBreakers,
  requestsPlot,
  stateBands,
} from './breakerRun.ts';
import { machineGraph } from './machineLayout.ts';
import { checkTrack } from './machineReplay.ts';

function stormWithBreakers() {
  const parsed = parseTopology(loadPreset('retry-storm'), { file: 'retry-storm.yaml' });
  if (!parsed.ok) throw new Error('retry-storm does not parse');
  const model = applyControls(parsed.model, [{ control: 'breaker', value: true }]);
  return { model, report: simulateSync(model, { seed: 1, requests: 14_000 }) };
}

describe('the breaker run', () => {
  const { model, report } = stormWithBreakers();

  it('shows every breaker open during the trigger and closed again after it', () => {
    const bands = stateBands(report);
    for (const name of ['front → mid', 'mid → back']) {
      const own = bands.filter((b) => b.breaker === name);
      expect(own[0]).toMatchObject({ state: 'closed', from: 0 });
      const open = own.find((b) => b.state === 'open');
      // The trigger is from 10 s to 12 s: the breaker opens inside it.
      expect(open?.from).toBeGreaterThan(10);
      expect(open?.from).toBeLessThan(12);
      expect(own.at(-1)?.state).toBe('closed');
      expect(own.at(-1)?.to).toBeCloseTo(report.simulatedMs / 1000);
    }
  });

  it('replays only transitions the XState machine has', () => {
    const graph = machineGraph(circuitBreakerMachine);
    const tracks = breakerTracks(report);
    expect(tracks).toHaveLength(2);
    for (const track of tracks) expect(() => checkTrack(track, graph)).not.toThrow();
    expect(busiestTrack(tracks)).toBe('front → mid');
  });

  it('says what each breaker did, in words', () => {
    expect(describeBreakers(report)).toMatch(
      /^front → mid opened once, open 2\.0 s in all, and shed [\d,]+ calls; mid → back opened once/,
    );
    const none = simulateSync(applyControls(model, [{ control: 'breaker', value: false }]), {
      seed: 1,
      requests: 500,
    });
    expect(describeBreakers(none)).toBe('No call in this run has a breaker.');
  });

  it('puts the requests and the breaker strip on one time axis', () => {
    const requests = requestsPlot(report, model.faults, { width: 600 });
    const strip = breakerStripPlot(report, { width: 600 });
    if (!requests) throw new Error('the run has no timeline');
    expect(requests.marginLeft).toBe(strip.marginLeft);
    const domain = (options: { x?: unknown }) => (options.x as { domain: number[] }).domain;
    expect(domain(requests)).toEqual(domain(strip));
  });
});
