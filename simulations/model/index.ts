/** The model layer: topology documents in, validated `Model`s or located diagnostics out. */
export { DEFAULTS, LIMITS } from './defaults.ts';
export { type Diagnostic, formatDiagnostic } from './diagnostics.ts';
export { normaliseDistribution } from './normalise.ts';
export { type ParseOptions, type ParseResult, parseTopology } from './parse.ts';
export { DISTRIBUTION_NAMES, type RawTopology, STEP_KINDS, topologySchema } from './schema.ts';
export type * from './types.ts';
export {
  type DurationOptions,
  MAX_DURATION_MS,
  parseDuration,
  parseShare,
  type UnitResult,
} from './units.ts';

/** Path of the generated JSON Schema, relative to the repository root (`npm run schema`). */
export const JSON_SCHEMA_PATH = 'simulations/model/topology.schema.json';
