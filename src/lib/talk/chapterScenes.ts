/**
 * Scenes as written in a chapter's MDX source, at build time: whether a chapter has a talk view at
 * all; which figure each scene names, so a test can fail a scene whose figure is not in the same
 * chapter before any speaker meets it on stage; and each scene's headline and planned minutes, for
 * the list of talks. (`Scene.astro` validates the same attributes when the chapter renders.)
 */

/** Components in a chapter that are not figures a scene could show. */
const NOT_FIGURES = new Set(['Scene', 'Predict', 'Term', 'Num', 'Theory']);

/** Whether the MDX source declares at least one `<Scene>`. */
export function hasScenes(source: string): boolean {
  return /<Scene\b/.test(source);
}

/** Each component tag's name and its attribute text (up to the next tag), in order. */
function tags(source: string): { name: string; attributes: string }[] {
  const found = [...source.matchAll(/<([A-Z][A-Za-z]*)\b/g)];
  return found.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = found[i + 1]?.index ?? source.length;
    const text = source.slice(start, end);
    const close = text.indexOf('/>');
    const gt = text.indexOf('>\n');
    const stops = [close, gt].filter((n) => n >= 0);
    return {
      name: m[1] ?? '',
      attributes: stops.length > 0 ? text.slice(0, Math.min(...stops)) : text,
    };
  });
}

/** The figure id each `<Scene>` names, in order. */
export function sceneFigures(source: string): string[] {
  return sceneOutline(source).map((s) => s.figure);
}

/** The ids of the figures in the source (`id="…"` on components that draw something). */
export function figureIds(source: string): Set<string> {
  const ids = new Set<string>();
  for (const t of tags(source)) {
    if (NOT_FIGURES.has(t.name)) continue;
    const id = /\bid="([^"]*)"/.exec(t.attributes)?.[1];
    // A deploy timeline without an id is `deploy-<change>`, as DeployTimeline.astro names it.
    const change =
      t.name === 'DeployTimeline' ? /\bchange="([^"]*)"/.exec(t.attributes)?.[1] : undefined;
    if (id) ids.add(id);
    else if (change) ids.add(`deploy-${change}`);
  }
  return ids;
}

/** A scene as the list of talks shows it: its headline and the minutes planned for it, if any. */
export interface SceneOutline {
  readonly figure: string;
  readonly headline: string;
  readonly minutes: number | null;
}

/** Every `<Scene>` of the source, in order: figure, headline and planned minutes. */
export function sceneOutline(source: string): SceneOutline[] {
  return tags(source)
    .filter((t) => t.name === 'Scene')
    .map((t) => {
      const minutes = /\bminutes=\{\s*(\d+(?:\.\d+)?)\s*\}/.exec(t.attributes)?.[1];
      return {
        figure: /\bfigure="([^"]*)"/.exec(t.attributes)?.[1] ?? '',
        headline: /\bheadline="([^"]*)"/.exec(t.attributes)?.[1] ?? '',
        minutes: minutes === undefined ? null : Number(minutes),
      };
    });
}
