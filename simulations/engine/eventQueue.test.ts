import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type Process } from './eventQueue.ts';

const target: Process = { fire: () => true };

describe('EventQueue', () => {
  it('pops by time, and simultaneous events in the order they were scheduled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 3000 }),
        (ops) => {
          // A reference: a list sorted by (time, sequence); interleave pushes and pops.
          const q = new EventQueue(4);
          const reference: [number, number][] = [];
          let seq = 0;
          for (const [time, pop] of ops) {
            if (pop && reference.length > 0) {
              reference.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
              const [t, s] = reference.shift() as [number, number];
              q.pop();
              expect([q.time, q.arg]).toEqual([t, s]);
            } else {
              q.push(time, target, 0, seq);
              reference.push([time, seq++]);
            }
          }
          expect(q.size).toBe(reference.length);
        },
      ),
    );
  });
});
