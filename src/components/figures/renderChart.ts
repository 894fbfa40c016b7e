/**
 * DOM wiring shared by the islands: one Plot chart in a `<figure>` with its heading, described to
 * assistive technology as one image (the figure's text summary), with Plot's per-mark labels on
 * plain groups removed (axe flags them, and they say nothing a reader needs).
 */
import * as Plot from '@observablehq/plot';

export function renderChart(heading: string, options: Plot.PlotOptions, description: string) {
  const section = document.createElement('figure');
  section.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = heading;
  const chart = hoistStyles(
    Plot.plot({ ...options, ariaLabel: heading, ariaDescription: description }),
  );
  for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll('svg')) {
    if (svg.hasAttribute('aria-label')) svg.setAttribute('role', 'img');
    else svg.setAttribute('aria-hidden', 'true'); // legend swatches: the text beside says it
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  section.append(caption, chart);
  return section;
}

/** Style sheets already moved to the page's head, by their text. */
const hoisted = new Set<string>();

/**
 * Moves the `<style>` elements Plot puts in every chart (the same few rules each time) to the
 * page's head, once each. A style element arriving with each redraw is a new style sheet, which
 * makes the browser recompute style and layout for the whole essay, not just the chart: on a long
 * page that was most of a redraw's main-thread time.
 */
export function hoistStyles<T extends Element>(chart: T): T {
  for (const style of chart.querySelectorAll('style')) {
    const text = style.textContent ?? '';
    if (!hoisted.has(text)) {
      hoisted.add(text);
      const sheet = document.createElement('style');
      sheet.dataset.plotStyles = '';
      sheet.textContent = text;
      document.head.append(sheet);
    }
    style.remove();
  }
  return chart;
}

/** A chart's width for a container `width` px wide: readable on a phone, not sprawling on a wall. */
export function chartWidth(width: number): number {
  return Math.max(320, Math.min(900, width));
}
