/**
 * Loads the document a command names: a YAML file, or a preset by name. Node-only (it reads
 * files); the browser loads presets through `simulations/presets/index.ts` directly.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { formatDiagnostic } from '../model/diagnostics.ts';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { isPresetName, loadPreset, unknownPresetMessage } from '../presets/index.ts';

export type LoadedDocument =
  | {
      readonly ok: true;
      readonly model: Model;
      readonly text: string;
      /** The file name used in messages (`simulations/presets/NAME.yaml` for a preset). */
      readonly file: string;
      /** Warnings, each as `FILE:LINE:COLUMN: message`. */
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      /** One line per problem, `FILE:LINE:COLUMN: message` when the document was read. */
      readonly messages: readonly string[];
    };

/**
 * An existing file wins over a preset of the same name; an argument that is neither a file nor a
 * preset gets "no such file" when it looks like a path, else an unknown-preset message.
 */
export function loadDocument(arg: string): LoadedDocument {
  let text: string;
  let file: string;
  if (existsSync(arg) && statSync(arg).isFile()) {
    file = arg;
    try {
      text = readFileSync(arg, 'utf8');
    } catch (error) {
      return { ok: false, messages: [`${arg}: cannot read: ${(error as Error).message}`] };
    }
  } else if (isPresetName(arg)) {
    file = `simulations/presets/${arg}.yaml`;
    text = loadPreset(arg);
  } else if (/[/\\]|\.ya?ml$/i.test(arg)) {
    return { ok: false, messages: [`${arg}: no such file`] };
  } else {
    return { ok: false, messages: [unknownPresetMessage(arg)] };
  }
  const result = parseTopology(text, { file, once: true });
  if (!result.ok) return { ok: false, messages: result.errors.map(formatDiagnostic) };
  return {
    ok: true,
    model: result.model,
    text,
    file,
    warnings: result.warnings.map(formatDiagnostic),
  };
}
