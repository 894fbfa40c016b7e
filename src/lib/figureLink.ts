/**
 * A figure's state in the page address: read it when the figure starts, write it on "Copy link",
 * clear it on "Reset". One entry per figure in the fragment, so several figures on a page keep
 * their own state in one shareable link.
 */
import {
  decodeFigureState,
  encodeFigureState,
  type FigureState,
  readFragment,
  writeFragment,
} from './figureState.ts';

export type LoadedState =
  | { readonly kind: 'none' }
  | { readonly kind: 'state'; readonly state: FigureState }
  | { readonly kind: 'invalid'; readonly notice: string };

/**
 * Figures whose start-up read of the address is done. Until then a figure's first report would
 * be its defaults, and writing those would erase the very state it is about to read.
 */
const settled = new Set<string>();
/** Whether the address follows every change (talk mode) rather than only "Copy link". */
let following = false;
/** Pending writes per figure: reports are coalesced, because browsers limit address rewrites. */
const pendingWrites = new Map<string, ReturnType<typeof setTimeout>>();
/** Newest report per figure: encoding is asynchronous, and an older one must not win. */
const latest = new Map<string, number>();
let reports = 0;
/** A replay stepping or a slider dragging reports many states a second; one write per pause. */
const WRITE_PAUSE_MS = 150;

/** The event a page hears after a figure's state was written into the address. */
export const FIGURE_STATE_EVENT = 'lockstep:figure-state';

/**
 * The event a page hears when figure `id` has read its starting state from the address. The
 * figure applies that state as soon as this event's task is done, so a page that waits one task
 * after it sees the figure in its starting state, not its defaults.
 */
export const FIGURE_STARTED_EVENT = 'lockstep:figure-started';

/** The state stored for figure `id` in the current address, if any. */
export async function loadFigureState(id: string): Promise<LoadedState> {
  settled.delete(id);
  try {
    return await readFigureState(id);
  } finally {
    settled.add(id);
    window.dispatchEvent(new CustomEvent(FIGURE_STARTED_EVENT, { detail: { id } }));
  }
}

async function readFigureState(id: string): Promise<LoadedState> {
  const stored = readFragment(location.hash).get(id);
  if (stored === undefined) return { kind: 'none' };
  const decoded = await decodeFigureState(stored);
  if (decoded.ok) return { kind: 'state', state: decoded.state };
  return {
    kind: 'invalid',
    notice: `This figure's link could not be used (${decoded.reason}); showing its defaults.`,
  };
}

function replaceHash(hash: string): string {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  return `${location.origin}${location.pathname}${location.search}${hash}`;
}

/** Writes the state into the address and copies the link; resolves to what to tell the reader. */
export async function copyFigureLink(id: string, state: FigureState): Promise<string> {
  const url = replaceHash(writeFragment(location.hash, id, await encodeFigureState(state)));
  try {
    await navigator.clipboard.writeText(url);
    return 'Link copied';
  } catch {
    return 'Link is in the address bar';
  }
}

/** Removes the figure's entry from the address. */
export function clearFigureLink(id: string): void {
  replaceHash(writeFragment(location.hash, id, undefined));
}

/**
 * From now on, every figure state reported with `reportFigureState` goes into the address as it
 * changes, so a bookmark taken at any moment returns to it. Talk mode turns this on; essays keep
 * their address clean until the reader asks for a link.
 */
export function followFigureStates(): void {
  following = true;
}

/**
 * A figure's current state, reported by the figure on every change. Written into the address
 * only while `followFigureStates` is on and after the figure has read its starting state.
 */
export function reportFigureState(id: string, state: FigureState): void {
  if (!following || !settled.has(id)) return;
  const ticket = ++reports;
  latest.set(id, ticket);
  clearTimeout(pendingWrites.get(id));
  pendingWrites.set(
    id,
    setTimeout(() => {
      pendingWrites.delete(id);
      void encodeFigureState(state).then(
        (encoded) => {
          if (latest.get(id) !== ticket || !settled.has(id)) return;
          replaceHash(writeFragment(location.hash, id, encoded));
          window.dispatchEvent(new CustomEvent(FIGURE_STATE_EVENT, { detail: { id } }));
        },
        () => {
          /* a state the schema refuses is never written; the figure keeps working */
        },
      );
    }, WRITE_PAUSE_MS),
  );
}

/**
 * The page is about to start figure `id` again (talk mode re-mounts a figure for each scene):
 * reports still being encoded for the old one are dropped, and none is written until the new
 * one has read its starting state.
 */
export function restartFigureState(id: string): void {
  settled.delete(id);
  latest.delete(id);
  clearTimeout(pendingWrites.get(id));
  pendingWrites.delete(id);
}
