/**
 * Sizes the stage's figure for the back of the room. Figures are drawn for a reading column
 * (charts up to about 760 px wide, small axis labels), so the stage scales the whole figure with
 * CSS `zoom`, which keeps it live and crisp (text and SVG re-rasterise) and gives the island a
 * narrower layout width to draw into: type, lines and controls grow together. The zoom fills the
 * width, then shrinks to fit the height if the figure is tall, but never below a floor that keeps
 * the smallest text legible from the back (the stage then scrolls, which beats squinting).
 */

/** The width figures are designed for; wider stages zoom in. */
const DESIGN_WIDTH = 860;
const MAX_ZOOM = 2.4;
/** The widest layout a figure may get before its small print is too small to read on a wall. */
const LEGIBLE_WIDTH = 1100;

/** The zoom for a figure of natural height `naturalH` in a slot of `slotW × slotH`. */
export function stageZoom(slotW: number, slotH: number, naturalH: number): number {
  const byWidth = slotW / DESIGN_WIDTH;
  const byHeight = naturalH > 0 ? slotH / naturalH : byWidth;
  const floor = Math.max(1, slotW / LEGIBLE_WIDTH);
  return Math.round(Math.min(MAX_ZOOM, Math.max(floor, Math.min(byWidth, byHeight))) * 100) / 100;
}

/** Keeps `figure` zoomed to `slot` as either changes size; returns a function that stops. */
export function fitFigure(slot: HTMLElement, figure: Element): () => void {
  if (!(figure instanceof HTMLElement)) return () => {};
  let zoom = 1;
  const apply = () => {
    const box = figure.getBoundingClientRect();
    // getBoundingClientRect is in zoomed pixels; the natural height is that over the zoom.
    const natural = box.height / zoom;
    const next = stageZoom(slot.clientWidth, slot.clientHeight, natural);
    // Small changes are left alone, so a redraw that moves a line never sets zoom oscillating.
    if (Math.abs(next - zoom) / zoom < 0.04) return;
    zoom = next;
    figure.style.setProperty('zoom', String(zoom));
  };
  const observer = new ResizeObserver(() => apply());
  observer.observe(slot);
  observer.observe(figure);
  apply();
  return () => observer.disconnect();
}
