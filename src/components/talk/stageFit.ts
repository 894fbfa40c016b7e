/**
 * Sizes the stage's figure for the back of the room. Figures are drawn for a reading column
 * (charts up to about 760 px wide, small axis labels), so the stage lays the figure card out for
 * a 16:9 screen (`stage-figure.css`: controls in a side column, the chart in the main one) and
 * scales the whole card with CSS `zoom`, which keeps it live and crisp (text and SVG
 * re-rasterise) and gives the island a narrower layout width to draw into: type, lines and
 * controls grow together.
 *
 * The zoom is the largest at which the whole figure fits the slot: a speaker needs the headline,
 * the controls and the chart on screen at once, so fitting wins over size. Charts have fixed
 * heights and take the width they are given, so the height sets the zoom, and the width only
 * caps it where the main column would get narrower than a chart can be drawn.
 *
 * A figure with several charts rarely fits legibly with all of them: then the stage shows one
 * chart at a time (`data-chart-page` on the slot; ↓ and ↑ step through them, see `stage.ts`),
 * a diagram to press being the first "chart" and a state-machine replay beside the charts the
 * last.
 *
 * The one-line summary sits in the side column under the controls; where that makes the side
 * column the taller one (a long summary beside a short chart), it goes under the chart instead,
 * whichever leaves the figure shorter (`data-summary="under"` on the slot).
 */

/** A figure that became shorter than this share of its height may grow again. */
const SHORTER = 0.85;
/**
 * After this long without a change, the stage fits the figure afresh, whatever overflowed before.
 * Short enough that a figure left small by a change the heights could not explain is put right
 * before a speaker notices.
 */
const QUIET_MS = 150;
/** A fresh fit of a figure whose natural height is within this share of the last one's is moot. */
const SAME_HEIGHT = 0.02;
/** Beyond this a short figure would only get blurry-big: headline and chart stay in proportion. */
const MAX_ZOOM = 2.4;
/** Below this the figure would be smaller than designed; a figure that needs less scrolls. */
const MIN_ZOOM = 0.75;
/**
 * The zoom below which several charts are shown one at a time: with the stage's chart type
 * (`--stage-chart-type` in `stage-figure.css`, 14 px) it keeps axis labels at 18 px on screen.
 */
export const LEGIBLE_ZOOM = 1.3;

/**
 * The zoom for a figure of natural (unzoomed) height `naturalH` in a slot of `slotW × slotH`,
 * whose layout must stay at least `minLayoutW` wide for its charts to be drawn.
 */
export function stageZoom(
  slotW: number,
  slotH: number,
  naturalH: number,
  minLayoutW = 860,
): number {
  const byHeight = naturalH > 0 ? slotH / naturalH : MAX_ZOOM;
  const byWidth = minLayoutW > 0 ? slotW / minLayoutW : MAX_ZOOM;
  const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, byHeight, byWidth));
  // Rounded down, so a rounded zoom never overflows the slot by a pixel.
  return Math.floor(zoom * 100) / 100;
}

/** What the stage needs to know about the figure it shows: how many chart pages it has. */
export interface FigureFit {
  /** Charts shown one at a time (1 when they are all on screen together). */
  readonly pages: number;
}

/**
 * The figure card's own diagram to press (fail a component's), not the state diagram inside the
 * breaker figure's replay, which is a card of its own nested in it.
 */
const TOP_DIAGRAM = ':scope > astro-island > .figure-card > .diagram';

/**
 * The panels of a figure card that can be shown one at a time: a diagram to press, if any (fail a
 * component's, which then gets the whole width), the charts an island draws into its `.charts`
 * box, then a state-machine replay beside them (the breaker figure's), if any.
 */
function panelsOf(figure: HTMLElement): HTMLElement[] {
  return [
    ...figure.querySelectorAll<HTMLElement>(
      `${TOP_DIAGRAM}, .figure-card > .charts > figure, .figure-card > .machine`,
    ),
  ];
}

/** Text on screen smaller than this is hard to read from the back of a room (14 px × 1.3). */
const LEGIBLE_PX = 18;

/**
 * The smallest text of the figure's diagram to press as drawn on screen (zoom and the SVG's
 * scaling both), or Infinity when it has none: a diagram beside its chart is drawn to fit its
 * column, so its names can be small at a zoom that leaves the chart's type large.
 */
function diagramTextPx(figure: HTMLElement): number {
  const svg = figure.querySelector<SVGSVGElement>(`${TOP_DIAGRAM} svg`);
  const width = svg?.viewBox.baseVal?.width;
  if (!svg || !width) return Number.POSITIVE_INFINITY;
  const scale = svg.getBoundingClientRect().width / width;
  let smallest = Number.POSITIVE_INFINITY;
  for (const text of svg.querySelectorAll('text')) {
    const px = Number.parseFloat(getComputedStyle(text).fontSize);
    if (px > 0 && px < smallest) smallest = px;
  }
  return smallest * scale;
}

/** The narrowest layout (unzoomed px) that still leaves the main column room for a chart. */
function minLayoutWidth(figure: HTMLElement): number {
  const card = figure.querySelector<HTMLElement>('.figure-card');
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const side = card
    ? Number.parseFloat(getComputedStyle(card).getPropertyValue('--stage-side'))
    : 0;
  // The side column (in rem) plus a main column a little wider than the narrowest chart the
  // islands draw (320 px).
  return (Number.isFinite(side) ? side * rem : 0) + 30 * rem;
}

/**
 * Puts the figure's summary where the figure is shorter: beside the chart, under the controls, or
 * under the chart. Both are measured at the current zoom (the columns keep their widths, so the
 * charts need no redraw); the choice is a function of what is drawn now, so it cannot flip back
 * and forth between two observations of the same figure.
 */
