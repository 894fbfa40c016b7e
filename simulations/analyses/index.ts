/**
 * The analyses: what a topology costs to change and to run, beyond what the simulator measures.
 * `analyse` is pure and cheap (no simulation). `simulatedBlastRadius` and `check` run the simulator
 * and are imported from their own modules, so the simulator can import this barrel without a cycle.
 */
export { analyse } from './analyse.ts';
export { staticBlastRadius } from './blastRadius.ts';
export { staticChattiness } from './chattiness.ts';
export { defaultChanges, deployCoordination } from './deployCoordination.ts';
export { checkEventChange } from './eventRules.ts';
export { simulateRelease } from './releaseSimulation.ts';
export { scorecard } from './scorecard.ts';
export type * from './types.ts';
