import { describe, expect, it } from 'vitest';
import type { CutSweep, LoadSweep } from '../../simulations/scenarios/loadSweep.ts';
import { assembleSweep, sweepShares } from './sweepPool.ts';

/** A cut whose points run from `from` to `to` req/s. */
function cut(label: string, from: number, to: number): CutSweep {
  const point = (load: number) => ({
    load,
    p50: 10,
    p99: 50,
    p50Range: [10, 10] as const,
    p99Range: [50, 50] as const,
    runs: 1,
    availability: 1,
    throughput: load,
    busiest: { kind: 'cores' as const, component: label, utilization: 0.5 },
  });
  return {
    label,
    saturation: {
      load: to,
      probeLoad: from,
      bottleneck: { kind: 'cores', component: label, utilization: 0.1 },
    },
    points: [point(from), point(to)],
  };
}

function part(cuts: CutSweep[]): LoadSweep {
  return { stage: 'refined', requests: 4000, seed: 3, runs: 3, cuts, range: [0, 0] };
}

describe('a load sweep shared over a pool of workers', () => {
  it('gives every cut to exactly one worker, and no worker nothing', () => {
    expect(sweepShares(3, 2)).toEqual([[0, 2], [1]]);
    expect(sweepShares(2, 4)).toEqual([[0], [1]]);
    expect(sweepShares(3, 1)).toEqual([[0, 1, 2]]);
    expect(sweepShares(1, 0)).toEqual([[0]]);
  });

  it('puts the parts back in the figure order, with the range over every cut', () => {
    const a = cut('monolith', 300, 3700);
    const b = cut('distributed-monolith', 160, 2000);
    const c = cut('microservices', 170, 2100);
    const shares = sweepShares(3, 2);
    expect(assembleSweep([part([a, c]), undefined], shares)).toBeUndefined();
    const whole = assembleSweep([part([a, c]), part([b])], shares);
    expect(whole?.cuts.map((x) => x.label)).toEqual([
      'monolith',
      'distributed-monolith',
      'microservices',
    ]);
    expect(whole?.range).toEqual([160, 3700]);
    expect(whole).toMatchObject({ stage: 'refined', requests: 4000, seed: 3, runs: 3 });
  });
});
