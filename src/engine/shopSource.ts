/**
 * The shop generator's YAML for one cut and design, for the worker's `{ shop: { cut, design } }`
 * source. Unknown cuts and choices come back as a message, not a throw.
 */
import {
  type CutName,
  cutNamed,
  DESIGN_CHOICES,
  type Design,
  shopYaml,
} from '../../simulations/presets/shop/index.ts';
import type { DesignFlags } from './protocol.ts';

export type ShopText = { ok: true; yaml: string } | { ok: false; message: string };

export function shopSourceText(cut: string, design: DesignFlags): ShopText {
  try {
    const known = new Set<string>(DESIGN_CHOICES.map((c) => c.name));
    const unknown = Object.keys(design).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      return {
        ok: false,
        message: `unknown design choice "${unknown[0]}"; choices are ${[...known].join(', ')}`,
      };
    }
    const name: CutName = cutNamed(cut).name;
    return { ok: true, yaml: shopYaml({ cut: name, design: design as Partial<Design> }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
