/**
 * The analyses: what a topology costs to change and to run, beyond what the simulator measures.
 * `analyse` is pure and cheap (no simulation). `simulatedBlastRadius` and `check` run the simulator
 * and are imported from their own modules, so the simulator can import this barrel without a cycle.
 */
import type { Model } from '../model/types.ts';
import { staticBlastRadius } from './blastRadius.ts';
import { deployCoordination } from './deployCoordination.ts';
import { scorecard } from './scorecard.ts';
import type { Analyses, Measured } from './types.ts';

/** Blast radius, deploy coordination and the scorecard of one model. */
export function analyse(model: Model, measured: Measured = {}): Analyses {
  const blastRadius = staticBlastRadius(model);
  const deploy = deployCoordination(model);
  return { blastRadius, deploy, scorecard: scorecard(model, { deploy, measured }) };
}

export { staticBlastRadius } from './blastRadius.ts';
export { staticChattiness } from './chattiness.ts';
export { defaultChanges, deployCoordination } from './deployCoordination.ts';
export { checkEventChange } from './eventRules.ts';
export { simulateRelease } from './releaseSimulation.ts';
export { scorecard } from './scorecard.ts';
export type * from './types.ts';
