/**
 * Every sandbox chart as a file: SVG as drawn (with the page's text colour and font written in,
 * since a standalone file has no stylesheet) and PNG at twice the size, drawn from that SVG on a
 * canvas. DOM code for the island; nothing here computes a number.
 */
import type * as Plot from '@observablehq/plot';
import { renderChart } from '../figures/renderChart.ts';

/** Starts a download of `blob` as `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a heading: `latency-of-successful-requests`. */
export function fileStem(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart'
  );
}

/** The chart's SVG as standalone text, with colours and fonts resolved. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('color', style.color);
  copy.style.color = style.color;
  copy.style.fontFamily = style.fontFamily;
  copy.style.background = getComputedStyle(document.body).backgroundColor;
  const box = svg.getBoundingClientRect();
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(Math.round(box.width)));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(Math.round(box.height)));
  return new XMLSerializer()
    .serializeToString(copy)
    .replaceAll('var(--bg, white)', getComputedStyle(document.body).backgroundColor);
}

/** PNG of the SVG at `scale` × its size. */
export function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  return new Promise((resolve, reject) => {
    const image = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('no canvas'));
        return;
      }
      context.fillStyle = getComputedStyle(document.body).backgroundColor;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png');
    };
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = url;
  });
}

/** The main SVG of a rendered chart (not a legend's swatches). */
export function mainSvg(figure: Element): SVGSVGElement | undefined {
  return [...figure.querySelectorAll('svg')].find((s) => s.getAttribute('role') === 'img') as
    | SVGSVGElement
    | undefined;
}

/**
 * A chart in a `<figure>` (see `renderChart`) with "SVG" and "PNG" buttons that save it; the
 * buttons name the chart for screen readers.
 */
export function exportableChart(
  heading: string,
  options: Plot.PlotOptions,
  description: string,
  stem: string,
): HTMLElement {
  const figure = renderChart(heading, options, description);
  figure.dataset.chart = stem;
  const bar = document.createElement('div');
  bar.className = 'chart-export';
  for (const kind of ['SVG', 'PNG'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = kind;
    button.setAttribute('aria-label', `Save “${heading}” as ${kind}`);
    button.addEventListener('click', async () => {
      const svg = mainSvg(figure);
      if (!svg) return;
      if (kind === 'SVG')
        download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), `${stem}.svg`);
      else download(await pngBlob(svg), `${stem}.png`);
    });
    bar.append(button);
  }
  figure.querySelector('figcaption')?.append(bar);
  return figure;
}
