/**
 * Starting Astro islands again, from the markup the server rendered. Talk mode shows a figure in
 * a new state by mounting a fresh copy of its server-rendered island after writing the state into
 * the address (where every figure reads its starting state), so no island needs a hook of its own.
 * The handout uses the same trick to start figures that were never scrolled into view.
 */

/** Astro's island element: hydrates once, from its attributes and server-rendered children. */
const ISLAND = 'astro-island';

/** Unmounts every island inside `root` (Svelte's `onDestroy` runs: workers are told to stop). */
export function unmountIslands(root: Element): void {
  for (const island of root.querySelectorAll(ISLAND))
    island.dispatchEvent(new CustomEvent('astro:unmount'));
}

/**
 * A copy of `island` whose `client:visible` directive fires at once: the directive observes the
 * island's children with the `rootMargin` from its `opts`, and a margin larger than any page
 * counts as visible. Used for figures that must be drawn without being on screen (printing).
 */
export function eagerCopy(island: Element): Element {
  const copy = island.cloneNode(true) as Element;
  try {
    const opts: unknown = JSON.parse(copy.getAttribute('opts') ?? '{}');
    if (typeof opts === 'object' && opts !== null && copy.getAttribute('client') === 'visible') {
      copy.setAttribute('opts', JSON.stringify({ ...opts, value: { rootMargin: '100000px' } }));
    }
  } catch {
    /* opts Astro did not write: leave the copy as it is */
  }
  return copy;
}

/** Whether an island has not hydrated yet (Astro removes `ssr` when it has). */
export function isDormant(island: Element): boolean {
  return island.hasAttribute('ssr');
}
