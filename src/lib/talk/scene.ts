/**
 * A talk-mode scene: which figure it shows, its headline, the state it opens the figure in and the
 * speaker's notes. Scenes are written with `<Scene>` in a chapter's MDX; the page carries each one
 * as JSON on an inert `<template>` whose content is the notes, read back here in page order.
 */
import * as z from 'zod/mini';
import { type FigureState, STATE_VERSION, settingSchema } from '../figureState.ts';

export const sceneSchema = z.strictObject({
  /** The `id` of a figure on the same page. */
  figure: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/), z.maxLength(80)),
  headline: z.string().check(z.minLength(1), z.maxLength(90)),
  /** Control settings the scene opens the figure with. */
  settings: z.array(settingSchema).check(z.maxLength(40)),
  seed: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(0xffffffff))),
  view: z.optional(z.string().check(z.maxLength(40))),
  step: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000))),
  failed: z.optional(z.string().check(z.maxLength(120))),
  follow: z.optional(z.string().check(z.maxLength(120))),
  /** Minutes the speaker plans for the scene. */
  minutes: z.optional(z.number().check(z.positive(), z.maximum(60))),
});

export type SceneData = z.infer<typeof sceneSchema>;

/** A scene as talk mode uses it: its data and its notes (trusted HTML from the build). */
export interface Scene extends SceneData {
  readonly notes: string;
}

/** What one `<template data-lockstep-scene>` holds, independent of the DOM. */
export interface SceneSource {
  readonly data: string | null;
  readonly notes: string;
}

export type SceneList =
  | { readonly ok: true; readonly scenes: readonly Scene[] }
  | { readonly ok: false; readonly problems: readonly string[]; readonly scenes: readonly Scene[] };

/**
 * Scenes from their templates, in order. A template that does not parse is reported by its
 * position and skipped, so one bad scene never takes the talk down.
 */
export function readScenes(sources: readonly SceneSource[]): SceneList {
  const scenes: Scene[] = [];
  const problems: string[] = [];
  sources.forEach((source, i) => {
    let json: unknown;
    try {
      json = JSON.parse(source.data ?? '');
    } catch {
      problems.push(`scene ${i + 1} is not readable`);
      return;
    }
    const parsed = sceneSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`scene ${i + 1} has an invalid ${issue?.path.join('.') || 'value'}`);
      return;
    }
    scenes.push({ ...parsed.data, notes: source.notes.trim() });
  });
  return problems.length > 0 ? { ok: false, problems, scenes } : { ok: true, scenes };
}

/**
 * The figure state a scene opens with, or `undefined` when it sets nothing (the figure's defaults).
 * `defaultSeed` is the figure's own seed, used when the scene sets controls but no seed.
 */
export function sceneFigureState(scene: SceneData, defaultSeed: number): FigureState | undefined {
  const { settings, seed, view, step, failed, follow } = scene;
  const extras = { view, step, failed, follow };
  const hasExtras = Object.values(extras).some((v) => v !== undefined);
  if (settings.length === 0 && seed === undefined && !hasExtras) return undefined;
  const state: FigureState = {
    v: STATE_VERSION,
    seed: seed ?? defaultSeed,
    settings: [...settings],
  };
  if (view !== undefined) state.view = view;
  if (step !== undefined) state.step = step;
  if (failed !== undefined) state.failed = failed;
  if (follow !== undefined) state.follow = follow;
  return state;
}
