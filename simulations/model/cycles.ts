/**
 * Synchronous call cycles. A call waits for its callee, so `a.x → b.y → a.x` never finishes
 * (in a simulator: infinite recursion). Publishing is asynchronous and may loop; it is not an edge.
 */
import type { StepRef } from './references.ts';

/** One cycle: operation names from the first back to itself, and the call step closing it. */
export interface CallCycle {
  readonly names: readonly string[];
  readonly step: StepRef;
}

/** Every distinct elementary cycle found by depth-first search (each reported once). */
export function findCallCycles(
  steps: readonly StepRef[],
  operations: ReadonlyMap<string, readonly string[]>,
): CallCycle[] {
  const exists = (ref: string) => {
    const dot = ref.indexOf('.');
    return operations.get(ref.slice(0, dot))?.includes(ref.slice(dot + 1)) ?? false;
  };
  const edges = new Map<string, StepRef[]>();
  for (const step of steps) {
    if (step.kind !== 'call' || !exists(step.target)) continue;
    const list = edges.get(step.owner) ?? [];
    list.push(step);
    edges.set(step.owner, list);
  }
  const cycles: CallCycle[] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  // Iterative DFS: the document may chain thousands of operations.
  for (const start of [...edges.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    const onPath: string[] = [start];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const out = edges.get(frame.node) ?? [];
      const step = out[frame.next++];
      if (!step) {
        state.set(frame.node, 'done');
        stack.pop();
        onPath.pop();
        continue;
      }
      const target = step.target;
      const mark = state.get(target);
      if (mark === 'active') {
        const names = [...onPath.slice(onPath.indexOf(target)), target];
        const key = [...new Set(names)].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push({ names, step });
        }
      } else if (mark === undefined) {
        state.set(target, 'active');
        stack.push({ node: target, next: 0 });
        onPath.push(target);
      }
    }
  }
  return cycles;
}
