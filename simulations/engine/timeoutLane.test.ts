import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { buildModel } from './testing/buildModel.ts';

describe('timeout lanes', () => {
  it('a timeout whose owner at once sets another in the same lane fires each exactly once', () => {
    // Every attempt hangs; each timeout retries at once (no backoff), so the retry's timeout
    // joins the lane while the lane is firing. Three attempts of 10 ms each: every request fails
    // after 30 ms, and the run ends (a lane in the heap twice used to fire on an empty lane).
    const report = simulateSync(
      buildModel({
        workload: { rate: 100, requests: 200, arrivals: 'constant' },
        services: {
          a: {
            operations: {
              x: {
                steps: [{ call: 'b.y', timeout: 10, retry: { attempts: 3, backoff: 'none' } }],
              },
            },
          },
          b: { operations: { y: { work: 1 } } },
        },
        endpoints: { x: { operation: 'a.x' } },
        faults: [{ target: 'b', kind: 'hang' }],
      }),
    );
    expect(report.overall.failed).toBe(200);
    expect(report.services.b?.timeouts).toBe(600);
    expect(report.services.b?.attempts).toBe(600);
  });
});
