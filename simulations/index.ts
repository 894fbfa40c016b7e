/** Public API of Lockstep's simulations: named re-exports only. */
export * from './model/index.ts';
export {
  isPresetName,
  loadPreset,
  type PresetName,
  presetNames,
  unknownPresetMessage,
} from './presets/index.ts';
export type * from './report/types.ts';
export { withAnalyses } from './report/withAnalyses.ts';
export {
  type SimulateOptions,
  type SimulateProgress,
  simulate,
  simulateSync,
} from './simulate.ts';
