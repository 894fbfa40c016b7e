/**
 * The zod schema of a topology document, assembled from small section schemas in `schema/`.
 * Its output has units converted (milliseconds, shares) but no defaults or cross-references:
 * `normalise` adds those.
 */
export { DISTRIBUTION_NAMES, distribution } from './schema/distribution.ts';
export { type RawTopology, topologySchema } from './schema/document.ts';
export { type RawStep, STEP_KINDS, STEP_OPTIONS_BY_KIND, stepSchema } from './schema/steps.ts';
