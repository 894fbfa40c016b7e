/**
 * The shop presets, by name. The YAML files beside this module are the source; their texts reach
 * code through the generated `texts.ts`, which works unchanged in Node, Web Workers and bundles.
 */
import { closest } from '../model/didYouMean.ts';
import { presetTexts } from './texts.ts';

export type PresetName = keyof typeof presetTexts;

/** Every preset, in the order the essays introduce them. */
export const presetNames: readonly PresetName[] = Object.keys(presetTexts) as PresetName[];

/**
 * The three shop presets: the same shop (endpoints, traffic mix, business work) in three
 * architectures. The other presets (`retry-storm`) each demonstrate one effect.
 */
export const shopPresetNames: readonly PresetName[] = [
  'monolith',
  'distributed-monolith',
  'microservices',
];

/** True when `name` is a preset. */
export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presetTexts, name);
}

/** The YAML text of a preset; throws, suggesting the closest name, when there is no such preset. */
export function loadPreset(name: string): string {
  if (isPresetName(name)) return presetTexts[name];
  throw new Error(unknownPresetMessage(name));
}

/** `unknown preset "x"; did you mean "y"?` (or the list of presets when nothing is close). */
export function unknownPresetMessage(name: string): string {
  const near = closest(name, presetNames);
  const hint =
    near === undefined
      ? `presets are ${presetNames.map((n) => `"${n}"`).join(', ')}`
      : `did you mean "${near}"?`;
  return `unknown preset ${JSON.stringify(name)}; ${hint}`;
}
