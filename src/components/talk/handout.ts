/**
 * "Print handout": every figure of the chapter drawn before the print dialog opens. Figures
 * hydrate only when scrolled into view, so the ones a reader never reached are started here
 * (`eagerCopy`), and the dialog waits until each has a chart and is not computing. Printing with
 * the browser's own command (`beforeprint`) cannot wait; it starts the missing figures so that a
 * second print has them, and the print CSS marks the ones still missing.
 */
import { eagerCopy, isDormant } from './islands.ts';

/** Longest wait for the figures before printing what there is. */
const PATIENCE_MS = 90_000;

function startDormantFigures(root: ParentNode): void {
  for (const island of root.querySelectorAll('figure.figure-frame > astro-island')) {
    if (isDormant(island)) island.replaceWith(eagerCopy(island));
  }
}

/** Figures still without a chart, or still computing. */
function pending(root: ParentNode): number {
  let count = 0;
  for (const frame of root.querySelectorAll('figure.figure-frame')) {
    const island = frame.querySelector('astro-island');
    const busy = frame.querySelector('[data-busy="true"]') !== null;
    // Charts are SVG; a few figures (the scorecard, the blast-radius table) are tables.
    const drawn = frame.querySelector('svg, table') !== null;
    if ((island && isDormant(island)) || busy || !drawn) count++;
  }
  return count;
}

export function startHandout(
  button: HTMLButtonElement,
  status: HTMLElement,
  root: ParentNode,
): void {
  const total = root.querySelectorAll('figure.figure-frame').length;
  window.addEventListener('beforeprint', () => startDormantFigures(root));
  button.addEventListener('click', () => {
    button.disabled = true;
    startDormantFigures(root);
    const started = Date.now();
    const check = () => {
      const left = pending(root);
      if (left === 0 || Date.now() - started > PATIENCE_MS) {
        status.textContent =
          left === 0
            ? 'All figures drawn.'
            : `${left} figures are still computing; printing what there is.`;
        button.disabled = false;
        window.print();
        return;
      }
      status.textContent = `Drawing figures: ${total - left} of ${total} ready…`;
      setTimeout(check, 300);
    };
    check();
  });
}
