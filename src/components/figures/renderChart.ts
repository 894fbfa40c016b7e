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
  const chart = Plot.plot({ ...options, ariaLabel: heading, ariaDescription: description });
  for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll('svg')) {
    if (svg.hasAttribute('aria-label')) svg.setAttribute('role', 'img');
    else svg.setAttribute('aria-hidden', 'true'); // legend swatches: the text beside says it
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  section.append(caption, chart);
  return section;
}

/** A chart's width for a container `width` px wide: readable on a phone, not sprawling on a wall. */
export function chartWidth(width: number): number {
  return Math.max(320, Math.min(900, width));
}
