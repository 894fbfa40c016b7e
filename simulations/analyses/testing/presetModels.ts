/** The three presets as parsed models, for tests. */
import { parseTopology } from '../../model/parse.ts';
import type { Model } from '../../model/types.ts';
import { loadPreset, type PresetName } from '../../presets/index.ts';

export function presetModel(name: PresetName): Model {
  const result = parseTopology(loadPreset(name), { file: `${name}.yaml` });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}
