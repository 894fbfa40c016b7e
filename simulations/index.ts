/** Public API of Lockstep's simulations: named re-exports only. */
export {
  type CheckOptions,
  type CheckResult,
  check,
} from './analyses/check.ts';
export {
  type SimulatedBlastRadius,
  type SimulatedBlastRadiusOptions,
  simulatedBlastRadius,
} from './analyses/simulatedBlastRadius.ts';
export * from './model/index.ts';
export {
  isPresetName,
  loadPreset,
  type PresetName,
  presetNames,
  unknownPresetMessage,
} from './presets/index.ts';
export type * from './report/types.ts';
export {
  type SimulateOptions,
  type SimulateProgress,
  simulate,
  simulateSync,
} from './simulate.ts';
export {
  type SimulateWithAnalysesOptions,
  simulateWithAnalyses,
  withAnalyses,
} from './withAnalyses.ts';
