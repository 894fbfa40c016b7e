/**
 * The report composed with the analyses: the simulator's report, then the analyses of the same
 * model (blast radius, deploy coordination, scorecard) with the scorecard's measured inputs taken
 * from that report, and, when it ran, the simulated blast radius. Composition lives here, above
 * both: the analyses call the simulator's public API and never this module or the report builder.
 */
import { analyse } from './analyses/analyse.ts';
import { measuredFrom } from './analyses/measured.ts';
import {
  type SimulatedBlastRadius,
  type SimulatedBlastRadiusOptions,
  simulatedBlastRadius,
} from './analyses/simulatedBlastRadius.ts';
import type { Model } from './model/types.ts';
import type { Report } from './report/types.ts';
import { type SimulateOptions, simulate } from './simulate.ts';

/** `report` with the analyses of `model`, and `simulated` (the simulated blast radius) if given. */
export function withAnalyses(
  model: Model,
  report: Report,
  simulated?: SimulatedBlastRadius,
): Report {
  const analyses = analyse(model, measuredFrom(report));
  return {
    ...report,
    ...analyses,
    ...(simulated === undefined ? {} : { simulatedBlastRadius: simulated }),
  };
}

export interface SimulateWithAnalysesOptions extends SimulateOptions {
  /** Also run the simulated blast radius (default false: it makes three runs per component). */
  readonly blastRadius?: boolean | Omit<SimulatedBlastRadiusOptions, 'signal' | 'seed'>;
}

/** Simulates `model`, then composes the report with its analyses (async, worker-safe). */
export async function simulateWithAnalyses(
  model: Model,
  options: SimulateWithAnalysesOptions = {},
): Promise<Report> {
  const { blastRadius = false, ...simulateOptions } = options;
  const report = await simulate(model, simulateOptions);
  if (blastRadius === false) return withAnalyses(model, report);
  const simulated = await simulatedBlastRadius(model, {
    ...(blastRadius === true ? {} : blastRadius),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return withAnalyses(model, report, simulated);
}
