/**
 * Talk mode's address: `#scene=3&<figure>=1.…`. The scene number (from 1, as a speaker says it)
 * sits beside the figures' own link states (`src/lib/figureState.ts`), so a bookmark holds the
 * moment and the numbers on screen. A scene number that is not one is reported, never obeyed.
 */
import { readFragment, writeFragment } from '../figureState.ts';

export const SCENE_KEY = 'scene';

export type SceneFromHash =
  | { readonly kind: 'none' }
  | { readonly kind: 'scene'; readonly index: number }
  | { readonly kind: 'invalid'; readonly notice: string; readonly index: number };

/** The scene index (from 0) an address asks for, among `count` scenes. */
export function sceneFromHash(hash: string, count: number): SceneFromHash {
  const raw = readFragment(hash).get(SCENE_KEY);
  if (raw === undefined) return { kind: 'none' };
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= count) return { kind: 'scene', index: n - 1 };
  const shown = raw.length > 12 ? `${raw.slice(0, 12)}…` : raw;
  const index = Number.isInteger(n) && n > count ? Math.max(0, count - 1) : 0;
  return {
    kind: 'invalid',
    index,
    notice: `The address asks for scene “${shown}”, but this talk has scenes 1 to ${count}; showing scene ${index + 1}.`,
  };
}

/** The address fragment with the scene set to `index` (from 0), other entries kept. */
export function withScene(hash: string, index: number): string {
  return writeFragment(hash, SCENE_KEY, String(index + 1));
}

/**
 * The seed a figure island was built with, read from Astro's serialised island props
 * (`{"seed":[0,7]}`: each value is a `[type, value]` pair). Falls back to 1, every figure's default.
 */
export function seedFromIslandProps(json: string | null): number {
  if (!json) return 1;
  try {
    const props: unknown = JSON.parse(json);
    if (typeof props !== 'object' || props === null) return 1;
    const entry: unknown = (props as Record<string, unknown>).seed;
    const value = Array.isArray(entry) ? entry[1] : undefined;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 1;
  } catch {
    return 1;
  }
}
