/**
 * `analyse`: the cheap, pure analyses of one model (no simulation). In a module of its own rather
 * than in the barrel (`index.ts`), so that the command line, which needs only this, does not load
 * what the barrel also re-exports: the release simulation and, with it, xstate.
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