function placeSummary(slot: HTMLElement, figure: HTMLElement): void {
  if (!figure.querySelector('.figure-card > .summary')) return;
  const heightWith = (place: 'side' | 'under') => {
    if (place === 'under') slot.dataset.summary = 'under';
    else delete slot.dataset.summary;
    return figure.getBoundingClientRect().height;
  };
  const side = heightWith('side');
  // Under only for a clear gain: a pixel's difference is rounding, not room.
  if (heightWith('under') > side - 2) heightWith('side');
}

/**
 * Keeps `figure` zoomed to fit `slot` as either changes size; `onFit` hears how many chart pages
 * the figure has whenever that changes. Returns a function that stops.
 */
export function fitFigure(
  slot: HTMLElement,
  figure: Element,
  onFit: (fit: FigureFit) => void = () => {},
): () => void {
  if (!(figure instanceof HTMLElement)) return () => {};
  let zoom = 1;
  /**
   * Once a figure is paged it stays paged: charts redraw as the zoom changes, and a layout that
   * flipped between all charts and one would never settle.
   */
  let paged = false;
  let pages = 0;
  const setZoom = (next: number) => {
    zoom = next;
    figure.style.setProperty('zoom', String(zoom));
  };
  /** The slot's height for the figure: its padding is not room. */
  const room = () => {
    const style = getComputedStyle(slot);
    return (
      slot.clientHeight -
      (Number.parseFloat(style.paddingTop) || 0) -
      (Number.parseFloat(style.paddingBottom) || 0)
    );
  };
  /**
   * The smallest zoom at which the figure overflowed, never grown to again while the slot and the
   * chart page stay the same. Text wraps differently at each width and charts redraw a frame
   * after their box changes, so a figure on the edge would otherwise flip between two zooms.
   */
  let ceiling = Number.POSITIVE_INFINITY;
  /** The last measurement: the zoom it was taken at and the natural height it found. */
  let last = { zoom: 0, natural: 0 };
  let seen = '';
  const fitted = (): number => {
    const context = `${slot.clientWidth}×${slot.clientHeight}:${slot.dataset.chartPage ?? ''}`;
    if (context !== seen) {
      seen = context;
      ceiling = Number.POSITIVE_INFINITY;
    }
    for (let step = 0; step < 6; step++) {
      // getBoundingClientRect is in zoomed pixels; the natural height is that over the zoom.
      const height = figure.getBoundingClientRect().height;
      const natural = height / zoom;
      // The figure itself got much shorter at the same zoom (a scene hid a table's explanations,
      // a long summary was replaced): what overflowed before says nothing now. Only at the same
      // zoom: at another, text rewraps and the height changes for that reason alone.
      if (zoom === last.zoom && natural < last.natural * SHORTER)
        ceiling = Number.POSITIVE_INFINITY;
      last = { zoom, natural };
      const available = room();
      const next = stageZoom(slot.clientWidth, available, natural, minLayoutWidth(figure));
      const overflows = height > available + 1;
      if (overflows) ceiling = Math.min(ceiling, zoom);
      // Shrink whenever it overflows (or the slot narrowed); grow only for a visible gain.
      const shrink = next < zoom && (overflows || next < zoom * 0.96);
      const grow = next > zoom * 1.04 && next < ceiling;
      if (!shrink && !grow) break;
      setZoom(next);
    }
    return zoom;
  };
  /**
   * A fit from scratch, once the figure has been still for `QUIET_MS`: the ceiling is inferred
   * from heights observed one at a time, and a content change that lands between two zooms (a
   * scene's state applied while the chart redraws, say) can leave it lower than anything the
   * figure now needs. Never twice from the same state (zoom, slot and a natural height within
   * `SAME_HEIGHT`): a figure that overflows again once its charts redraw settles back where it
   * was, and is left there.
   */
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const fittedAfresh: { zoom: number; natural: number; context: string }[] = [];
  const fitAfresh = () => {
    quiet = undefined;
    const natural = figure.getBoundingClientRect().height / zoom;
    const done = fittedAfresh.some(
      (f) =>
        f.zoom === zoom &&
        f.context === seen &&
        Math.abs(natural - f.natural) <= f.natural * SAME_HEIGHT,
    );
    if (done) return;
    // A figure that keeps changing (a replay stepping) would otherwise grow the list for good.
    if (fittedAfresh.length >= 32) fittedAfresh.shift();
    fittedAfresh.push({ zoom, natural, context: seen });
    ceiling = Number.POSITIVE_INFINITY;
    apply();
  };
  const apply = () => {
    placeSummary(slot, figure);
    const charts = panelsOf(figure).length;
    if (!paged && charts > 1 && (fitted() < LEGIBLE_ZOOM || diagramTextPx(figure) < LEGIBLE_PX)) {
      paged = true;
      slot.dataset.chartPage = slot.dataset.chartPage ?? '1';
    }
    fitted();
    const now = paged ? Math.max(1, charts) : 1;
    if (now !== pages) {
      pages = now;
      onFit({ pages });
    }
    if (quiet !== undefined) clearTimeout(quiet);
    quiet = setTimeout(fitAfresh, QUIET_MS);
  };
  delete slot.dataset.chartPage;
  delete slot.dataset.summary;
  const observer = new ResizeObserver(() => apply());
  observer.observe(slot);
  observer.observe(figure);
  apply();
  return () => {
    observer.disconnect();
    if (quiet !== undefined) clearTimeout(quiet);
    delete slot.dataset.chartPage;
    delete slot.dataset.summary;
  };
}
