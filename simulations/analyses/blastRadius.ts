/**
 * Static blast radius: from the graph alone, the share of user traffic whose endpoint cannot
 * succeed without a component. It is an upper bound on what an outage costs; the simulated blast
 * radius (`simulatedBlastRadius.ts`) measures what retries, fallbacks and timing actually leave.
 */
import type { Model } from '../model/types.ts';
import { hardDependencies, sorted, usesBus } from './graph.ts';
import type { BlastRadius, BlastRadiusEntry } from './types.ts';

/** The component name under which the event bus is reported. */
export const BUS = 'bus';

/** Every component's static blast radius: services, datastores and (when used) the bus. */
export function staticBlastRadius(model: Model): BlastRadius {
  const memo = new Map<string, ReadonlySet<string>>();
  const dependents = new Map<string, string[]>();
  for (const name of components(model)) dependents.set(name, []);
  for (const endpoint of Object.values(model.endpoints)) {
    for (const dep of hardDependencies(model, endpoint.service, endpoint.operation, memo)) {
      dependents.get(dep)?.push(endpoint.name);
    }
  }
  const result: Record<string, BlastRadiusEntry> = {};
  for (const [name, endpoints] of dependents) {
    const share = endpoints.reduce((sum, e) => sum + (model.endpoints[e]?.weight ?? 0), 0);
    result[name] = { endpoints: sorted(endpoints), share: roundShare(share) };
  }
  return result;
}

/** Names of the components a blast radius is reported for, in document order. */
export function components(model: Model): string[] {
  const names = [...Object.keys(model.services), ...Object.keys(model.datastores)];
  if (usesBus(model)) names.push(BUS);
  return names;
}

/** Weights are normalised floats; rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004. */
export function roundShare(share: number): number {
  return Math.round(share * 1e9) / 1e9;
}
